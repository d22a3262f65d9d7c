import type { FastifyReply, FastifyRequest } from "fastify";
import type { ServiceContext } from "../services/context.js";
import { type PortalPrincipal, resolvePortalSession } from "../services/portal/session-service.js";
import { AppError } from "./errors.js";
import { rejectCrossSiteRequest } from "./staff-auth.js";
import type { App } from "./types.js";

/** The customer portal's session cookie, separate from the staff one. */
export const PORTAL_SESSION_COOKIE = "rondo_portal";
/** A staff preview sends its token in this header, so that it stays in its own browser tab. */
export const PREVIEW_HEADER = "x-rondo-preview";

declare module "fastify" {
  interface FastifyRequest {
    /** Who a /portal-api request acts for, set by the portal authentication hook. */
    portal: PortalPrincipal | undefined;
  }
  interface FastifyContextConfig {
    /** The portal route answers without a portal session (sign-in, branding). */
    portalPublic?: boolean;
    /** The portal route is open to a session that has still to choose its customer. */
    portalBeforeChoice?: boolean;
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Authenticates /portal-api requests from the portal cookie, or from the preview header of a staff
 * preview. The session is checked again on every request (see `resolvePortalSession`). A preview
 * is read-only: every request that would change something answers `preview_read_only`.
 */
export function registerPortalAuthentication(app: App, context: ServiceContext): void {
  app.decorateRequest("portal", undefined);
  app.addHook("preHandler", async (request) => {
    if (!request.url.startsWith("/portal-api/")) return;
    const unsafe = UNSAFE_METHODS.has(request.method);
    if (unsafe) rejectCrossSiteRequest(request, context);
    const config = request.routeOptions.config;
    const previewToken = request.headers[PREVIEW_HEADER];
    const cookieToken = request.cookies[PORTAL_SESSION_COOKIE];
    if (typeof previewToken === "string" && previewToken !== "") {
      request.portal = await resolvePortalSession(context, previewToken, "preview");
      if (!request.portal) throw new AppError("unauthenticated", "The preview has expired; open it again.");
      if (unsafe) throw new AppError("preview_read_only");
    } else if (cookieToken && !config.portalPublic) {
      request.portal = await resolvePortalSession(context, cookieToken, "customer");
    }
    if (config.portalPublic) return;
    if (!request.portal) throw new AppError("unauthenticated");
    if (!request.portal.customer && !config.portalBeforeChoice)
      throw new AppError("unauthenticated", "Choose which customer account to use.");
  });
}

export function portalPrincipalOf(request: FastifyRequest): PortalPrincipal {
  if (!request.portal) throw new AppError("unauthenticated");
  return request.portal;
}

export function setPortalCookie(
  reply: FastifyReply,
  context: ServiceContext,
  token: string,
  expiresAt: Date,
) {
  reply.setCookie(PORTAL_SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: context.config.secureCookies,
    expires: expiresAt,
  });
}

export function clearPortalCookie(reply: FastifyReply, context: ServiceContext) {
  reply.clearCookie(PORTAL_SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: context.config.secureCookies,
  });
}
