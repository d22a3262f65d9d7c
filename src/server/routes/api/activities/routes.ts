import { z } from "zod";
import {
  cancelActivity,
  closeActivity,
  createActivity,
  getActivity,
  listActivities,
  reopenActivity,
  scheduleActivity,
  startActivity,
  unscheduleActivity,
  updateActivity,
} from "../../../../services/activities/activity-service.js";
import type { ServiceContext } from "../../../../services/context.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponses } from "../schemas.js";
import {
  activityListItemSchema,
  activityParams,
  activityViewSchema,
  cancelBody,
  closeBody,
  createBody,
  listQuery,
  scheduleBody,
  scheduleResponse,
  updateBody,
} from "./schema.js";

const tags = ["activities"];
const view = { 200: activityViewSchema, ...errorResponses };

export function registerActivityRoutes(app: App, context: ServiceContext): void {
  const base = "/business-units/:buId/activities";
  const one = `${base}/:activityId`;

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "Activities with filters (state, type, worker, date range, customer) and search",
        params: businessUnitParams,
        querystring: listQuery,
        response: {
          200: z.object({ total: z.number(), items: z.array(activityListItemSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { rows, total } = await listActivities(context, actorOf(request), request.params.buId, {
        ...request.query,
        states: request.query.state,
      });
      return {
        total,
        items: rows.map((row) => ({
          id: row.id,
          reference: row.reference,
          activityTypeId: row.activityTypeId,
          activityTypeName: row.typeName,
          activityTypeColour: row.typeColour,
          state: row.state,
          customerId: row.customerId,
          customerName: row.customerName,
          assigneeId: row.assigneeId,
          assigneeName: row.assigneeName,
          startAt: row.startAt?.toISOString() ?? null,
          endAt: row.endAt?.toISOString() ?? null,
          durationMinutes: row.durationMinutes,
          city: row.city,
          latitude: row.latitude,
          longitude: row.longitude,
          confirmedByCustomer: row.confirmedByCustomer,
          parentId: row.parentId,
        })),
      };
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: "Create an activity (planners)",
        params: businessUnitParams,
        body: createBody,
        response: { 201: activityViewSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createActivity(context, actorOf(request), request.params.buId, request.body)),
  );

  app.get(
    one,
    {
      schema: {
        tags,
        summary: "One activity with its history and links",
        params: activityParams,
        response: view,
      },
    },
    async (request) => getActivity(context, actorOf(request), request.params.buId, request.params.activityId),
  );

  app.patch(
    one,
    {
      schema: {
        tags,
        summary: "Change an open activity (planners)",
        params: activityParams,
        body: updateBody,
        response: view,
      },
    },
    async (request) =>
      updateActivity(context, actorOf(request), request.params.buId, request.params.activityId, request.body),
  );

  app.post(
    `${one}/schedule`,
    {
      schema: {
        tags,
        summary:
          "Assign and schedule; 409 schedule_warnings unless acceptWarnings, 409 schedule_conflict on overlap",
        params: activityParams,
        body: scheduleBody,
        response: { 200: scheduleResponse, ...errorResponses },
      },
    },
    async (request) =>
      scheduleActivity(
        context,
        actorOf(request),
        request.params.buId,
        request.params.activityId,
        request.body,
      ),
  );

  app.post(
    `${one}/unschedule`,
    {
      schema: {
        tags,
        summary: "Remove the worker and time (planners)",
        params: activityParams,
        response: view,
      },
    },
    async (request) =>
      unscheduleActivity(context, actorOf(request), request.params.buId, request.params.activityId),
  );

  app.post(
    `${one}/start`,
    {
      schema: {
        tags,
        summary: "Start the visit (its field worker or planners)",
        params: activityParams,
        response: view,
      },
    },
    async (request) =>
      startActivity(context, actorOf(request), request.params.buId, request.params.activityId),
  );

  app.post(
    `${one}/close`,
    {
      schema: {
        tags,
        summary: "Close with the closing form (its field worker or planners)",
        params: activityParams,
        body: closeBody,
        response: view,
      },
    },
    async (request) =>
      closeActivity(
        context,
        actorOf(request),
        request.params.buId,
        request.params.activityId,
        request.body.answers,
      ),
  );

  app.post(
    `${one}/cancel`,
    {
      schema: {
        tags,
        summary: "Cancel with a reason (planners)",
        params: activityParams,
        body: cancelBody,
        response: view,
      },
    },
    async (request) =>
      cancelActivity(context, actorOf(request), request.params.buId, request.params.activityId, request.body),
  );

  app.post(
    `${one}/reopen`,
    {
      schema: {
        tags,
        summary: "Reopen a terminated or canceled activity (planners)",
        params: activityParams,
        response: view,
      },
    },
    async (request) =>
      reopenActivity(context, actorOf(request), request.params.buId, request.params.activityId),
  );
}
