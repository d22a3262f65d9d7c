import type { FastifyError } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, errorCatalogue, type FieldProblem } from "./errors.js";
import type { App } from "./types.js";

/**
 * The one place that turns failures into responses. Catalogue errors keep their code and
 * message; request validation becomes `validation_failed` naming each field; anything else
 * is logged and answered as a 500 carrying only the request id.
 */
export function registerErrorBoundary(app: App): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.details?.retryAfterSeconds !== undefined)
        reply.header("retry-after", String(error.details.retryAfterSeconds));
      return reply.status(error.status).send({
        error: { code: error.code, message: error.message, requestId: request.id, ...detailsOf(error) },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: FieldProblem[] = error.validation.map((problem) => ({
        path: problemPath(problem.instancePath, problem.params),
        message: problem.message ?? "is invalid",
        code: problem.keyword,
      }));
      const where = error.validationContext === "body" ? "" : ` in the ${error.validationContext}`;
      return reply.status(400).send({
        error: {
          code: "validation_failed",
          message: `Invalid request${where}: ${fields.map((field) => `${field.path || "(body)"} ${field.message}`).join("; ")}`,
          requestId: request.id,
          details: { fields },
        },
      });
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, body too large, wrong content type.
      return reply.status(error.statusCode).send({
        error: { code: "bad_request", message: error.message, requestId: request.id },
      });
    }
    request.log.error({ err: error }, "request failed");
    return reply.status(500).send({
      error: {
        code: "internal_error",
        message: errorCatalogue.internal_error.message,
        requestId: request.id,
      },
    });
  });
}

function detailsOf(error: AppError): { details?: AppError["details"] } {
  return error.details ? { details: error.details } : {};
}

/** Turns "/address/latitude" into "address.latitude", and names a missing key from its params. */
function problemPath(instancePath: string, params: Record<string, unknown> | undefined): string {
  const base = instancePath.replace(/^\//, "").replaceAll("/", ".");
  const missing = params?.missingProperty;
  if (typeof missing === "string") return base ? `${base}.${missing}` : missing;
  return base;
}
