import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { ServiceContext } from "../../../../services/context.js";
import {
  getPortalConfig,
  listCustomerAudit,
  MAX_LOGO_BYTES,
  removePortalLogo,
  setPortalAccessForAll,
  updatePortalConfig,
  uploadPortalLogo,
} from "../../../../services/portal/config-service.js";
import {
  getPortalDisplay,
  previewPortalDisplay,
  updatePortalDisplay,
} from "../../../../services/portal/display-service.js";
import { AppError } from "../../../errors.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import {
  accessBody,
  accessResultSchema,
  activityTypeParams,
  auditSchema,
  customerAuditParams,
  logoSchema,
  portalConfigBody,
  portalConfigSchema,
  portalDisplayBody,
  portalDisplaySchema,
  portalErrorResponses,
  previewBody,
  previewSchema,
} from "./schema.js";

const tags = ["customer portal"];

/** Registers the staff routes that configure a unit's customer portal and its activity types' texts. */
export function registerPortalConfigRoutes(app: App, context: ServiceContext): void {
  const portal = "/business-units/:buId/portal";

  app.get(
    portal,
    {
      schema: {
        tags,
        summary: "The unit's customer portal configuration with customer counts",
        params: businessUnitParams,
        response: { 200: portalConfigSchema, ...portalErrorResponses },
      },
    },
    async (request) => getPortalConfig(context, actorOf(request), request.params.buId),
  );

  app.put(
    portal,
    {
      schema: {
        tags,
        summary: "Replace the unit's portal configuration (admins); 409 slug_taken for a slug in use",
        params: businessUnitParams,
        body: portalConfigBody,
        response: { 200: portalConfigSchema, ...portalErrorResponses },
      },
    },
    async (request) => updatePortalConfig(context, actorOf(request), request.params.buId, request.body),
  );

  app.register(async (plainScope) =>
    registerLogoRoutes(plainScope.withTypeProvider<ZodTypeProvider>(), context),
  );

  app.delete(
    `${portal}/logo`,
    {
      schema: {
        tags,
        summary: "Remove the unit's portal logo (admins)",
        params: businessUnitParams,
      },
    },
    async (request, reply) => {
      await removePortalLogo(context, actorOf(request), request.params.buId);
      return reply.status(204).send();
    },
  );

  app.post(
    `${portal}/access`,
    {
      schema: {
        tags,
        summary:
          "Grant or revoke portal access of every customer of the unit (admins); returns how many changed",
        params: businessUnitParams,
        body: accessBody,
        response: { 200: accessResultSchema, ...portalErrorResponses },
      },
    },
    async (request) =>
      setPortalAccessForAll(context, actorOf(request), request.params.buId, request.body.grant),
  );

  app.get(
    "/business-units/:buId/customers/:customerId/audit",
    {
      schema: {
        tags,
        summary: "The customer's audit history, such as previews of their portal, newest first",
        params: customerAuditParams,
        response: { 200: auditSchema, ...portalErrorResponses },
      },
    },
    async (request) => {
      const { buId, customerId } = request.params;
      const { events } = await listCustomerAudit(context, actorOf(request), buId, customerId);
      return { events: events.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() })) };
    },
  );

  const display = "/business-units/:buId/activity-types/:typeId/portal-display";

  app.get(
    display,
    {
      schema: {
        tags,
        summary: "The activity type's portal display and the replacement codes its texts may use",
        params: activityTypeParams,
        response: { 200: portalDisplaySchema, ...portalErrorResponses },
      },
    },
    async (request) =>
      getPortalDisplay(context, actorOf(request), request.params.buId, request.params.typeId),
  );

  app.put(
    display,
    {
      schema: {
        tags,
        summary:
          "Replace the type's portal display (admins); unknown codes are rejected with line and column",
        params: activityTypeParams,
        body: portalDisplayBody,
        response: { 200: portalDisplaySchema, ...portalErrorResponses },
      },
    },
    async (request) =>
      updatePortalDisplay(
        context,
        actorOf(request),
        request.params.buId,
        request.params.typeId,
        request.body,
      ),
  );

  app.post(
    `${display}/preview`,
    {
      schema: {
        tags,
        summary:
          "Render unsaved portal texts against an activity of the type (the given one, else the latest)",
        params: activityTypeParams,
        body: previewBody,
        response: { 200: previewSchema, ...portalErrorResponses },
      },
    },
    async (request) =>
      previewPortalDisplay(
        context,
        actorOf(request),
        request.params.buId,
        request.params.typeId,
        request.body,
      ),
  );
}

/**
 * Registers the logo upload in a scope of its own, where image bodies up to 2 MB are read as raw
 * bytes and a larger body gets 413 `image_too_large` instead of the generic error.
 */
function registerLogoRoutes(scope: App, context: ServiceContext): void {
  scope.addContentTypeParser(
    ["image/png", "image/jpeg", "image/webp"],
    { parseAs: "buffer", bodyLimit: MAX_LOGO_BYTES },
    (_request, body, done) => done(null, body),
  );
  scope.setErrorHandler((error, _request, _reply) => {
    // Throwing hands the error on to the application's error boundary.
    if ((error as { code?: string }).code === "FST_ERR_CTP_BODY_TOO_LARGE")
      throw new AppError("image_too_large");
    throw error;
  });

  scope.post(
    "/business-units/:buId/portal/logo",
    {
      bodyLimit: MAX_LOGO_BYTES,
      schema: {
        tags,
        summary: "Upload the unit's portal logo (admins): PNG, JPEG or WebP up to 2 MB as the raw body",
        params: businessUnitParams,
        response: { 200: logoSchema, ...portalErrorResponses },
      },
    },
    async (request) => {
      const bytes = request.body instanceof Buffer ? request.body : Buffer.alloc(0);
      return uploadPortalLogo(context, actorOf(request), request.params.buId, bytes);
    },
  );
}
