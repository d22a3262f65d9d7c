import { z } from "zod";

export const loginBody = z.object({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});

export const loginResponse = z.object({
  user: z.object({ id: z.string(), mustChangePassword: z.boolean() }),
});
