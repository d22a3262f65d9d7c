import { z } from "zod";
import type { ServiceContext } from "../../../services/context.js";
import {
  type PortalActivitySummary,
  portalActivity,
  portalHome,
} from "../../../services/portal/portal-service.js";
import { portalPrincipalOf } from "../../portal-auth.js";
import type { App } from "../../types.js";
import { errorResponses } from "../api/schemas.js";
import { activityDetailSchema, homeSchema } from "./schema.js";

const languageQuery = z.object({ language: z.enum(["en", "fr"]).optional() });

/** What the signed-in customer sees: the home page's activities and each activity's page. */
export function registerPortalPageRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/home",
    {
      schema: {
        tags: ["portal"],
        summary: "Upcoming and past activities of the customer, of types shown on the portal",
        querystring: languageQuery,
        response: { 200: homeSchema, ...errorResponses },
      },
    },
    async (request) => {
      const home = await portalHome(context, portalPrincipalOf(request), request.query.language);
      return {
        upcoming: home.upcoming.map(presentSummary),
        past: home.past.map(presentSummary),
        actions: home.actions,
      };
    },
  );

  app.get(
    "/activities/:activityId",
    {
      schema: {
        tags: ["portal"],
        summary: "One activity of the customer with its displayed texts and visible answers",
        params: z.object({ activityId: z.uuid() }),
        querystring: languageQuery,
        response: { 200: activityDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const detail = await portalActivity(
        context,
        portalPrincipalOf(request),
        request.params.activityId,
        request.query.language,
      );
      return {
        ...presentSummary(detail),
        longDescription: detail.longDescription,
        worker: detail.worker,
        answers: detail.answers,
        actions: detail.actions,
      };
    },
  );
}

function presentSummary(activity: PortalActivitySummary) {
  return {
    id: activity.id,
    reference: activity.reference,
    title: activity.title,
    description: activity.description,
    state: activity.state,
    start: activity.start?.toISOString() ?? null,
    end: activity.end?.toISOString() ?? null,
    arrivalWindow: activity.arrivalWindow
      ? { start: activity.arrivalWindow.start.toISOString(), end: activity.arrivalWindow.end.toISOString() }
      : null,
    timeZone: activity.timeZone,
    address: activity.address,
  };
}
