import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../services/access.js";
import { mustChangePassword, resolveSession } from "../services/auth-service.js";
import type { ServiceContext } from "../services/context.js";
import { AppError } from "./errors.js";
import type { App } from "./types.js";

export const STAFF_SESSION_COOKIE = "rondo_session";

declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in staff member, set for /api routes that require one. */
    actor: Actor | undefined;
  }
  interface FastifyContextConfig {
    /** The route answers without a session (sign-in, reference data). */
    public?: boolean;
    /** The route stays usable while the account must still change its initial password. */
    allowedBeforePasswordChange?: boolean;
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Authenticates /api requests from the session cookie. Routes are private unless their config
 * says `public`; an account that must change its password reaches only the routes that allow it.
 * Cross-site requests that change data are rejected: the cookie is SameSite=Lax, and an Origin
 * that differs from the host is refused as a second line.
 */
export function registerStaffAuthentication(app: App, context: ServiceContext): void {
  app.decorateRequest("actor", undefined);

  app.addHook("preHandler", async (request) => {
    if (!request.url.startsWith("/api/") || request.url.startsWith("/api/docs")) return;
    if (UNSAFE_METHODS.has(request.method)) rejectCrossSiteRequest(request, context);
    const config = request.routeOptions.config;
    const token = request.cookies[STAFF_SESSION_COOKIE];
    request.actor = token ? await resolveSession(context, token) : undefined;
    if (config.public) return;
    if (!request.actor) throw new AppError("unauthenticated");
    if (!config.allowedBeforePasswordChange && (await mustChangePassword(context, request.actor.userId))) {
      throw new AppError("password_change_required");
    }
  });
}

/** Refuses a request whose Origin is another site; requests without Origin pass (SameSite cookies guard them). */
export function rejectCrossSiteRequest(request: FastifyRequest, context: ServiceContext): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("forbidden", "The request's Origin header is invalid.");
  }
  if (originHost !== request.host && originHost !== new URL(context.config.publicUrl).host)
    throw new AppError("forbidden", "Cross-site requests are not accepted.");
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated");
  return request.actor;
}

export function setSessionCookie(
  reply: FastifyReply,
  context: ServiceContext,
  token: string,
  expiresAt: Date,
): void {
  reply.setCookie(STAFF_SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: context.config.secureCookies,
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, context: ServiceContext): void {
  reply.clearCookie(STAFF_SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: context.config.secureCookies,
  });
}
