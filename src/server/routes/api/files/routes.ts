import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ServiceContext } from "../../../../services/context.js";
import { MAX_FILE_BYTES, readFile, storeFile } from "../../../../services/file-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponses } from "../schemas.js";

const storedFileSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
});

export function registerFileRoutes(app: App, context: ServiceContext): void {
  app.register(async (plainScope) => {
    const scope = plainScope.withTypeProvider<ZodTypeProvider>();
    // Uploads are the raw bytes; the type is read from the bytes themselves, not from this header.
    scope.addContentTypeParser(
      ["application/octet-stream", "image/png", "image/jpeg", "image/webp", "application/pdf"],
      { parseAs: "buffer", bodyLimit: MAX_FILE_BYTES + 1 },
      (_request, body, done) => done(null, body),
    );

    scope.post(
      "/business-units/:buId/files",
      {
        schema: {
          tags: ["files"],
          summary: "Upload a photo, signature or PDF (raw bytes, at most 10 MB)",
          params: businessUnitParams,
          querystring: z.object({ fileName: z.string().min(1).max(200) }),
          response: { 201: storedFileSchema, ...errorResponses },
        },
      },
      async (request, reply) => {
        const bytes = request.body instanceof Buffer ? request.body : Buffer.alloc(0);
        const file = await storeFile(context, actorOf(request), request.params.buId, {
          fileName: request.query.fileName,
          bytes,
        });
        return reply.status(201).send({
          id: file.id,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.sizeBytes,
        });
      },
    );
  });

  app.get(
    "/files/:fileId",
    {
      schema: { tags: ["files"], summary: "Download a stored file", params: z.object({ fileId: z.uuid() }) },
    },
    async (request, reply) => {
      const file = await readFile(context, actorOf(request), request.params.fileId);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, max-age=3600")
        .send(Buffer.from(file.content));
    },
  );
}
