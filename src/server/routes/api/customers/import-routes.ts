import { z } from "zod";
import type { ServiceContext } from "../../../../services/context.js";
import { formatImportReportCsv } from "../../../../services/customers/import-report.js";
import {
  getCustomerImportReport,
  getCustomerImportStatus,
  listCustomerImports,
  previewCustomerImport,
  runCustomerImport,
  startCustomerImport,
} from "../../../../services/customers/import-service.js";
import { actorOf } from "../../../staff-auth.js";
import type { App } from "../../../types.js";
import { businessUnitParams } from "../business-units/schema.js";
import { errorResponses } from "../schemas.js";
import {
  IMPORT_BODY_LIMIT,
  importBody,
  importParams,
  importQuery,
  importReportSchema,
  importStartedSchema,
  importStatusSchema,
  importSummarySchema,
  previewBody,
  previewResponse,
} from "./import-schema.js";

const tags = ["customer imports"];

/** Customer imports from spreadsheet files: preview, run, progress and report download. */
export function registerCustomerImportRoutes(app: App, context: ServiceContext): void {
  const base = "/business-units/:buId/customer-imports";

  app.post(
    `${base}/preview`,
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          "Read a file and show encoding, separator, mapping and the first rows; stores nothing (planners)",
        params: businessUnitParams,
        body: previewBody,
        response: { 200: previewResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { fileName, contentBase64, mapping, mode } = request.body;
      return previewCustomerImport(context, actorOf(request), request.params.buId, {
        fileName,
        bytes: Buffer.from(contentBase64, "base64"),
        ...(mapping ? { mapping } : {}),
        ...(mode ? { mode } : {}),
      });
    },
  );

  app.post(
    base,
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          "Import customers in one transaction and return the report; with async=true, answer 202 and report progress at GET …/customer-imports/:id (planners)",
        params: businessUnitParams,
        querystring: importQuery,
        body: importBody,
        response: { 200: importReportSchema, 202: importStartedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, contentBase64, mapping, mode, dryRun } = request.body;
      const importRequest = {
        fileName,
        bytes: Buffer.from(contentBase64, "base64"),
        mode,
        dryRun,
        ...(mapping ? { mapping } : {}),
      };
      if (request.query.async) {
        const started = await startCustomerImport(
          context,
          actorOf(request),
          request.params.buId,
          importRequest,
        );
        return reply.status(202).send(started);
      }
      return runCustomerImport(context, actorOf(request), request.params.buId, importRequest);
    },
  );

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "The unit's latest 50 imports, newest first, without their reports (planners)",
        params: businessUnitParams,
        response: { 200: z.array(importSummarySchema), ...errorResponses },
      },
    },
    async (request) =>
      (await listCustomerImports(context, actorOf(request), request.params.buId)).map((row) => ({
        id: row.id,
        fileName: row.fileName,
        mode: row.mode,
        encoding: row.encoding,
        separator: row.separator,
        dryRun: row.dryRun,
        created: row.created,
        updated: row.updated,
        skipped: row.skipped,
        rejected: row.rejected,
        createdAt: row.createdAt.toISOString(),
        createdBy: row.createdBy,
      })),
  );

  app.get(
    `${base}/:importId`,
    {
      schema: {
        tags,
        summary: "Status and progress of an import, with its report once done (planners)",
        params: importParams,
        response: { 200: importStatusSchema, ...errorResponses },
      },
    },
    async (request) =>
      getCustomerImportStatus(context, actorOf(request), request.params.buId, request.params.importId),
  );

  app.get(
    `${base}/:importId/report.csv`,
    {
      schema: {
        tags,
        summary: "An import's report as a CSV file: one line per problem, with the row's values (planners)",
        params: importParams,
      },
    },
    async (request, reply) => {
      const report = await getCustomerImportReport(
        context,
        actorOf(request),
        request.params.buId,
        request.params.importId,
      );
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="customer-import-${report.id}.csv"`)
        .send(Buffer.from(formatImportReportCsv(report), "utf8"));
    },
  );
}
