import { z } from "zod";
import { languageSchema, roleSchema } from "../schemas.js";

export const sessionUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  language: languageSchema,
  mustChangePassword: z.boolean(),
});

export const sessionResponse = z.object({
  user: sessionUser,
  organization: z.object({ id: z.string(), name: z.string() }),
  organizations: z.array(z.object({ id: z.string(), name: z.string() })),
  businessUnits: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      timeZone: z.string(),
      language: languageSchema,
      country: z.string(),
      roles: z.array(roleSchema),
    }),
  ),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const switchOrganizationBody = z.object({ organizationId: z.uuid() });

export const updateMeBody = z
  .object({ name: z.string().trim().min(1).max(200).optional(), language: languageSchema.optional() })
  .strict();
