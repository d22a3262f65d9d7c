import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, segment } from "../../shared/api";
import type { Language } from "../../shared/i18n";
import type { Role } from "./types";

export const CUSTOMER_TYPES = ["individual", "professional"] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];

/** A customer as `GET /customers/:customerId` returns it. */
export interface Customer {
  id: string;
  businessUnitId: string;
  reference: string;
  type: CustomerType;
  firstName: string | null;
  lastName: string | null;
  companyName: string | null;
  /** The company name for a professional, else "First Last". */
  displayName: string;
  /** As typed; the server matches its trimmed, lower-cased form. */
  email: string | null;
  /** E.164, such as +33612345678. */
  phone: string | null;
  /** E.164, such as +33612345678. */
  mobile: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postcode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  latitude: number | null;
  longitude: number | null;
  /** Whether the customer has coordinates. */
  located: boolean;
  language: Language;
  /** IANA zone of the customer, or null when the business unit's zone applies. */
  timeZone: string | null;
  customFields: Record<string, string>;
  comments: string | null;
  portalAccess: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Fields of a creation or an update. Null clears a field; `customFields` replaces the whole map. */
export type CustomerInput = Partial<
  Omit<Customer, "id" | "businessUnitId" | "displayName" | "located" | "createdAt" | "updatedAt">
>;

export interface CustomerPage {
  items: Customer[];
  /** Number of customers matching the filters. */
  total: number;
  limit: number;
  offset: number;
}

export interface CustomerListFilters {
  /** Matched in the display name, reference, email and phone numbers. */
  q: string;
  /** True lists only customers without coordinates. */
  notLocatedOnly: boolean;
  limit: number;
  offset: number;
}

export interface MapSettings {
  /** Leaflet URL template with {z}, {x} and {y}. */
  tileUrl: string;
  attribution: string;
}

export interface GeocodeResult {
  label: string;
  latitude: number;
  longitude: number;
  score: number;
  postcode: string | null;
  city: string | null;
  housenumber: string | null;
  street: string | null;
}

export const ACTIVITY_STATES = [
  "canceled",
  "terminated",
  "in_progress",
  "to_close",
  "scheduled",
  "unscheduled",
] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

/** The fields of `GET /activities` that the customer record shows. */
export interface CustomerActivity {
  id: string;
  reference: string;
  activityTypeName: string;
  state: ActivityState;
  /** ISO 8601 instant, or null while unscheduled. */
  startAt: string | null;
  assigneeName: string | null;
}

// Import

export const IMPORT_MODES = [
  "create",
  "create-skip-existing",
  "update",
  "update-skip-missing",
  "upsert",
] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** Customer fields that an import column can fill, in the order of an exported file. */
export const IMPORT_FIELDS = [
  "reference",
  "type",
  "lastName",
  "firstName",
  "companyName",
  "email",
  "phone",
  "mobile",
  "address",
  "additionalAddress",
  "postcode",
  "city",
  "latitude",
  "longitude",
  "language",
  "comments",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export type ColumnTarget =
  | { kind: "field"; field: ImportField }
  | { kind: "custom"; name: string }
  | { kind: "ignore" };

/** Column targets by header text. */
export type ColumnMapping = Record<string, ColumnTarget>;

export type DetectedEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1252";
export type SeparatorName = "semicolon" | "comma" | "tab" | "pipe";

/** A problem in one cell or row of the file. `message` is in English. */
export interface ImportProblem {
  /** Line of the file where the row starts; the header is line 1. */
  row: number;
  /** Header of the column, or "" for a problem of the whole row. */
  column: string;
  /** The cell as read from the file. */
  value: string;
  code: string;
  message: string;
  /** For `mojibake`: the text once repaired, which the import stores. */
  repairedValue?: string;
  /** For duplicates: the line of the earlier row. */
  relatedRow?: number;
}

/** A problem of the whole file. The server refuses to import while one has severity "error". */
export interface FileProblem {
  severity: "error" | "warning";
  code: string;
  message: string;
  row?: number;
  column?: string;
}

/** Customer built from a row, limited to the fields that the preview shows. */
export interface ImportDraft {
  reference?: string;
  type: CustomerType;
  displayName: string;
}

export interface PreviewRow {
  line: number;
  /** Cells by header, as decoded from the file. */
  values: Record<string, string>;
  /** Absent when the row has errors. */
  draft?: ImportDraft;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  duplicateOf?: number;
}

export interface ImportPreview {
  fileName: string;
  encoding: DetectedEncoding;
  separator: string;
  separatorName: SeparatorName;
  headers: string[];
  mapping: ColumnMapping;
  hasReferenceColumn: boolean;
  problems: FileProblem[];
  counts: { rows: number; valid: number; invalid: number; duplicates: number };
  /** The first 10 rows. */
  rows: PreviewRow[];
  plan?: { mode: ImportMode; create: number; update: number; skip: number; reject: number };
  /** Problem that keeps the requested mode from applying to this file. */
  modeProblem?: { code: string; message: string };
}

export type RowOutcome = "created" | "updated" | "skipped" | "rejected";

export interface ImportReportRow {
  line: number;
  outcome: RowOutcome;
  reference: string | null;
  customerId: string | null;
  /** Reason code of a skip or rejection, such as `existing_reference`. */
  reason?: string;
  message?: string;
  duplicateOf?: number;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  values: Record<string, string>;
}

export interface ImportReport {
  id: string;
  fileName: string;
  encoding: DetectedEncoding;
  separator: string;
  separatorName: SeparatorName;
  mode: ImportMode;
  dryRun: boolean;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  headers: string[];
  problems: FileProblem[];
  rows: ImportReportRow[];
}

export interface ImportStatus {
  id: string;
  status: "running" | "done" | "failed";
  processedRows: number;
  totalRows: number;
  report?: ImportReport;
  error?: { code: string; message: string };
}

/** A file read in the browser, ready for the import routes. */
export interface ImportFile {
  fileName: string;
  contentBase64: string;
}

export interface PreviewRequest extends ImportFile {
  /** The user's choices only; the server proposes targets for the other headers. */
  mapping: ColumnMapping;
  mode: ImportMode;
}

export interface ImportRequest extends PreviewRequest {
  dryRun: boolean;
}

/** Largest file the server imports, in bytes (20 MB). */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;

/** Roles that create, change, delete, import and export customers. Every member reads them. */
const CUSTOMER_WRITE_ROLES: readonly Role[] = ["admin", "planner"];

export function canEditCustomers(roles: readonly Role[]): boolean {
  return roles.some((role) => CUSTOMER_WRITE_ROLES.includes(role));
}

const customersKey = (buId: string) => ["customers", buId] as const;
const customerListKey = (buId: string, filters: CustomerListFilters) =>
  [...customersKey(buId), "list", filters] as const;
export const customerQueryKey = (buId: string, customerId: string) =>
  [...customersKey(buId), "one", customerId] as const;
const customerActivitiesKey = (buId: string, customerId: string) =>
  ["activities", buId, { customerId }] as const;

const unitPath = (buId: string) => `/api/business-units/${segment(buId)}`;
const customersPath = (buId: string) => `${unitPath(buId)}/customers`;
const customerPath = (buId: string, customerId: string) => `${customersPath(buId)}/${segment(customerId)}`;
const importsPath = (buId: string) => `${unitPath(buId)}/customer-imports`;

/** URL of the CSV export; French gives French headers, `;` separators and decimal commas. */
export function customerExportUrl(buId: string, language: Language): string {
  return `${customersPath(buId)}/export.csv?language=${encodeURIComponent(language)}`;
}

export function importReportUrl(buId: string, importId: string): string {
  return `${importsPath(buId)}/${segment(importId)}/report.csv`;
}

export function useCustomers(buId: string, filters: CustomerListFilters) {
  return useQuery({
    queryKey: customerListKey(buId, filters),
    queryFn: ({ signal }) => {
      const parameters = new URLSearchParams({
        limit: String(filters.limit),
        offset: String(filters.offset),
      });
      if (filters.q.trim() !== "") {
        parameters.set("q", filters.q.trim());
      }
      if (filters.notLocatedOnly) {
        parameters.set("located", "false");
      }
      return api.get<CustomerPage>(`${customersPath(buId)}?${parameters}`, signal);
    },
    // The previous page stays on screen while the next one loads, so the table does not flash.
    placeholderData: (previous) => previous,
  });
}

export function useCustomer(buId: string, customerId: string) {
  return useQuery({
    queryKey: customerQueryKey(buId, customerId),
    queryFn: ({ signal }) => api.get<Customer>(customerPath(buId, customerId), signal),
  });
}

/** Stores a saved customer in the cache and reloads the lists, whose order and filters it may change. */
function useStoreCustomer(buId: string) {
  const queryClient = useQueryClient();
  return (saved: Customer) => {
    queryClient.setQueryData(customerQueryKey(buId, saved.id), saved);
    return queryClient.invalidateQueries({ queryKey: [...customersKey(buId), "list"] });
  };
}

export function useCreateCustomer(buId: string) {
  const store = useStoreCustomer(buId);
  return useMutation({
    mutationFn: (input: CustomerInput) => api.post<Customer>(customersPath(buId), input),
    onSuccess: store,
  });
}

export function useUpdateCustomer(buId: string, customerId: string) {
  const store = useStoreCustomer(buId);
  return useMutation({
    mutationFn: (input: CustomerInput) => api.patch<Customer>(customerPath(buId, customerId), input),
    onSuccess: store,
  });
}

/** Places the map pin, or removes it with two nulls. */
export function useSetCustomerLocation(buId: string, customerId: string) {
  const store = useStoreCustomer(buId);
  return useMutation({
    mutationFn: (location: { latitude: number | null; longitude: number | null }) =>
      api.put<Customer>(`${customerPath(buId, customerId)}/location`, location),
    onSuccess: store,
  });
}

export function useDeleteCustomer(buId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(customerPath(buId, customerId)),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: customerQueryKey(buId, customerId) });
      return queryClient.invalidateQueries({ queryKey: [...customersKey(buId), "list"] });
    },
  });
}

/** Loads the customer's activities that the user may see: all of them for planners, their own for field workers. */
export function useCustomerActivities(buId: string, customerId: string) {
  return useQuery({
    queryKey: customerActivitiesKey(buId, customerId),
    queryFn: ({ signal }) =>
      api.get<{ total: number; items: CustomerActivity[] }>(
        `${unitPath(buId)}/activities?customerId=${encodeURIComponent(customerId)}&limit=100`,
        signal,
      ),
  });
}

export function useMapSettings() {
  return useQuery({
    queryKey: ["reference", "map"],
    queryFn: ({ signal }) => api.get<MapSettings>("/api/reference/map", signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Searches addresses. A mutation rather than a query, because each search is an explicit action
 * and a 503 (no geocoder configured) must not be retried.
 */
export function useGeocode(buId: string) {
  return useMutation({
    mutationFn: (query: { q: string; postcode?: string; city?: string }) => {
      const parameters = new URLSearchParams({ q: query.q });
      if (query.postcode) {
        parameters.set("postcode", query.postcode);
      }
      if (query.city) {
        parameters.set("city", query.city);
      }
      return api.get<{ results: GeocodeResult[] }>(`${unitPath(buId)}/geocode?${parameters}`);
    },
  });
}

export function useImportPreview(buId: string) {
  return useMutation({
    mutationFn: (request: PreviewRequest) => api.post<ImportPreview>(`${importsPath(buId)}/preview`, request),
  });
}

/** Starts an import in the background; `useImportStatus` follows it. */
export function useStartImport(buId: string) {
  return useMutation({
    mutationFn: (request: ImportRequest) =>
      api.post<{ id: string }>(`${importsPath(buId)}?async=true`, request),
  });
}

/** Interval between two progress requests of a running import, in milliseconds. */
const IMPORT_POLL_INTERVAL_MS = 500;

/**
 * Follows an import until it is done or failed. On the embedded database (PGlite) the server
 * responds only once the import has committed, so the progress may jump from 0 to the end.
 */
export function useImportStatus(buId: string, importId: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ["customerImports", buId, importId],
    queryFn: async ({ signal }) => {
      const status = await api.get<ImportStatus>(`${importsPath(buId)}/${segment(importId ?? "")}`, signal);
      if (status.status === "done" && status.report && !status.report.dryRun) {
        await queryClient.invalidateQueries({ queryKey: customersKey(buId) });
      }
      return status;
    },
    enabled: importId !== null,
    staleTime: Number.POSITIVE_INFINITY,
    refetchInterval: (query) => {
      if (query.state.error) {
        return false;
      }
      const status = query.state.data?.status;
      return status === undefined || status === "running" ? IMPORT_POLL_INTERVAL_MS : false;
    },
  });
}

/** Reads a file into base64 without line breaks, as the import routes expect. */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const dataUrl = String(reader.result);
      // A data URL is "data:<type>;base64,<content>".
      resolve(dataUrl.slice(dataUrl.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`Reading ${file.name} failed`));
    reader.readAsDataURL(file);
  });
}
