import { z } from "zod";
import { ROLES } from "../../../domain/roles.js";

/** Schemas shared by several route folders. */
export const roleSchema = z.enum(ROLES);
export const languageSchema = z.enum(["en", "fr"]);
export const uuidSchema = z.uuid();

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const errorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
  429: errorResponseSchema,
};
