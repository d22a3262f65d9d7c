import { pingDatabase } from "../../db/database.js";
import type { ServiceContext } from "../../services/context.js";
import type { App } from "../types.js";

export function registerHealthRoutes(app: App, context: ServiceContext): void {
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));

  app.get("/readyz", { schema: { hide: true } }, async (request, reply) => {
    try {
      await pingDatabase(context.db);
      return { status: "ok" };
    } catch (error) {
      request.log.error({ err: error }, "readiness check failed: database unreachable");
      return reply.status(503).send({ status: "unavailable", requestId: request.id });
    }
  });
}
