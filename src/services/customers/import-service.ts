import { randomUUID } from "node:crypto";
import {
  type CustomerDraft,
  type CustomerField,
  type CustomerType,
  computeDisplayName,
} from "../../domain/customers/customer.js";
import {
  type ColumnMapping,
  collectReferences,
  type FileProblem,
  type ImportMode,
  type ImportPlan,
  ImportPlanError,
  type ImportRow,
  isImportMode,
  type ParsedCustomerFile,
  parseCustomerFile,
  planCustomerImport,
} from "../../domain/customers/import/index.js";
import { searchKey } from "../../domain/text/keys.js";
import type { BusinessUnitRow } from "../../repositories/business-units.js";
import {
  type CustomerFields,
  type CustomerImportSummary,
  type CustomerRow,
  customerRepository,
} from "../../repositories/customers.js";
import { AppError, notFound } from "../../server/errors.js";
import { type Actor, requireRole } from "../access.js";
import type { ServiceContext } from "../context.js";
import { MAX_CUSTOM_FIELDS } from "./customer-input.js";
import { CUSTOMER_WRITE_ROLES, loadUnit } from "./customer-service.js";
import { type ImportJob, importJobs } from "./import-jobs.js";
import { type ImportReport, type ImportReportRow, separatorName } from "./import-report.js";
import { allocateReferences } from "./references.js";

/** Largest file the import accepts, in bytes. */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

/** Rows per INSERT or UPDATE statement: about 12,500 parameters per INSERT, under PostgreSQL's 65,535. */
const WRITE_BATCH_SIZE = 500;

export interface CustomerImportFile {
  fileName: string;
  bytes: Uint8Array;
  /** Column targets chosen by the user, by header; headers left out keep the proposed target. */
  mapping?: ColumnMapping;
}

export interface CustomerImportRequest extends CustomerImportFile {
  mode: string;
  /** Plans and reports without changing any customer; the report is still stored. */
  dryRun: boolean;
}

export interface ImportPreview {
  fileName: string;
  encoding: ParsedCustomerFile["encoding"];
  separator: ParsedCustomerFile["separator"];
  separatorName: string;
  headers: string[];
  mapping: ColumnMapping;
  hasReferenceColumn: boolean;
  /** File problems; the import refuses the file while one has severity "error". */
  problems: ImportFileProblem[];
  counts: { rows: number; valid: number; invalid: number; duplicates: number };
  /** The first 10 rows with what the import made of each. */
  rows: ImportRow[];
  /** Counts of the actions that an import in `mode` would take, when the request gives a mode. */
  plan?: { mode: ImportMode; create: number; update: number; skip: number; reject: number };
  /** Problem that keeps `mode` from applying to this file, when there is one. */
  modeProblem?: { code: string; message: string };
}

/** Reads a file and shows what an import would make of it; nothing is stored. */
export async function previewCustomerImport(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  request: CustomerImportFile & { mode?: string },
): Promise<ImportPreview> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  const unit = await loadUnit(context.db, actor.organizationId, businessUnitId);
  checkFileSize(request.bytes);
  const parsed = parseFile(unit, request);
  const valid = parsed.rows.filter((row) => row.draft !== undefined && row.duplicateOf === undefined).length;
  const duplicates = parsed.rows.filter((row) => row.duplicateOf !== undefined).length;
  const preview: ImportPreview = {
    fileName: request.fileName,
    encoding: parsed.encoding,
    separator: parsed.separator,
    separatorName: separatorName(parsed.separator),
    headers: parsed.headers,
    mapping: parsed.mapping,
    hasReferenceColumn: parsed.hasReferenceColumn,
    problems: [...parsed.problems, ...customFieldProblems(parsed)],
    counts: { rows: parsed.rows.length, valid, invalid: parsed.rows.length - valid - duplicates, duplicates },
    rows: parsed.previewRows,
  };
  if (request.mode === undefined) return preview;

  try {
    const takenReferences = await customerRepository(context.db, actor.organizationId).listTakenReferences(
      businessUnitId,
      collectReferences(parsed.rows),
    );
    const plan = planCustomerImport(parsed.rows, {
      mode: request.mode,
      hasReferenceColumn: parsed.hasReferenceColumn,
      existingReferences: new Set(takenReferences),
    });
    preview.plan = { mode: plan.mode, ...plan.counts };
  } catch (error) {
    if (!(error instanceof ImportPlanError)) throw error;
    preview.modeProblem = { code: error.code, message: error.message };
  }
  return preview;
}

/** Imports a file and returns its report once the transaction has committed. */
export async function runCustomerImport(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  request: CustomerImportRequest,
): Promise<ImportReport> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  const unit = await loadUnit(context.db, actor.organizationId, businessUnitId);
  return executeImport(context, prepareImport(unit, request), actor.userId);
}

/**
 * Checks the file, then imports it in the background and returns its id at once. The status
 * endpoint reads the progress from the job registry of this process.
 */
export async function startCustomerImport(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  request: CustomerImportRequest,
): Promise<{ id: string }> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  const unit = await loadUnit(context.db, actor.organizationId, businessUnitId);
  const prepared = prepareImport(unit, request);
  const job = importJobs.start(
    prepared.id,
    actor.organizationId,
    businessUnitId,
    prepared.parsed.rows.length,
  );

  // Started on a later turn of the event loop so that the caller's response is sent first,
  // because PGlite runs queries on this thread and would hold the response until the import ends.
  setImmediate(() => {
    executeImport(context, prepared, actor.userId, (processedRows) => {
      job.processedRows = processedRows;
    }).then(
      (report) => {
        job.report = report;
        job.processedRows = job.totalRows;
        job.status = "done";
      },
      (error: unknown) => {
        job.status = "failed";
        job.error =
          error instanceof AppError
            ? { code: error.code, message: error.message }
            : { code: "internal_error", message: "The import failed, so nothing was saved. Try again." };
        context.logger.error(
          { err: error, importId: job.id, businessUnitId, userId: actor.userId },
          "customer import failed",
        );
      },
    );
  });
  return { id: prepared.id };
}

/**
 * Returns the state of an import. It comes from the registry while this process runs the import
 * or still keeps it, else from the stored import, which exists only for imports that committed.
 */
export async function getCustomerImportStatus(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  importId: string,
): Promise<Omit<ImportJob, "organizationId" | "businessUnitId">> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  const job = importJobs.find(actor.organizationId, businessUnitId, importId);
  if (job) {
    return {
      id: job.id,
      status: job.status,
      processedRows: job.processedRows,
      totalRows: job.totalRows,
      ...(job.report ? { report: job.report } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
  }
  const report = await getCustomerImportReport(context, actor, businessUnitId, importId);
  return {
    id: importId,
    status: "done",
    processedRows: report.rows.length,
    totalRows: report.rows.length,
    report,
  };
}

export async function getCustomerImportReport(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  importId: string,
): Promise<ImportReport> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  const row = await customerRepository(context.db, actor.organizationId).findImport(businessUnitId, importId);
  if (!row) throw notFound("Customer import not found.");
  return row.report as ImportReport;
}

export async function listCustomerImports(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
): Promise<CustomerImportSummary[]> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  return customerRepository(context.db, actor.organizationId).listImports(businessUnitId, 50);
}

/**
 * Imports a file for an operator at the command line. The operator acts with full rights on the
 * unit, and the stored import names no user.
 */
export async function importCustomersAsOperator(
  context: ServiceContext,
  unit: BusinessUnitRow,
  request: CustomerImportRequest,
): Promise<ImportReport> {
  return executeImport(context, prepareImport(unit, request), null);
}

interface PreparedImport {
  id: string;
  unit: BusinessUnitRow;
  request: CustomerImportRequest;
  mode: ImportMode;
  parsed: ParsedCustomerFile;
}

/** Reads the file and checks everything that can reject it as a whole, before anything is written. */
function prepareImport(unit: BusinessUnitRow, request: CustomerImportRequest): PreparedImport {
  checkFileSize(request.bytes);
  const mode = request.mode;
  if (!isImportMode(mode)) {
    throw new AppError("validation_failed", `Import mode "${mode}" is unknown.`, {
      fields: [
        {
          path: "mode",
          code: "unknown_mode",
          value: mode,
          message: "use create, create-skip-existing, update, update-skip-missing or upsert",
        },
      ],
    });
  }
  const parsed = parseFile(unit, request);
  const fileErrors = [...parsed.problems, ...customFieldProblems(parsed)].filter(
    (problem) => problem.severity === "error",
  );
  if (fileErrors.length > 0) {
    throw new AppError(
      "validation_failed",
      `The file cannot be imported. ${fileErrors.map((problem) => problem.message).join(" ")}`,
      {
        fields: fileErrors.map((problem) => ({
          path: "file",
          code: problem.code,
          message: problem.message,
          ...("column" in problem && problem.column !== undefined ? { value: problem.column } : {}),
        })),
        problems: parsed.problems,
      },
    );
  }
  try {
    planCustomerImport([], {
      mode,
      hasReferenceColumn: parsed.hasReferenceColumn,
      existingReferences: new Set(),
    });
  } catch (error) {
    if (!(error instanceof ImportPlanError)) throw error;
    throw new AppError("validation_failed", error.message, {
      fields: [{ path: "mode", code: error.code, value: mode, message: error.message }],
    });
  }
  return { id: randomUUID(), unit, request, mode, parsed };
}

function parseFile(unit: BusinessUnitRow, file: CustomerImportFile): ParsedCustomerFile {
  return parseCustomerFile(file.bytes, {
    country: unit.country,
    defaultLanguage: unit.language === "fr" ? "fr" : "en",
    mapping: file.mapping,
  });
}

function checkFileSize(bytes: Uint8Array): void {
  if (bytes.length <= MAX_IMPORT_FILE_BYTES) return;
  throw new AppError("validation_failed", "The file is too large to import.", {
    fields: [
      {
        path: "file",
        code: "file_too_large",
        value: bytes.length,
        message: `the file has ${bytes.length} bytes; import at most ${MAX_IMPORT_FILE_BYTES} bytes (20 MB) at a time, splitting larger files`,
      },
    ],
  });
}

/** Problem of the file as a whole, reported by the domain or added by the service. */
export type ImportFileProblem =
  | FileProblem
  | { severity: "error"; code: "too_many_custom_fields"; message: string };

/** Reports a mapping that would give customers more custom fields than a customer may have. */
function customFieldProblems(parsed: ParsedCustomerFile): ImportFileProblem[] {
  const names = customFieldNames(parsed.mapping);
  if (names.length <= MAX_CUSTOM_FIELDS) return [];
  return [
    {
      severity: "error",
      code: "too_many_custom_fields",
      message: `The file has ${names.length} columns that become custom fields, but a customer has at most ${MAX_CUSTOM_FIELDS}. Ignore some of them in the mapping.`,
    },
  ];
}

function customFieldNames(mapping: ColumnMapping): string[] {
  const names = new Set<string>();
  for (const target of Object.values(mapping)) if (target.kind === "custom") names.add(target.name);
  return [...names];
}

/**
 * Plans the import against the unit's existing references, then writes every creation and
 * update (none in a dry run) and the stored report in one transaction, so nothing is saved when
 * any statement fails. `onProgress` receives the number of rows settled so far.
 */
async function executeImport(
  context: ServiceContext,
  prepared: PreparedImport,
  createdBy: string | null,
  onProgress: (processedRows: number) => void = () => {},
): Promise<ImportReport> {
  const { unit, parsed } = prepared;
  const organizationId = unit.organizationId;
  const fileReferences = collectReferences(parsed.rows);
  const started = Date.now();

  const report = await context.db.transaction(async (tx) => {
    const customers = customerRepository(tx, organizationId);
    const existing = new Map(
      (await customers.findByReferences(unit.id, fileReferences)).map((row) => [row.reference, row]),
    );
    const plan = planCustomerImport(parsed.rows, {
      mode: prepared.mode,
      hasReferenceColumn: parsed.hasReferenceColumn,
      existingReferences: new Set(existing.keys()),
    });
    let processed = plan.counts.skip + plan.counts.reject;
    onProgress(processed);

    const written = new Map<number, { reference: string; customerId: string }>();
    if (!prepared.request.dryRun) {
      const now = context.clock.now();
      const creations = plan.actions.flatMap((action) => (action.action === "create" ? [action] : []));
      const generated = await allocateReferences(
        tx,
        organizationId,
        unit.id,
        creations.filter((action) => action.draft.reference === undefined).length,
        new Set(fileReferences),
      );
      const newRows = creations.map((action) => {
        const reference = action.draft.reference ?? generated.shift()!;
        const id = randomUUID();
        written.set(action.line, { reference, customerId: id });
        return { ...fieldsForCreation(unit, action.draft, reference), id };
      });
      for (const batch of batches(newRows)) {
        await customers.insertMany(unit.id, batch, now);
        processed += batch.length;
        onProgress(processed);
        await yieldToEventLoop();
      }

      const columns = mappedColumns(parsed.mapping);
      const rowsByLine = new Map(parsed.rows.map((row) => [row.line, row]));
      const changedRows = plan.actions.flatMap((action) => {
        if (action.action !== "update") return [];
        const current = existing.get(action.reference)!;
        written.set(action.line, { reference: current.reference, customerId: current.id });
        return [
          { ...mergeForUpdate(current, action.draft, rowsByLine.get(action.line)!, columns), id: current.id },
        ];
      });
      for (const batch of batches(changedRows)) {
        const count = await customers.updateMany(unit.id, batch, now);
        if (count !== batch.length) {
          throw new AppError(
            "conflict",
            "Customers were deleted while the import ran; nothing was saved. Import the file again.",
          );
        }
        processed += batch.length;
        onProgress(processed);
        await yieldToEventLoop();
      }
    }

    const result = buildReport(prepared, plan, written);
    await customers.insertImport({
      id: result.id,
      businessUnitId: unit.id,
      fileName: prepared.request.fileName,
      mode: prepared.mode,
      encoding: parsed.encoding,
      separator: parsed.separator,
      dryRun: prepared.request.dryRun,
      created: result.created,
      updated: result.updated,
      skipped: result.skipped,
      rejected: result.rejected,
      report: result,
      createdAt: context.clock.now(),
      createdBy,
    });
    return result;
  });

  context.logger.info(
    {
      event: "customers_imported",
      importId: report.id,
      businessUnitId: unit.id,
      dryRun: report.dryRun,
      created: report.created,
      updated: report.updated,
      skipped: report.skipped,
      rejected: report.rejected,
      durationMs: Date.now() - started,
    },
    "customer import finished",
  );
  return report;
}

function buildReport(
  prepared: PreparedImport,
  plan: ImportPlan,
  written: ReadonlyMap<number, { reference: string; customerId: string }>,
): ImportReport {
  const { parsed } = prepared;
  const counts = { created: 0, updated: 0, skipped: 0, rejected: 0 };
  const rows = parsed.rows.map((row, index): ImportReportRow => {
    const action = plan.actions[index]!;
    const stored = written.get(row.line);
    const base = {
      line: row.line,
      reference: stored?.reference ?? row.draft?.reference ?? null,
      customerId: stored?.customerId ?? null,
      errors: row.errors,
      warnings: row.warnings,
      values: row.values,
    };
    switch (action.action) {
      case "create":
        counts.created++;
        return { ...base, outcome: "created" };
      case "update":
        counts.updated++;
        return { ...base, outcome: "updated" };
      case "skip":
        counts.skipped++;
        return {
          ...base,
          outcome: "skipped",
          reason: action.reason,
          message: action.message,
          ...(action.duplicateOf === undefined ? {} : { duplicateOf: action.duplicateOf }),
        };
      default:
        counts.rejected++;
        return { ...base, outcome: "rejected", reason: action.reason, message: action.message };
    }
  });
  return {
    id: prepared.id,
    fileName: prepared.request.fileName,
    encoding: parsed.encoding,
    separator: parsed.separator,
    separatorName: separatorName(parsed.separator),
    mode: prepared.mode,
    dryRun: prepared.request.dryRun,
    ...counts,
    headers: parsed.headers,
    problems: parsed.problems,
    rows,
  };
}

/**
 * Lets pending I/O callbacks run between batches. On PGlite, which runs queries on this thread,
 * the server otherwise sends no response at all until the transaction ends.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function* batches<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += WRITE_BATCH_SIZE) {
    yield items.slice(start, start + WRITE_BATCH_SIZE);
  }
}

function fieldsForCreation(unit: BusinessUnitRow, draft: CustomerDraft, reference: string): CustomerFields {
  return {
    reference,
    type: draft.type,
    firstName: draft.firstName ?? null,
    lastName: draft.lastName ?? null,
    companyName: draft.companyName ?? null,
    displayName: draft.displayName,
    searchKey: searchKey(draft.displayName),
    email: draft.emailDisplay ?? null,
    emailNormalized: draft.email ?? null,
    phone: draft.phone ?? null,
    mobile: draft.mobile ?? null,
    addressLine1: draft.address ?? null,
    addressLine2: draft.additionalAddress ?? null,
    postcode: draft.postcode ?? null,
    city: draft.city ?? null,
    country: unit.country,
    latitude: draft.latitude ?? null,
    longitude: draft.longitude ?? null,
    language: draft.language,
    timeZone: null,
    customFields: draft.customFields,
    comments: draft.comments ?? null,
    portalAccess: unit.portalAccessByDefault,
  };
}

interface MappedColumns {
  /** The header of the column mapped to each customer field. */
  fields: Map<CustomerField, string>;
  customNames: string[];
}

function mappedColumns(mapping: ColumnMapping): MappedColumns {
  const fields = new Map<CustomerField, string>();
  for (const [header, target] of Object.entries(mapping)) {
    if (target.kind === "field" && !fields.has(target.field)) fields.set(target.field, header);
  }
  return { fields, customNames: customFieldNames(mapping) };
}

/**
 * Applies a row to a stored customer. A field whose column the file has takes the row's value,
 * and an empty cell clears it. Fields without a column keep their stored value, and so do the
 * type and the language when their cell is empty or unreadable, because the row would otherwise
 * put defaults in their place. Country, time zone and portal access are never in a file.
 */
function mergeForUpdate(
  current: CustomerRow,
  draft: CustomerDraft,
  row: ImportRow,
  columns: MappedColumns,
): CustomerFields {
  const has = (field: CustomerField) => columns.fields.has(field);
  const cellIsEmpty = (field: CustomerField) =>
    (row.values[columns.fields.get(field) ?? ""] ?? "").trim() === "";
  const take = <T>(field: CustomerField, value: T | undefined, stored: T | null): T | null =>
    has(field) ? (value ?? null) : stored;

  const type = has("type") && !cellIsEmpty("type") ? draft.type : (current.type as CustomerType);
  const firstName = take("firstName", draft.firstName, current.firstName);
  const lastName = take("lastName", draft.lastName, current.lastName);
  const companyName = take("companyName", draft.companyName, current.companyName);
  const displayName =
    computeDisplayName(type, {
      firstName: firstName ?? undefined,
      lastName: lastName ?? undefined,
      companyName: companyName ?? undefined,
    }) ?? current.displayName;
  const hasCoordinates = has("latitude") || has("longitude");
  const languageUnreadable = row.warnings.some((warning) => warning.code === "unsupported_language");
  const language =
    has("language") && !cellIsEmpty("language") && !languageUnreadable ? draft.language : current.language;

  // NOTE: custom fields are merged into the stored ones, so an update may leave a customer with
  // more than MAX_CUSTOM_FIELDS of them. Only the file's own custom columns are counted.
  const customFields = { ...current.customFields };
  for (const name of columns.customNames) {
    const value = draft.customFields[name];
    if (value === undefined) delete customFields[name];
    else customFields[name] = value;
  }

  return {
    reference: current.reference,
    type,
    firstName,
    lastName,
    companyName,
    displayName,
    searchKey: searchKey(displayName),
    email: take("email", draft.emailDisplay, current.email),
    emailNormalized: take("email", draft.email, current.emailNormalized),
    phone: take("phone", draft.phone, current.phone),
    mobile: take("mobile", draft.mobile, current.mobile),
    addressLine1: take("address", draft.address, current.addressLine1),
    addressLine2: take("additionalAddress", draft.additionalAddress, current.addressLine2),
    postcode: take("postcode", draft.postcode, current.postcode),
    city: take("city", draft.city, current.city),
    country: current.country,
    latitude: hasCoordinates ? (draft.latitude ?? null) : current.latitude,
    longitude: hasCoordinates ? (draft.longitude ?? null) : current.longitude,
    language,
    timeZone: current.timeZone,
    customFields,
    comments: take("comments", draft.comments, current.comments),
    portalAccess: current.portalAccess,
  };
}
