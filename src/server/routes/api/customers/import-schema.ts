import { z } from "zod";
import { CUSTOMER_FIELDS, CUSTOMER_TYPES } from "../../../../domain/customers/customer.js";
import { IMPORT_MODES } from "../../../../domain/customers/import/index.js";
import { MAX_IMPORT_FILE_BYTES } from "../../../../services/customers/import-service.js";
import { languageSchema } from "../schemas.js";

/** Base64 length of the largest accepted file. */
const MAX_BASE64_LENGTH = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4;

/** Body size that the import routes accept: the largest file in base64 plus room for the mapping. */
export const IMPORT_BODY_LIMIT = MAX_BASE64_LENGTH + 1024 * 1024;

export const importParams = z.object({ buId: z.uuid(), importId: z.uuid() });

const columnTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("field"), field: z.enum(CUSTOMER_FIELDS) }),
  z.object({ kind: z.literal("custom"), name: z.string().trim().min(1).max(100) }),
  z.object({ kind: z.literal("ignore") }),
]);

/**
 * The file travels in JSON, base64-encoded, because the server takes no multipart uploads:
 * `{ "fileName": "clients.csv", "contentBase64": "77u/bm9tO3ByZW5vbQ0K…" }`. The file may have
 * up to 20 MB (MAX_IMPORT_FILE_BYTES) before encoding.
 */
const fileFields = {
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z
    .string()
    .max(MAX_BASE64_LENGTH, `the file may have at most ${MAX_IMPORT_FILE_BYTES} bytes (20 MB)`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "use standard base64 without line breaks"),
  /** Targets chosen by the user, by header text as the preview returns it; others keep the proposal. */
  mapping: z.record(z.string(), columnTarget).optional(),
};

export const previewBody = z
  .object({
    ...fileFields,
    /** When given, the preview also counts what an import in this mode would do. */
    mode: z.enum(IMPORT_MODES).optional(),
  })
  .strict();

export const importBody = z
  .object({
    ...fileFields,
    mode: z.enum(IMPORT_MODES),
    /** Plans and reports without changing any customer; the report is stored all the same. */
    dryRun: z.boolean().default(false),
  })
  .strict();

export const importQuery = z.object({
  /** true: return 202 with the import's id at once and write in the background. */
  async: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
});

const importProblem = z.object({
  row: z.number(),
  column: z.string(),
  value: z.string(),
  code: z.string(),
  message: z.string(),
  repairedValue: z.string().optional(),
  relatedRow: z.number().optional(),
});

const fileProblem = z.object({
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
  row: z.number().optional(),
  column: z.string().optional(),
});

const draftSchema = z.object({
  reference: z.string().optional(),
  type: z.enum(CUSTOMER_TYPES),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  companyName: z.string().optional(),
  displayName: z.string(),
  /** Trimmed and lower-cased. */
  email: z.string().optional(),
  /** As typed, trimmed. */
  emailDisplay: z.string().optional(),
  phone: z.string().optional(),
  mobile: z.string().optional(),
  address: z.string().optional(),
  additionalAddress: z.string().optional(),
  postcode: z.string().optional(),
  city: z.string().optional(),
  latitude: z.number().optional(),
  longitude: z.number().optional(),
  language: languageSchema,
  comments: z.string().optional(),
  customFields: z.record(z.string(), z.string()),
});

const encodingSchema = z.enum(["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252"]);
const separatorSchema = z.enum([";", ",", "\t", "|"]);
const modeSchema = z.enum(IMPORT_MODES);

export const previewResponse = z.object({
  fileName: z.string(),
  encoding: encodingSchema,
  separator: separatorSchema,
  separatorName: z.string(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), columnTarget),
  hasReferenceColumn: z.boolean(),
  problems: z.array(fileProblem),
  counts: z.object({ rows: z.number(), valid: z.number(), invalid: z.number(), duplicates: z.number() }),
  rows: z.array(
    z.object({
      line: z.number(),
      values: z.record(z.string(), z.string()),
      draft: draftSchema.optional(),
      errors: z.array(importProblem),
      warnings: z.array(importProblem),
      duplicateOf: z.number().optional(),
    }),
  ),
  plan: z
    .object({
      mode: modeSchema,
      create: z.number(),
      update: z.number(),
      skip: z.number(),
      reject: z.number(),
    })
    .optional(),
  modeProblem: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const importReportSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  encoding: encodingSchema,
  separator: separatorSchema,
  separatorName: z.string(),
  mode: modeSchema,
  dryRun: z.boolean(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  rejected: z.number(),
  headers: z.array(z.string()),
  problems: z.array(fileProblem),
  rows: z.array(
    z.object({
      line: z.number(),
      outcome: z.enum(["created", "updated", "skipped", "rejected"]),
      reference: z.string().nullable(),
      customerId: z.string().nullable(),
      reason: z.string().optional(),
      message: z.string().optional(),
      duplicateOf: z.number().optional(),
      errors: z.array(importProblem),
      warnings: z.array(importProblem),
      values: z.record(z.string(), z.string()),
    }),
  ),
});

export const importStartedSchema = z.object({ id: z.string() });

export const importStatusSchema = z.object({
  id: z.string(),
  /**
   * Progress is kept in the memory of the process that runs the import, so another process does
   * not see it. On the embedded database the request waits until the import has committed.
   */
  status: z.enum(["running", "done", "failed"]),
  processedRows: z.number(),
  totalRows: z.number(),
  report: importReportSchema.optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const importSummarySchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mode: z.string(),
  encoding: z.string(),
  separator: z.string(),
  dryRun: z.boolean(),
  created: z.number(),
  updated: z.number(),
  skipped: z.number(),
  rejected: z.number(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
