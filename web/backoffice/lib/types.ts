import type { Language } from "../../shared/i18n";

export const ROLES = ["admin", "planner", "field_worker"] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  language: Language;
  mustChangePassword: boolean;
}

export interface SessionBusinessUnit {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  language: Language;
  country: string | null;
  roles: Role[];
}

export interface Session {
  user: SessionUser;
  organization: { id: string; name: string };
  businessUnits: SessionBusinessUnit[];
}

export interface BusinessUnit {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  language: Language;
  country: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postcode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  portalAccessByDefault: boolean;
}

export type BusinessUnitPatch = Partial<Omit<BusinessUnit, "id">>;

export interface BusinessUnitUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  mustChangePassword: boolean;
  /** ISO 8601 instant, or null when the user never signed in. */
  lastLoginAt: string | null;
}

export interface NewBusinessUnitUser {
  email: string;
  name: string;
  /** Initial password to change at first sign-in. Without it, the server emails an invitation link. */
  password?: string;
  roles: Role[];
}

export interface Country {
  code: string;
  name: string;
}

/** Minimum password length, checked here before the server applies its own rules. */
export const MIN_PASSWORD_LENGTH = 12;
