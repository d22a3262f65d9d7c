import { z } from "zod";
import { MAX_RICH_TEXT_LENGTH } from "./rich-text.js";

/**
 * A business unit's customer portal settings, stored in `business_units.portal_settings`, and
 * the rules of the portal address slug. The switch, the slug, the logo and access by default
 * have columns of their own.
 */

export const LOGIN_CHANNELS = ["email", "sms", "both"] as const;
export type LoginChannels = (typeof LOGIN_CHANNELS)[number];

export const MAX_DISPLAY_NAME_LENGTH = 200;
/** A typed phone number with spaces and separators, before normalization to E.164. */
export const MAX_CONTACT_PHONE_LENGTH = 40;
/** Maximum length of an address in an SMTP path (RFC 5321). */
export const MAX_CONTACT_EMAIL_LENGTH = 254;
export const MAX_ADDRESS_LENGTH = 1000;

/**
 * The settings as an admin sends them; missing keys take their defaults. The contact phone and
 * email are checked and normalized by the service, which reads the unit's country.
 */
export const portalSettingsSchema = z.object({
  /** Company name shown to customers; empty means the unit's name. */
  displayName: z.string().trim().max(MAX_DISPLAY_NAME_LENGTH).default(""),
  /** E.164 once stored. */
  contactPhone: z.string().trim().max(MAX_CONTACT_PHONE_LENGTH).nullable().default(null),
  contactEmail: z.string().trim().max(MAX_CONTACT_EMAIL_LENGTH).nullable().default(null),
  /** Postal address on several lines. */
  address: z.string().trim().max(MAX_ADDRESS_LENGTH).nullable().default(null),
  /** Text with basic formatting, rendered by `renderRichText`. */
  information: z.string().max(MAX_RICH_TEXT_LENGTH).default(""),
  /** Channels on which customers may receive their sign-in code. */
  loginChannels: z.enum(LOGIN_CHANNELS).default("both"),
});
export type PortalSettings = z.output<typeof portalSettingsSchema>;
export type PortalSettingsInput = z.input<typeof portalSettingsSchema>;

/**
 * The same keys for reading stored settings: a key that is missing or no longer valid takes its
 * default instead of failing the whole read.
 */
const storedSettingsSchema = z.object({
  displayName: portalSettingsSchema.shape.displayName.catch(""),
  contactPhone: portalSettingsSchema.shape.contactPhone.catch(null),
  contactEmail: portalSettingsSchema.shape.contactEmail.catch(null),
  address: portalSettingsSchema.shape.address.catch(null),
  information: portalSettingsSchema.shape.information.catch(""),
  loginChannels: portalSettingsSchema.shape.loginChannels.catch("both"),
});

/** Reads the stored settings with every default filled in. */
export function readPortalSettings(stored: unknown): PortalSettings {
  const value = typeof stored === "object" && stored !== null && !Array.isArray(stored) ? stored : {};
  return storedSettingsSchema.parse(value);
}

/** Returns whether the unit's customers may sign in with a code sent on this channel. */
export function allowsLoginChannel(settings: PortalSettings, channel: "email" | "sms"): boolean {
  return settings.loginChannels === "both" || settings.loginChannels === channel;
}

/** Returns the public address of a unit's logo, `/portal-api/logos/<unit>/<file>`, or null without a logo. */
export function portalLogoPath(businessUnitId: string, fileId: string | null): string | null {
  return fileId ? `/portal-api/logos/${businessUnitId}/${fileId}` : null;
}

export const MIN_SLUG_LENGTH = 3;
export const MAX_SLUG_LENGTH = 40;

/**
 * Slugs that would shadow a page or file of the portal at `/portal/<name>`, or that customers
 * could mistake for Rondo's own pages. Names under 3 characters are listed for completeness,
 * although the length rule already rejects them.
 */
export const RESERVED_PORTAL_SLUGS: readonly string[] = [
  "activities",
  "activity",
  "admin",
  "api",
  "app",
  "assets",
  "choose",
  "favicon",
  "help",
  "home",
  "icons",
  "index",
  "login",
  "logos",
  "logout",
  "manifest",
  "offline",
  "portal",
  "portal-api",
  "preview",
  "robots",
  "rondo",
  "settings",
  "sign-in",
  "sign-out",
  "signin",
  "signout",
  "static",
  "support",
  "sw",
  "units",
  "www",
];

export type PortalSlugProblemCode =
  | "slug_too_short"
  | "slug_too_long"
  | "invalid_slug_characters"
  | "invalid_slug_hyphens"
  | "reserved_slug";

export type PortalSlugResult =
  | { ok: true; slug: string }
  | { ok: false; code: PortalSlugProblemCode; message: string };

/**
 * Checks a portal address slug and returns it trimmed and lower-cased. A slug has 3 to 40
 * characters among a-z, 0-9 and hyphens, with no hyphen at either end and no two in a row, and
 * is not one of `RESERVED_PORTAL_SLUGS`. Uniqueness across Rondo is checked against the database.
 */
export function validatePortalSlug(raw: string): PortalSlugResult {
  const slug = raw.trim().toLowerCase();
  const example = 'Use 3 to 40 lower-case letters, digits and single hyphens, such as "lyon-nord".';
  if (slug.length < MIN_SLUG_LENGTH) {
    return {
      ok: false,
      code: "slug_too_short",
      message: `"${raw}" is shorter than ${MIN_SLUG_LENGTH} characters. ${example}`,
    };
  }
  if (slug.length > MAX_SLUG_LENGTH) {
    return {
      ok: false,
      code: "slug_too_long",
      message: `"${raw}" has ${slug.length} characters, more than the maximum of ${MAX_SLUG_LENGTH}. ${example}`,
    };
  }
  const invalid = [...slug].find((character) => !/[a-z0-9-]/.test(character));
  if (invalid !== undefined) {
    return {
      ok: false,
      code: "invalid_slug_characters",
      message: `"${raw}" contains "${invalid}", which a portal address cannot hold. ${example}`,
    };
  }
  if (slug.startsWith("-") || slug.endsWith("-") || slug.includes("--")) {
    return {
      ok: false,
      code: "invalid_slug_hyphens",
      message: `"${raw}" starts or ends with a hyphen or has two in a row. ${example}`,
    };
  }
  if (RESERVED_PORTAL_SLUGS.includes(slug)) {
    return {
      ok: false,
      code: "reserved_slug",
      message: `"${slug}" is reserved for a page of the portal. Choose another address, such as the company's name.`,
    };
  }
  return { ok: true, slug };
}
