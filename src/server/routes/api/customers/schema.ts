import { z } from "zod";
import { CUSTOMER_TYPES } from "../../../../domain/customers/customer.js";
import { languageSchema } from "../schemas.js";

export const customerParams = z.object({ buId: z.uuid(), customerId: z.uuid() });

const nullableText = (max: number) => z.string().max(max).nullable();
const latitude = z
  .number()
  .min(-90, "use decimal degrees from -90 to 90")
  .max(90, "use decimal degrees from -90 to 90");
const longitude = z
  .number()
  .min(-180, "use decimal degrees from -180 to 180")
  .max(180, "use decimal degrees from -180 to 180");

/**
 * Customer fields as requests give them. The service trims text, checks phone numbers, email,
 * country, time zone and coordinate pairs, and names each rejected value.
 */
const customerFields = {
  reference: z.string().max(50),
  type: z.enum(CUSTOMER_TYPES),
  firstName: nullableText(100),
  lastName: nullableText(100),
  companyName: nullableText(200),
  email: nullableText(254),
  /** Typed as people write it, national or international; stored in E.164. */
  phone: nullableText(40),
  mobile: nullableText(40),
  addressLine1: nullableText(300),
  addressLine2: nullableText(300),
  postcode: nullableText(20),
  city: nullableText(200),
  country: z.string().length(2, "use a two-letter ISO 3166-1 code such as FR"),
  latitude: latitude.nullable(),
  longitude: longitude.nullable(),
  language: languageSchema,
  timeZone: nullableText(64),
  customFields: z.record(z.string().max(100), z.string().max(2000)),
  comments: nullableText(5000),
  portalAccess: z.boolean(),
};

/**
 * A new customer. Left out: the reference is generated (`C` and 6 digits), the type follows
 * from the company name, and country, language and portal access take the unit's defaults.
 */
export const createCustomerBody = z.object(customerFields).partial().strict();

/** The fields to change; null clears a field, and `customFields` replaces the whole map. */
export const updateCustomerBody = z.object(customerFields).partial().strict();

export const locationBody = z
  .object({ latitude: latitude.nullable(), longitude: longitude.nullable() })
  .strict();

export const customerSchema = z.object({
  id: z.string(),
  businessUnitId: z.string(),
  reference: z.string(),
  type: z.enum(CUSTOMER_TYPES),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  /** The company name for a professional, else "First Last". */
  displayName: z.string(),
  /** As typed; matching uses its trimmed, lower-cased form. */
  email: z.string().nullable(),
  /** E.164, such as +33612345678. */
  phone: z.string().nullable(),
  mobile: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  /** Whether the customer has coordinates; the UI marks the others "not located". */
  located: z.boolean(),
  language: languageSchema,
  timeZone: z.string().nullable(),
  customFields: z.record(z.string(), z.string()),
  comments: z.string().nullable(),
  portalAccess: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listCustomersQuery = z.object({
  /** Matched in the display name (case and accents ignored), reference, email and phone numbers. */
  q: z.string().max(200).optional(),
  located: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const customerListSchema = z.object({
  items: z.array(customerSchema),
  /** Number of customers matching the filters, on every page. */
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
});

export const exportQuery = z.object({
  /** fr: French headers, `;` and decimal commas; en: English headers and `,`. Default: the unit's language. */
  language: languageSchema.optional(),
});

export const geocodeQuery = z.object({
  q: z.string().trim().min(3, "type at least 3 characters").max(200),
  postcode: z.string().trim().max(20).optional(),
  city: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const geocodeResponse = z.object({
  results: z.array(
    z.object({
      label: z.string(),
      latitude: z.number(),
      longitude: z.number(),
      score: z.number(),
      postcode: z.string().nullable(),
      city: z.string().nullable(),
      housenumber: z.string().nullable(),
      street: z.string().nullable(),
    }),
  ),
});
