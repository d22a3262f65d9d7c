import { z } from "zod";
import { languageSchema, roleSchema } from "../schemas.js";

export const memberParams = z.object({ buId: z.uuid(), userId: z.uuid() });

export const memberResponse = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
  mustChangePassword: z.boolean(),
  active: z.boolean(),
  lastLoginAt: z.iso.datetime({ offset: true }).nullable(),
});

export const addMemberBody = z.object({
  email: z.string().trim().min(3).max(320),
  name: z.string().trim().min(1).max(200),
  /** Leave out to send an invitation by email instead: the person then chooses their password. */
  password: z.string().max(1024).optional(),
  roles: z.array(roleSchema).min(1, "choose at least one role"),
  language: languageSchema.optional(),
});

export const setRolesBody = z.object({ roles: z.array(roleSchema).min(1, "choose at least one role") });
