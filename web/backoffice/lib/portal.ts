import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, segment } from "../../shared/api";
import { businessUnitQueryKey } from "./business-units";
import { type Customer, customerQueryKey } from "./customers";
import { postRawBody } from "./raw-upload";

export const LOGIN_CHANNELS = ["email", "sms", "both"] as const;
export type LoginChannels = (typeof LOGIN_CHANNELS)[number];

export function isLoginChannels(value: unknown): value is LoginChannels {
  return typeof value === "string" && (LOGIN_CHANNELS as readonly string[]).includes(value);
}

/** Portal settings of a business unit, as `GET /api/business-units/:buId/portal` returns them. */
export interface PortalConfig {
  enabled: boolean;
  /** The unit's sign-in page is `/portal/<slug>`: a-z, 0-9 and hyphens, 3 to 40 characters. */
  slug: string | null;
  displayName: string;
  logoUrl: string | null;
  /** E.164. */
  contactPhone: string | null;
  contactEmail: string | null;
  /** Free text of several lines. */
  address: string | null;
  /** Source text with basic formatting. */
  information: string;
  /** `information` rendered by the server as safe HTML. */
  informationHtml: string;
  /** Whether new customers get portal access. */
  accessByDefault: boolean;
  loginChannels: LoginChannels;
  /** Absolute address of the unit's sign-in page. */
  portalUrl: string;
  customerCount: number;
  customersWithAccess: number;
}

export type PortalConfigInput = Omit<
  PortalConfig,
  "logoUrl" | "informationHtml" | "portalUrl" | "customerCount" | "customersWithAccess"
>;

/** Image types that the logo upload accepts. */
export const LOGO_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;

/** Largest logo the server accepts, 2 MB, checked first so a large file fails before it is sent. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** An entry of an audit history, newest first. `details` depends on `action`. */
export interface AuditEvent {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  details: Record<string, unknown>;
  /** ISO 8601 instant. */
  createdAt: string;
}

/** Portal display of an activity type. The texts contain replacement codes. */
export interface PortalDisplay {
  shown: boolean;
  title: string;
  description: string;
  longDescription: string;
  /** Codes that the texts may use, including `form.<field code>` for answers to the activity form. */
  codes: { code: string; description: string }[];
}

export type PortalDisplayInput = Omit<PortalDisplay, "codes">;
export const PORTAL_TEXT_FIELDS = ["title", "description", "longDescription"] as const;
export type PortalTextField = (typeof PORTAL_TEXT_FIELDS)[number];

/**
 * A problem in one displayed text, as `details.fields` of a rejected save and `fields` of a
 * preview list them. `message` is in English and names the line, the column and a suggestion.
 */
export interface PortalTextProblem {
  path: string;
  code?: string;
  /** The replacement code as written. */
  value?: unknown;
  message: string;
  /** An error prevents saving. A warning points at text that probably reads wrong. */
  severity?: "error" | "warning";
  /** 1-based place of the problem in the text, when the server gives it apart from the message. */
  line?: number;
  column?: number;
  suggestion?: string;
}

export interface PortalDisplayPreview {
  /** The activity whose data filled the codes, or null when the type has none. */
  activity: { id: string; reference: string } | null;
  title: string;
  description: string;
  longDescription: string;
  fields: PortalTextProblem[];
}

/**
 * Returns the absolute address of the sign-in page for `slug`, such as
 * https://rondo.example/portal/martin-plumbing, on the server that `portalUrl` (the saved
 * address, with or without a slug) names. Without a slug it is the shared sign-in page.
 */
export function portalAddress(portalUrl: string, slug: string): string {
  const match = /^(.*?\/portal)(?:\/[^/]*)?\/?$/.exec(portalUrl);
  const base = match?.[1] ?? `${window.location.origin}/portal`;
  const trimmed = slug.trim();
  return trimmed === "" ? base : `${base}/${encodeURIComponent(trimmed)}`;
}

const unitPath = (buId: string) => `/api/business-units/${segment(buId)}`;
const portalPath = (buId: string) => `${unitPath(buId)}/portal`;
const customerPath = (buId: string, customerId: string) =>
  `${unitPath(buId)}/customers/${segment(customerId)}`;
const displayPath = (buId: string, typeId: string) =>
  `${unitPath(buId)}/activity-types/${segment(typeId)}/portal-display`;

export const portalConfigQueryKey = (buId: string) => ["portalConfig", buId] as const;
export const customerAuditQueryKey = (buId: string, customerId: string) =>
  ["customerAudit", buId, customerId] as const;
const portalDisplayQueryKey = (buId: string, typeId: string) => ["portalDisplay", buId, typeId] as const;

export function usePortalConfig(buId: string) {
  return useQuery({
    queryKey: portalConfigQueryKey(buId),
    queryFn: ({ signal }) => api.get<PortalConfig>(portalPath(buId), signal),
  });
}

/**
 * Saves the portal settings. The business unit is reloaded too, because its
 * `portalAccessByDefault` is the same setting as `accessByDefault`.
 */
export function useSavePortalConfig(buId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PortalConfigInput) => api.put<PortalConfig>(portalPath(buId), input),
    onSuccess: (saved) => {
      queryClient.setQueryData(portalConfigQueryKey(buId), saved);
      return queryClient.invalidateQueries({ queryKey: businessUnitQueryKey(buId) });
    },
  });
}

/** Replaces the logo with the file, sent as the raw body with its own content type. */
export function useUploadPortalLogo(buId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      postRawBody<{ logoUrl: string }>(`${portalPath(buId)}/logo`, file, file.type, file.name),
    onSuccess: ({ logoUrl }) =>
      queryClient.setQueryData<PortalConfig>(portalConfigQueryKey(buId), (config) =>
        config ? { ...config, logoUrl } : config,
      ),
  });
}

export function useRemovePortalLogo(buId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`${portalPath(buId)}/logo`),
    onSuccess: () =>
      queryClient.setQueryData<PortalConfig>(portalConfigQueryKey(buId), (config) =>
        config ? { ...config, logoUrl: null } : config,
      ),
  });
}

/**
 * Grants (`true`) or revokes (`false`) portal access for every customer of the unit and returns
 * how many customers changed. Customer records and counts are reloaded afterwards.
 */
export function useSetPortalAccessForAll(buId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (grant: boolean) => api.post<{ updated: number }>(`${portalPath(buId)}/access`, { grant }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: portalConfigQueryKey(buId) }),
        queryClient.invalidateQueries({ queryKey: ["customers", buId] }),
        queryClient.invalidateQueries({ queryKey: ["customerAudit", buId] }),
      ]),
  });
}

/** Opens a read-only preview session of one hour and returns the portal address that uses it. */
export function usePortalPreview(buId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ url: string }>(`${customerPath(buId, customerId)}/portal-preview`),
    // Every preview is recorded in the customer's audit history.
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerAuditQueryKey(buId, customerId) }),
  });
}

/** Turns the customer's portal access on or off, without touching the other fields. */
export function useSetCustomerPortalAccess(buId: string, customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (portalAccess: boolean) =>
      api.patch<Customer>(customerPath(buId, customerId), { portalAccess }),
    onSuccess: (saved) => {
      queryClient.setQueryData(customerQueryKey(buId, customerId), saved);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["customers", buId, "list"] }),
        queryClient.invalidateQueries({ queryKey: customerAuditQueryKey(buId, customerId) }),
        queryClient.invalidateQueries({ queryKey: portalConfigQueryKey(buId) }),
      ]);
    },
  });
}

export function useCustomerAudit(buId: string, customerId: string) {
  return useQuery({
    queryKey: customerAuditQueryKey(buId, customerId),
    queryFn: ({ signal }) =>
      api.get<{ events: AuditEvent[] }>(`${customerPath(buId, customerId)}/audit`, signal),
  });
}

export function usePortalDisplay(buId: string, typeId: string) {
  return useQuery({
    queryKey: portalDisplayQueryKey(buId, typeId),
    queryFn: ({ signal }) => api.get<PortalDisplay>(displayPath(buId, typeId), signal),
  });
}

export function useSavePortalDisplay(buId: string, typeId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PortalDisplayInput) => api.put<PortalDisplay>(displayPath(buId, typeId), input),
    onSuccess: (saved) => queryClient.setQueryData(portalDisplayQueryKey(buId, typeId), saved),
  });
}

export interface PortalDisplayPreviewRequest {
  title: string;
  description: string;
  longDescription: string;
  /** The activity to fill the codes from; without it, the server takes the type's latest one. */
  activityId?: string;
}

/**
 * Renders the texts against an activity of the type. A query rather than a mutation, because
 * the request changes nothing and a newer response must replace the response of an older one.
 */
export function usePortalDisplayPreview(buId: string, typeId: string, request: PortalDisplayPreviewRequest) {
  return useQuery({
    queryKey: [...portalDisplayQueryKey(buId, typeId), "preview", request] as const,
    queryFn: () => api.post<PortalDisplayPreview>(`${displayPath(buId, typeId)}/preview`, request),
    placeholderData: (previous) => previous,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}
