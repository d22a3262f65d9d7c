import { z } from "zod";
import type { ServiceContext } from "../../../../services/context.js";
import { createPortalPreview } from "../../../../services/portal/session-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { errorResponses, uuidSchema } from "../schemas.js";

export function registerPortalPreviewRoutes(app: App, context: ServiceContext): void {
  app.post(
    "/business-units/:buId/customers/:customerId/portal-preview",
    {
      schema: {
        tags: ["customers"],
        summary:
          "Open a one-hour, read-only preview of the customer's portal; recorded in the customer's audit history",
        params: z.object({ buId: uuidSchema, customerId: uuidSchema }),
        response: { 201: z.object({ url: z.string() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const preview = await createPortalPreview(
        context,
        actorOf(request),
        request.params.buId,
        request.params.customerId,
      );
      return reply.status(201).send(preview);
    },
  );
}
