import { z } from "zod";
import { redeemLink, requestPasswordReset } from "../../../../services/account-links.js";
import { login, logout } from "../../../../services/auth-service.js";
import type { ServiceContext } from "../../../../services/context.js";
import { clearSessionCookie, STAFF_SESSION_COOKIE, setSessionCookie } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { errorResponses } from "../schemas.js";
import { loginBody, loginResponse } from "./schema.js";

export function registerAuthRoutes(app: App, context: ServiceContext): void {
  app.post(
    "/auth/login",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary: "Sign in with email and password",
        body: loginBody,
        response: { 200: loginResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await login(context, {
        email: request.body.email,
        password: request.body.password,
        ipAddress: request.ip,
        userAgent: request.headers["user-agent"],
      });
      setSessionCookie(reply, context, result.token, result.expiresAt);
      return { user: { id: result.userId, mustChangePassword: result.mustChangePassword } };
    },
  );

  app.post(
    "/auth/logout",
    { config: { public: true }, schema: { tags: ["auth"], summary: "Sign out and end the session" } },
    async (request, reply) => {
      const token = request.cookies[STAFF_SESSION_COOKIE];
      if (token) await logout(context, token);
      clearSessionCookie(reply, context);
      return reply.status(204).send();
    },
  );

  app.post(
    "/auth/password-reset",
    {
      config: { public: true },
      schema: {
        tags: ["auth"],
        summary:
          "Email a single-use reset link (one hour) when the address has an account; the answer never tells",
        body: z.object({ email: z.string().min(1).max(320) }),
        response: { 202: z.object({ accepted: z.literal(true) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(context, { email: request.body.email, ipAddress: request.ip });
      return reply.status(202).send({ accepted: true });
    },
  );

  const redeemBody = z.object({ token: z.string().min(1).max(200), password: z.string().max(256) });
  for (const [path, purpose, summary] of [
    ["/auth/password-reset/confirm", "password_reset", "Choose a new password with a reset link"],
    ["/auth/invitation/accept", "invitation", "Accept an invitation by choosing a password"],
  ] as const) {
    app.post(
      path,
      {
        config: { public: true },
        schema: {
          tags: ["auth"],
          summary,
          body: redeemBody,
          response: { 200: z.object({ done: z.literal(true) }), ...errorResponses },
        },
      },
      async (request, reply) => {
        await redeemLink(context, purpose, request.body);
        return reply.status(200).send({ done: true });
      },
    );
  }
}
