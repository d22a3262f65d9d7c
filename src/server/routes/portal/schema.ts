import { z } from "zod";
import { DERIVED_STATES } from "../../../domain/activities/lifecycle.js";
import { formDefinitionSchema } from "../../../domain/forms/definition.js";

/** Schemas of the customer portal API; docs/portal-api.md describes them. */

export const identifierBody = z.object({
  identifier: z.string().max(400),
  slug: z.string().max(60).optional(),
  /** The portal's display language, used for the message when the customer has none. */
  language: z.enum(["en", "fr"]).optional(),
});

export const verifyBody = z.object({
  identifier: z.string().max(400),
  code: z.string().max(20),
  slug: z.string().max(60).optional(),
});

export const linkBody = z.object({ token: z.string().min(1).max(200) });

export const chooseBody = z.object({ organizationId: z.uuid(), customerId: z.uuid() });

const choiceSchema = z.object({
  organizationId: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  companyName: z.string(),
  logoUrl: z.string().nullable(),
});

export const portalSessionSchema = z.discriminatedUnion("state", [
  z.object({ state: z.literal("choose"), choices: z.array(choiceSchema) }),
  z.object({
    state: z.literal("signed_in"),
    preview: z.object({ staffName: z.string() }).nullable(),
    canSwitch: z.boolean(),
    choices: z.array(choiceSchema).optional(),
    customer: z.object({
      id: z.string(),
      name: z.string(),
      firstName: z.string().nullable(),
      language: z.enum(["en", "fr"]),
      timeZone: z.string().nullable(),
    }),
    company: z.object({
      businessUnitId: z.string(),
      slug: z.string().nullable(),
      displayName: z.string(),
      logoUrl: z.string().nullable(),
      timeZone: z.string(),
      contactPhone: z.string().nullable(),
      contactEmail: z.string().nullable(),
      address: z.string().nullable(),
      informationHtml: z.string(),
    }),
  }),
]);

/** ISO 8601 instant in UTC. */
const instant = z.string();

export const activitySummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  description: z.string(),
  state: z.enum(DERIVED_STATES),
  start: instant.nullable(),
  end: instant.nullable(),
  arrivalWindow: z.object({ start: instant, end: instant }).nullable(),
  timeZone: z.string(),
  address: z.string(),
});

const actionViewSchema = z.object({
  typeId: z.string(),
  id: z.string(),
  label: z.string(),
  effect: z.string(),
  form: formDefinitionSchema.nullable(),
  scheduling: z.boolean(),
  activityId: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()),
});

export const activityDetailSchema = activitySummarySchema.extend({
  actions: z.array(actionViewSchema),
  longDescription: z.string(),
  worker: z.string().nullable(),
  answers: z.array(z.object({ code: z.string(), label: z.string(), value: z.string() })),
});

export const homeSchema = z.object({
  upcoming: z.array(activitySummarySchema),
  past: z.array(activitySummarySchema),
  actions: z.array(actionViewSchema),
});
