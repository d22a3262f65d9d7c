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
}
