/** Response shapes of the portal API under `/portal-api`. */

import type { FormDefinition } from "../../../src/domain/forms/index.js";

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
  /** The customers the session may switch to, present when there are several. */
  choices?: CustomerChoice[];
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
  /** The actions of this visit that the customer may run now. */
  actions: PortalActionView[];
}

export interface PortalHome {
  upcoming: ActivitySummary[];
  past: ActivitySummary[];
  /** The actions offered on the home page (effect `create_activity`) that the customer may run now. */
  actions: PortalActionView[];
}

export const PORTAL_ACTION_EFFECTS = [
  "create_activity",
  "create_linked_activity",
  "close_activity",
  "update_activity",
  "cancel_activity",
] as const;
export type PortalActionEffect = (typeof PORTAL_ACTION_EFFECTS)[number];

/** An action as the portal offers it, with its label in the requested language. */
export interface PortalActionView {
  /** The activity type that defines the action. */
  typeId: string;
  id: string;
  label: string;
  effect: PortalActionEffect;
  form: FormDefinition | null;
  /** True when the action has a scheduling step, where the customer picks an arrival window. */
  scheduling: boolean;
  /** The visit the action applies to; null on the home page. */
  activityId: string | null;
  /** The visit's stored answers to the form, which an update form starts from. */
  answers: Record<string, unknown>;
}

/** An arrival window the customer may book, as ISO 8601 instants. */
export interface OfferWindow {
  start: string;
  end: string;
  /** Local date of the window in the business unit's zone, "YYYY-MM-DD". */
  date: string;
  /** Present when the booking policy names the field worker. */
  workerName?: string;
}

/** The arrival windows of an action's scheduling step, over local dates `from` to `to`. */
export interface ActionOffer {
  /** IANA zone of the visit, in which windows are shown. */
  timeZone: string;
  viewerTimeZone: string;
  from: string;
  to: string;
  arrivalWindowMinutes: number;
  windows: OfferWindow[];
}

export interface ActionRunResult {
  /** The created activity for the create effects, else the current one. */
  activityId: string;
  state: ActivityState;
}
