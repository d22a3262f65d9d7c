import { z } from "zod";
import { LOGIN_CHANNELS } from "../../../domain/portal/settings.js";
import type { ServiceContext } from "../../../services/context.js";
import { getPortalBranding, readPortalLogo } from "../../../services/portal/config-service.js";
import type { App } from "../../types.js";
import { errorResponseSchema } from "../api/schemas.js";

const brandingSchema = z.object({
  slug: z.string(),
  displayName: z.string(),
  logoUrl: z.string().nullable(),
  loginChannels: z.enum(LOGIN_CHANNELS),
});

/**
 * Registers the public routes that show a unit's name and logo before sign-in. The caller
 * mounts them under /portal-api; they need no session.
 */
export function registerPortalBrandingRoutes(app: App, context: ServiceContext): void {
  app.get(
    "/units/:slug",
    {
      config: { portalPublic: true },
      schema: {
        tags: ["portal"],
        summary:
          "Name, logo and login channels of the unit at /portal/<slug>; 404 unless its portal is enabled",
        params: z.object({ slug: z.string().max(100) }),
        response: { 200: brandingSchema, 404: errorResponseSchema },
      },
    },
    async (request) => getPortalBranding(context, request.params.slug),
  );

  app.get(
    "/logos/:buId/:fileId",
    {
      config: { portalPublic: true },
      schema: {
        tags: ["portal"],
        summary: "A unit's current portal logo as PNG, cacheable for a year; 404 for any other file",
        params: z.object({ buId: z.string().max(100), fileId: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      const logo = await readPortalLogo(context, request.params.buId, request.params.fileId);
      // A new logo gets a new file id and so a new address, which lets browsers keep this one forever.
      return reply
        .header("content-type", logo.contentType)
        .header("cache-control", "public, max-age=31536000, immutable")
        .header("x-content-type-options", "nosniff")
        .send(Buffer.from(logo.content));
    },
  );
}
