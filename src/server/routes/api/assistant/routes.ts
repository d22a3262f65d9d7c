import { z } from "zod";
import type { ServiceContext } from "../../../../services/context.js";
import {
  explainSlot,
  offerForActivity,
  offerForNewActivity,
  suggestSlots,
} from "../../../../services/scheduling/assistant-service.js";
import { bookUnderPolicy } from "../../../../services/scheduling/booking-service.js";
import {
  getBookingPolicy,
  getSchedulingSettings,
  updateBookingPolicy,
  updateSchedulingSettings,
} from "../../../../services/scheduling/settings-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { activityParams } from "../activities/schema.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponses } from "../schemas.js";
import {
  bookBody,
  bookingSchema,
  explainQuery,
  explanationSchema,
  newActivityOfferBody,
  offerQuery,
  offerSchema,
  policyBody,
  rangeQuery,
  settingsBody,
  suggestionsSchema,
} from "./schema.js";

const tags = ["scheduling assistant"];

export function registerAssistantRoutes(app: App, context: ServiceContext): void {
  const activity = "/business-units/:buId/activities/:activityId";

  app.get(
    `${activity}/assistant`,
    {
      schema: {
        tags,
        summary: "Ranked slots for an activity over local dates (a week from today by default), planners",
        params: activityParams,
        querystring: rangeQuery,
        response: { 200: suggestionsSchema, ...errorResponses },
      },
    },
    async (request) =>
      suggestSlots(context, actorOf(request), request.params.buId, request.params.activityId, request.query),
  );

  app.get(
    `${activity}/assistant/explain`,
    {
      schema: {
        tags,
        summary: "Why a worker can or cannot take the activity at a start, with every reason",
        params: activityParams,
        querystring: explainQuery,
        response: { 200: explanationSchema, ...errorResponses },
      },
    },
    async (request) =>
      explainSlot(context, actorOf(request), request.params.buId, request.params.activityId, request.query),
  );

  app.get(
    `${activity}/offers`,
    {
      schema: {
        tags,
        summary:
          "Arrival windows a customer would be offered for this activity under its type's booking policy",
        params: activityParams,
        querystring: offerQuery,
        response: { 200: offerSchema, ...errorResponses },
      },
    },
    async (request) =>
      offerForActivity(
        context,
        actorOf(request),
        request.params.buId,
        request.params.activityId,
        request.query,
      ),
  );

  app.post(
    "/business-units/:buId/offers",
    {
      schema: {
        tags,
        summary: "Arrival windows for a new activity of a type at a place, under the type's booking policy",
        params: businessUnitParams,
        body: newActivityOfferBody,
        response: { 200: offerSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { latitude, longitude, ...rest } = request.body;
      const point = latitude !== undefined && longitude !== undefined ? { latitude, longitude } : null;
      return offerForNewActivity(context, actorOf(request), request.params.buId, { ...rest, point });
    },
  );

  app.post(
    `${activity}/book`,
    {
      schema: {
        tags,
        summary:
          "Book under the booking policy, nothing forced: 201, 409 schedule_conflict with fresh windows, 422 with reasons",
        params: activityParams,
        body: bookBody,
        response: { 201: bookingSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const booking = await bookUnderPolicy(
        context,
        { kind: "staff", actor: actorOf(request) },
        request.params.buId,
        request.params.activityId,
        request.body,
      );
      return reply.status(201).send(booking);
    },
  );

  app.get(
    "/business-units/:buId/scheduling-settings",
    {
      schema: {
        tags,
        summary: "The unit's scheduling settings: step, travel estimate and score weights",
        params: businessUnitParams,
        response: { 200: settingsBody, ...errorResponses },
      },
    },
    async (request) => getSchedulingSettings(context, actorOf(request), request.params.buId),
  );

  app.put(
    "/business-units/:buId/scheduling-settings",
    {
      schema: {
        tags,
        summary: "Replace the unit's scheduling settings (admins); missing fields take their defaults",
        params: businessUnitParams,
        body: settingsBody,
        response: { 200: settingsBody, ...errorResponses },
      },
    },
    async (request) => updateSchedulingSettings(context, actorOf(request), request.params.buId, request.body),
  );

  const policyParams = businessUnitParams.extend({ typeId: z.uuid() });
  app.get(
    "/business-units/:buId/activity-types/:typeId/booking-policy",
    {
      schema: {
        tags,
        summary: "The activity type's booking policy for customers",
        params: policyParams,
        response: { 200: policyBody, ...errorResponses },
      },
    },
    async (request) =>
      getBookingPolicy(context, actorOf(request), request.params.buId, request.params.typeId),
  );

  app.put(
    "/business-units/:buId/activity-types/:typeId/booking-policy",
    {
      schema: {
        tags,
        summary: "Replace the activity type's booking policy (admins); missing fields take their defaults",
        params: policyParams,
        body: policyBody,
        response: { 200: policyBody, ...errorResponses },
      },
    },
    async (request) =>
      updateBookingPolicy(
        context,
        actorOf(request),
        request.params.buId,
        request.params.typeId,
        request.body,
      ),
  );
}
