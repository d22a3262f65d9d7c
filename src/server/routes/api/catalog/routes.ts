import { z } from "zod";
import {
  checkAnswers,
  createActivityType,
  getActivityType,
  listActivityTypes,
  updateActivityType,
} from "../../../../services/catalog-service.js";
import type { ServiceContext } from "../../../../services/context.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponses } from "../schemas.js";
import {
  activityTypeParams,
  activityTypeSchema,
  checkAnswersBody,
  checkAnswersResponse,
  createActivityTypeBody,
  formParams,
  updateActivityTypeBody,
} from "./schema.js";

const tags = ["catalog"];

export function registerCatalogRoutes(app: App, context: ServiceContext): void {
  const base = "/business-units/:buId/activity-types";

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "Activity types of the unit with their forms and required skills",
        params: businessUnitParams,
        response: { 200: z.array(activityTypeSchema), ...errorResponses },
      },
    },
    async (request) => listActivityTypes(context, actorOf(request), request.params.buId),
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: "Create an activity type (admins)",
        params: businessUnitParams,
        body: createActivityTypeBody,
        response: { 201: activityTypeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await createActivityType(context, actorOf(request), request.params.buId, request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    `${base}/:typeId`,
    {
      schema: {
        tags,
        summary: "One activity type",
        params: activityTypeParams,
        response: { 200: activityTypeSchema, ...errorResponses },
      },
    },
    async (request) => getActivityType(context, actorOf(request), request.params.buId, request.params.typeId),
  );

  app.patch(
    `${base}/:typeId`,
    {
      schema: {
        tags,
        summary: "Change an activity type, its forms or skills, or archive it (admins)",
        params: activityTypeParams,
        body: updateActivityTypeBody,
        response: { 200: activityTypeSchema, ...errorResponses },
      },
    },
    async (request) =>
      updateActivityType(context, actorOf(request), request.params.buId, request.params.typeId, request.body),
  );

  app.post(
    `${base}/:typeId/forms/:kind/check`,
    {
      schema: {
        tags,
        summary: "Check answers against the activity or closing form; returns them normalized",
        params: formParams,
        body: checkAnswersBody,
        response: { 200: checkAnswersResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { buId, typeId, kind } = request.params;
      const answers = await checkAnswers(
        context,
        actorOf(request),
        buId,
        typeId,
        kind,
        request.body.answers,
        {
          partial: request.body.partial,
          draftForm: request.body.form,
        },
      );
      return { answers };
    },
  );
}
