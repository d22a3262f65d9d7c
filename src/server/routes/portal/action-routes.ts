import { z } from "zod";
import { DERIVED_STATES } from "../../../domain/activities/lifecycle.js";
import type { ServiceContext } from "../../../services/context.js";
import { actionOffers, runPortalAction } from "../../../services/portal/action-service.js";
import { portalPrincipalOf } from "../../portal-auth.js";
import type { App } from "../../types.js";
import { errorResponses } from "../api/schemas.js";

const actionParams = z.object({ typeId: z.uuid(), actionId: z.string().min(1).max(100) });

const offerSchema = z.object({
  timeZone: z.string(),
  viewerTimeZone: z.string(),
  from: z.string(),
  to: z.string(),
  arrivalWindowMinutes: z.number(),
  windows: z.array(
    z.object({ start: z.string(), end: z.string(), date: z.string(), workerName: z.string().optional() }),
  ),
});

/** The scheduling step and the run of a portal action. */
export function registerPortalActionRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/actions/:typeId/:actionId/offers",
    {
      schema: {
        tags: ["portal"],
        summary: "Arrival windows the customer may pick for an action with a scheduling step",
        params: actionParams,
        querystring: z.object({
          activityId: z.uuid().optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
        }),
        response: { 200: offerSchema, 422: errorResponses[400], ...errorResponses },
      },
    },
    async (request) =>
      actionOffers(
        context,
        portalPrincipalOf(request),
        request.params.typeId,
        request.params.actionId,
        request.query,
      ),
  );

  app.post(
    "/actions/:typeId/:actionId/run",
    {
      schema: {
        tags: ["portal"],
        summary: "Run a portal action after checking its conditions and the booking policy again",
        params: actionParams,
        body: z.object({
          activityId: z.uuid().optional(),
          answers: z.record(z.string(), z.unknown()).optional(),
          windowStart: z.string().max(40).optional(),
        }),
        response: {
          200: z.object({ activityId: z.string(), state: z.enum(DERIVED_STATES) }),
          422: errorResponses[400],
          ...errorResponses,
        },
      },
    },
    async (request) =>
      runPortalAction(
        context,
        portalPrincipalOf(request),
        request.params.typeId,
        request.params.actionId,
        request.body,
      ),
  );
}
