import { z } from "zod";
import { languageSchema } from "../schemas.js";

const optionalText = (max: number) => z.string().trim().max(max).nullable();

export const businessUnitParams = z.object({ buId: z.uuid() });

export const businessUnitResponse = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  timeZone: z.string(),
  language: languageSchema,
  country: z.string(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  portalAccessByDefault: z.boolean(),
});

const businessUnitFields = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, "use 1 to 32 letters, digits, - or _")
    // Codes are typed on the command line (`--bu lyon`); one case avoids two units that differ only by it.
    .transform((code) => code.toUpperCase()),
  name: z.string().trim().min(1).max(200),
  // Checked against the IANA database by the service, which names the rejected value.
  timeZone: z.string().trim().min(1).max(64),
  language: languageSchema,
  country: z.string().trim().toUpperCase().length(2, "use a two-letter ISO 3166-1 code such as FR"),
  addressLine1: optionalText(300),
  addressLine2: optionalText(300),
  postcode: optionalText(20),
  city: optionalText(200),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
  portalAccessByDefault: z.boolean(),
});

export const createBusinessUnitBody = businessUnitFields.extend({
  addressLine1: optionalText(300).default(null),
  addressLine2: optionalText(300).default(null),
  postcode: optionalText(20).default(null),
  city: optionalText(200).default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  portalAccessByDefault: z.boolean().default(false),
});

export const updateBusinessUnitBody = businessUnitFields.partial().strict();
