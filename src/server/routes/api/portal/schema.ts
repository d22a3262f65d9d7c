import { z } from "zod";
import { DISPLAY_TEXT_PARTS } from "../../../../domain/portal/display-texts.js";
import { LOGIN_CHANNELS, portalSettingsSchema } from "../../../../domain/portal/settings.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponseSchema, errorResponses } from "../schemas.js";

/** Error responses of the portal configuration routes, including those of logo uploads. */
export const portalErrorResponses = { ...errorResponses, 413: errorResponseSchema, 422: errorResponseSchema };

export const portalConfigSchema = z.object({
  enabled: z.boolean(),
  slug: z.string().nullable(),
  displayName: z.string(),
  logoUrl: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  address: z.string().nullable(),
  information: z.string(),
  informationHtml: z.string(),
  accessByDefault: z.boolean(),
  loginChannels: z.enum(LOGIN_CHANNELS),
  portalUrl: z.string(),
  customerCount: z.number(),
  customersWithAccess: z.number(),
});

/**
 * The configuration an admin sends; missing keys take their defaults. The service checks the
 * slug's rules, the phone number and the email address and names the value at fault, so the slug's
 * bound here only limits the request's size.
 */
export const portalConfigBody = z.object({
  enabled: z.boolean().default(false),
  slug: z.string().max(200).nullable().default(null),
  accessByDefault: z.boolean().default(false),
  ...portalSettingsSchema.shape,
});

export const logoSchema = z.object({ logoUrl: z.string() });

export const accessBody = z.object({ grant: z.boolean() });
export const accessResultSchema = z.object({ updated: z.number() });

export const customerAuditParams = businessUnitParams.extend({ customerId: z.uuid() });
export const auditSchema = z.object({
  events: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      actor: z.object({ id: z.string(), name: z.string() }).nullable(),
      details: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
});

export const activityTypeParams = businessUnitParams.extend({ typeId: z.uuid() });

// Lengths are checked by the service, which reports them with the other problems of the texts;
// the bound here only limits the request's size.
const displayText = z.string().max(20_000);

export const portalDisplayBody = z.object({
  shown: z.boolean(),
  title: displayText,
  description: displayText,
  longDescription: displayText,
});

export const portalDisplaySchema = portalDisplayBody.extend({
  codes: z.array(z.object({ code: z.string(), description: z.string() })),
});

export const previewBody = z.object({
  title: displayText,
  description: displayText,
  longDescription: displayText,
  activityId: z.uuid().optional(),
  /** Language of dates and labels; the customer's language by default. */
  language: z.enum(["en", "fr"]).optional(),
});

const displayFieldSchema = z.object({
  path: z.enum(DISPLAY_TEXT_PARTS),
  code: z.string().optional(),
  value: z.unknown().optional(),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
  line: z.number().optional(),
  column: z.number().optional(),
  suggestion: z.string().optional(),
});

export const previewSchema = z.object({
  activity: z.object({ id: z.string(), reference: z.string() }).nullable(),
  title: z.string(),
  description: z.string(),
  longDescription: z.string(),
  fields: z.array(displayFieldSchema),
});
