/** Response shapes of the portal API under `/portal-api`. */

export interface PortalUnit {
  slug: string;
  displayName: string;
  logoUrl: string | null;
  loginChannels: LoginChannels;
}

export type LoginChannels = "email" | "sms" | "both";

export interface CustomerChoice {
  organizationId: string;
  customerId: string;
  customerName: string;
  companyName: string;
  logoUrl: string | null;
}

export interface PortalCompany {
  businessUnitId: string;
  slug: string | null;
  displayName: string;
  logoUrl: string | null;
  timeZone: string;
  contactPhone: string | null;
  contactEmail: string | null;
  address: string | null;
  /** HTML rendered and sanitized by the server; the only field the portal renders as HTML. */
  informationHtml: string;
}

export interface PortalCustomer {
  id: string;
  name: string;
  firstName: string | null;
  language: "en" | "fr";
  timeZone: string | null;
}

export interface SignedInSession {
  state: "signed_in";
  /** Set when a staff member previews the portal as this customer. */
  preview: { staffName: string } | null;
  /** True when the sign-in code matched several customers. */
  canSwitch: boolean;
  customer: PortalCustomer;
  company: PortalCompany;
}

export interface ChoiceSession {
  state: "choose";
  choices: CustomerChoice[];
}

export type PortalSession = SignedInSession | ChoiceSession;

export const ACTIVITY_STATES = [
  "unscheduled",
  "scheduled",
  "in_progress",
  "to_close",
  "terminated",
  "canceled",
] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

export interface ActivitySummary {
  id: string;
  reference: string;
  title: string;
  description: string;
  state: ActivityState;
  /** ISO 8601 instants. */
  start: string | null;
  end: string | null;
  arrivalWindow: { start: string; end: string } | null;
  /** IANA zone of the visit. */
  timeZone: string;
  /** Address on one line. */
  address: string;
}

export interface ActivityAnswer {
  code: string;
  label: string;
  value: string;
}

export interface ActivityDetail extends ActivitySummary {
  longDescription: string;
  /** Null when no worker is assigned or the booking policy hides the worker from customers. */
  worker: string | null;
  answers: ActivityAnswer[];
}

export interface PortalHome {
  upcoming: ActivitySummary[];
  past: ActivitySummary[];
}
