import { z } from "zod";
import { DERIVED_STATES } from "../../../../domain/activities/lifecycle.js";
import type { ServiceContext } from "../../../../services/context.js";
import { getTeamSchedule } from "../../../../services/schedule-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponses } from "../schemas.js";
import { dayAvailabilitySchema, holidaySchema } from "../team/schema.js";

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "use the YYYY-MM-DD form");

const visitSchema = z.object({
  id: z.string(),
  reference: z.string(),
  businessUnitId: z.string(),
  inThisUnit: z.boolean(),
  activityTypeId: z.string(),
  activityTypeName: z.string(),
  colour: z.string(),
  state: z.enum(DERIVED_STATES),
  customerName: z.string().nullable(),
  addressLine1: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  startAt: z.string(),
  endAt: z.string(),
  confirmedByCustomer: z.boolean(),
});

const travelSchema = z.object({
  fromActivityId: z.string().nullable(),
  toActivityId: z.string().nullable(),
  startAt: z.string(),
  endAt: z.string(),
  minutes: z.number(),
  km: z.number(),
});

const scheduleSchema = z.object({
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  holidays: z.array(holidaySchema),
  workers: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      colour: z.string(),
      base: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
      days: z.array(dayAvailabilitySchema),
      visits: z.array(visitSchema),
      travel: z.array(travelSchema),
    }),
  ),
});

export function registerScheduleRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/business-units/:buId/schedule",
    {
      schema: {
        tags: ["schedule"],
        summary:
          "Team schedule: per field worker, working time, visits and travel between them (a field worker gets their own row)",
        params: businessUnitParams,
        querystring: z.object({ from: localDate, to: localDate, workerId: z.uuid().optional() }),
        response: { 200: scheduleSchema, ...errorResponses },
      },
    },
    async (request) => getTeamSchedule(context, actorOf(request), request.params.buId, request.query),
  );
}
