import { requireMember } from "../../../../services/access.js";
import { resolveSession } from "../../../../services/auth-service.js";
import type { ServiceContext } from "../../../../services/context.js";
import { actorOf, STAFF_SESSION_COOKIE } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";

/** Comments keep proxies from closing an idle stream; the session is checked again at each one. */
const HEARTBEAT_MS = 20_000;

/**
 * Server-sent events telling the unit's screens what changed (ids only), so the team schedule
 * and lists refresh without a reload. Each event is `event: change` with `{kind, id}`.
 */
export function registerEventRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/business-units/:buId/events",
    {
      schema: {
        tags: ["events"],
        summary: "Server-sent events with the ids of changed records of the unit",
        params: businessUnitParams,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { buId } = request.params;
      requireMember(actor, buId);
      const feed = context.changeFeed;
      if (!feed)
        return reply
          .status(503)
          .send({ error: { code: "unavailable", message: "Live updates are off.", requestId: request.id } });

      reply.hijack();
      const stream = reply.raw;
      stream.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
        "x-request-id": request.id,
      });
      stream.write("retry: 2000\n\n");

      const unsubscribe = feed.subscribe((event) => {
        if (event.organizationId !== actor.organizationId || event.businessUnitId !== buId) return;
        stream.write(`event: change\ndata: ${JSON.stringify({ kind: event.kind, id: event.id })}\n\n`);
      });
      const token = request.cookies[STAFF_SESSION_COOKIE];
      const heartbeat = setInterval(async () => {
        const stillSignedIn = token ? await resolveSession(context, token).catch(() => undefined) : undefined;
        if (!stillSignedIn) {
          stream.end();
          return;
        }
        stream.write(": heartbeat\n\n");
      }, HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.raw.on("close", close);
      stream.on("close", close);
    },
  );
}
