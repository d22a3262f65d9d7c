import { z } from "zod";
import type { ServiceContext } from "../../../../services/context.js";
import { getPortalActions, savePortalActions } from "../../../../services/portal/action-service.js";
import {
  acknowledgePortalEvents,
  listPortalEvents,
  portalEventSubscription,
} from "../../../../services/portal/portal-events-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { errorResponses, uuidSchema } from "../schemas.js";

const tags = ["portal"];
const unitParams = z.object({ buId: uuidSchema });
const typeParams = z.object({ buId: uuidSchema, typeId: uuidSchema });

const actionsResponse = z.object({
  /** The stored actions; docs/portal-actions.md describes their shape. */
  actions: z.array(z.record(z.string(), z.unknown())),
  types: z.array(z.object({ id: z.string(), name: z.string() })),
});

const eventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  activity: z.object({ id: z.string(), reference: z.string() }),
  sourceActivityId: z.string().nullable(),
  customer: z.object({ id: z.string(), name: z.string() }),
  actionLabel: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});

/** Portal actions of activity types, and the portal events planners follow. */
export function registerPortalActionStaffRoutes(app: App, context: ServiceContext): void {
  const path = "/business-units/:buId/activity-types/:typeId/portal-actions";
  app.get(
    path,
    {
      schema: {
        tags,
        summary: "The activity type's portal actions, with the unit's types to target",
        params: typeParams,
        response: { 200: actionsResponse, ...errorResponses },
      },
    },
    async (request) =>
      getPortalActions(context, actorOf(request), request.params.buId, request.params.typeId) as Promise<
        z.infer<typeof actionsResponse>
      >,
  );

  app.put(
    path,
    {
      schema: {
        tags,
        summary: "Replace the activity type's ordered portal actions (admins)",
        params: typeParams,
        body: z.object({ actions: z.array(z.unknown()).max(100) }),
        response: { 200: actionsResponse, ...errorResponses },
      },
    },
    async (request) =>
      savePortalActions(
        context,
        actorOf(request),
        request.params.buId,
        request.params.typeId,
        request.body.actions,
      ) as Promise<z.infer<typeof actionsResponse>>,
  );

  app.get(
    "/business-units/:buId/portal-events",
    {
      schema: {
        tags,
        summary: "What customers did on the portal, newest first, with the count of new events",
        params: unitParams,
        querystring: z.object({
          status: z.enum(["new", "all"]).default("new"),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ events: z.array(eventSchema), newCount: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { events, newCount } = await listPortalEvents(context, actorOf(request), request.params.buId, {
        onlyNew: request.query.status === "new",
        limit: request.query.limit,
      });
      return {
        newCount,
        events: events.map((event) => ({
          ...event,
          createdAt: event.createdAt.toISOString(),
          acknowledgedAt: event.acknowledgedAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    "/business-units/:buId/portal-events/acknowledge",
    {
      schema: {
        tags,
        summary: "Mark portal events as seen: the given ones, or every new one",
        params: unitParams,
        body: z.object({ ids: z.array(uuidSchema).max(500).optional() }),
        response: { 200: z.object({ acknowledged: z.number() }), ...errorResponses },
      },
    },
    async (request) => ({
      acknowledged: await acknowledgePortalEvents(
        context,
        actorOf(request),
        request.params.buId,
        request.body.ids,
      ),
    }),
  );

  const subscription = "/business-units/:buId/portal-events/subscription";
  app.get(
    subscription,
    {
      schema: {
        tags,
        summary: "Whether the signed-in planner gets an email for each portal event",
        params: unitParams,
        response: { 200: z.object({ subscribed: z.boolean() }), ...errorResponses },
      },
    },
    async (request) => portalEventSubscription(context, actorOf(request), request.params.buId),
  );
  app.put(
    subscription,
    {
      schema: {
        tags,
        summary: "Opt in or out of the emails about portal events (planners)",
        params: unitParams,
        body: z.object({ subscribed: z.boolean() }),
        response: { 200: z.object({ subscribed: z.boolean() }), ...errorResponses },
      },
    },
    async (request) =>
      portalEventSubscription(context, actorOf(request), request.params.buId, request.body.subscribed),
  );
}
