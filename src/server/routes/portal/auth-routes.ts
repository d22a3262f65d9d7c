import { z } from "zod";
import type { ServiceContext } from "../../../services/context.js";
import {
  CODE_REQUEST_ANSWER,
  redeemSignInLink,
  requestLoginCode,
  verifyLoginCode,
} from "../../../services/portal/login-service.js";
import {
  choosePortalCustomer,
  describePortalSession,
  signOutWithToken,
} from "../../../services/portal/session-service.js";
import {
  clearPortalCookie,
  PORTAL_SESSION_COOKIE,
  portalPrincipalOf,
  setPortalCookie,
} from "../../portal-auth.js";
import type { App } from "../../types.js";
import { errorResponses } from "../api/schemas.js";
import { chooseBody, identifierBody, linkBody, portalSessionSchema, verifyBody } from "./schema.js";

/** Sign-in with a one-time code or link, choice among several customers, sign-out. */
export function registerPortalAuthRoutes(app: App, context: ServiceContext): void {
  app.post(
    "/auth/code",
    {
      config: { portalPublic: true },
      schema: {
        tags: ["portal"],
        summary: "Send a one-time code to an email or phone number of customers; the answer never tells",
        body: identifierBody,
        response: { 202: z.object({ message: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await requestLoginCode(context, {
        identifier: request.body.identifier,
        slug: request.body.slug,
        language: request.body.language,
        ipAddress: request.ip,
      });
      return reply.status(202).send({ message: CODE_REQUEST_ANSWER });
    },
  );

  app.post(
    "/auth/verify",
    {
      config: { portalPublic: true },
      schema: {
        tags: ["portal"],
        summary: "Sign in with the one-time code",
        body: verifyBody,
        response: { 200: portalSessionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const opened = await verifyLoginCode(context, { ...request.body, ipAddress: request.ip });
      setPortalCookie(reply, context, opened.token, opened.expiresAt);
      return opened.view;
    },
  );

  app.post(
    "/auth/link",
    {
      config: { portalPublic: true },
      schema: {
        tags: ["portal"],
        summary: "Sign in with the link of a login email, after a click on its page",
        body: linkBody,
        response: { 200: portalSessionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const opened = await redeemSignInLink(context, { token: request.body.token, ipAddress: request.ip });
      setPortalCookie(reply, context, opened.token, opened.expiresAt);
      return opened.view;
    },
  );

  app.post(
    "/auth/choose",
    {
      config: { portalBeforeChoice: true },
      schema: {
        tags: ["portal"],
        summary: "Choose which of the identifier's customers to act for",
        body: chooseBody,
        response: { 200: portalSessionSchema, ...errorResponses },
      },
    },
    async (request) => choosePortalCustomer(context, portalPrincipalOf(request), request.body),
  );

  app.post(
    "/auth/sign-out",
    { config: { portalPublic: true }, schema: { tags: ["portal"], summary: "Sign out of the portal" } },
    async (request, reply) => {
      const token = request.cookies[PORTAL_SESSION_COOKIE];
      if (token) await signOutWithToken(context, token);
      clearPortalCookie(reply, context);
      return reply.status(204).send();
    },
  );

  app.get(
    "/session",
    {
      config: { portalBeforeChoice: true },
      schema: {
        tags: ["portal"],
        summary: "The session: the customer and company, or the choice still to make",
        response: { 200: portalSessionSchema, ...errorResponses },
      },
    },
    async (request) => describePortalSession(context.db, portalPrincipalOf(request)),
  );
}
