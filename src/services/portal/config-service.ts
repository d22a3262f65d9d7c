import { createHash } from "node:crypto";
import sharp from "sharp";
import type { Executor } from "../../db/database.js";
import { displayEmail, isPlausibleEmail, normalizeEmail } from "../../domain/contact/email.js";
import { normalizePhone } from "../../domain/contact/phone.js";
import { renderRichText } from "../../domain/portal/rich-text.js";
import {
  type LoginChannels,
  type PortalSettings,
  portalLogoPath,
  portalSettingsSchema,
  readPortalSettings,
  validatePortalSlug,
} from "../../domain/portal/settings.js";
import { type AuditEventView, auditRepository } from "../../repositories/audit-events.js";
import { type BusinessUnitRow, businessUnitRepository } from "../../repositories/business-units.js";
import { customerRepository } from "../../repositories/customers.js";
import { fileRepository } from "../../repositories/files.js";
import { portalConfigRepository } from "../../repositories/portal-config.js";
import { findBusinessUnitBySlug, findPublicPortalLogo } from "../../repositories/portal-slugs.js";
import { AppError, type FieldProblem, notFound } from "../../server/errors.js";
import { type Actor, requireMember, requireRole } from "../access.js";
import type { ServiceContext } from "../context.js";
import { sqlState, validationError } from "../problems.js";

/** A unit's customer portal configuration as the back office shows it. */
export interface PortalConfig {
  enabled: boolean;
  slug: string | null;
  displayName: string;
  logoUrl: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  address: string | null;
  information: string;
  informationHtml: string;
  accessByDefault: boolean;
  loginChannels: LoginChannels;
  /** Absolute address of the unit's sign-in page. */
  portalUrl: string;
  customerCount: number;
  customersWithAccess: number;
}

/** The configuration an admin sends to replace the current one; settings keys left out take their defaults. */
export interface PortalConfigInput {
  enabled: boolean;
  slug: string | null;
  accessByDefault: boolean;
  displayName?: string | undefined;
  contactPhone?: string | null | undefined;
  contactEmail?: string | null | undefined;
  address?: string | null | undefined;
  information?: string | undefined;
  loginChannels?: LoginChannels | undefined;
}

/** Keys of `PortalConfigInput`, named in the audit history when they change. */
const CONFIG_KEYS = [
  "enabled",
  "slug",
  "accessByDefault",
  "displayName",
  "contactPhone",
  "contactEmail",
  "address",
  "information",
  "loginChannels",
] as const;

/** Returns the unit's portal configuration with every default filled in. Members may read it. */
export async function getPortalConfig(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
): Promise<PortalConfig> {
  requireMember(actor, businessUnitId);
  const unit = await businessUnitRepository(context.db, actor.organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  return presentConfig(context, context.db, unit);
}

/**
 * Replaces the unit's portal configuration (admins). Every field is checked first and all
 * problems are reported at once; the contact phone is normalized to E.164 in the unit's country.
 * A slug used by another unit is `slug_taken`, checked by a lookup and guarded by the unique
 * index. The names of the changed keys, not their values, go to the audit history.
 */
export async function updatePortalConfig(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  input: PortalConfigInput,
): Promise<PortalConfig> {
  requireRole(actor, businessUnitId, ["admin"]);
  const now = context.clock.now();
  try {
    return await context.db.transaction(async (tx) => {
      const units = businessUnitRepository(tx, actor.organizationId);
      const unit = await units.find(businessUnitId);
      if (!unit) throw notFound("Business unit not found.");
      const next = checkConfig(unit, input);

      if (next.slug !== null && next.slug !== unit.portalSlug) {
        const owner = await findBusinessUnitBySlug(tx, next.slug);
        if (owner && owner.businessUnitId !== unit.id) throw slugTaken(next.slug);
      }

      const before = configValues(unit);
      const updated = await units.update(
        businessUnitId,
        {
          portalEnabled: next.enabled,
          portalSlug: next.slug,
          portalAccessByDefault: next.accessByDefault,
          portalSettings: next.settings,
        },
        now,
      );
      if (!updated) throw notFound("Business unit not found.");
      const after = configValues(updated);
      const changed = CONFIG_KEYS.filter((key) => before[key] !== after[key]);
      if (changed.length > 0) {
        await auditRepository(tx, actor.organizationId).record({
          businessUnitId,
          actorUserId: actor.userId,
          action: "portal_settings_changed",
          subjectType: "business_unit",
          subjectId: businessUnitId,
          details: { changed },
          createdAt: now,
        });
      }
      return presentConfig(context, tx, updated);
    });
  } catch (error) {
    // Another unit took the slug between the lookup and the update.
    if (sqlState(error) === "23505" && input.slug) throw slugTaken(input.slug.trim().toLowerCase());
    throw error;
  }
}

function slugTaken(slug: string): AppError {
  return new AppError("slug_taken", `The portal address "${slug}" is already used. Choose another one.`, {
    fields: [
      { path: "slug", code: "slug_taken", value: slug, message: "is already used by another company" },
    ],
  });
}

interface CheckedConfig {
  enabled: boolean;
  slug: string | null;
  accessByDefault: boolean;
  settings: PortalSettings;
}

/** Validates and normalizes an input, or throws `validation_failed` naming every bad field and value. */
function checkConfig(unit: BusinessUnitRow, input: PortalConfigInput): CheckedConfig {
  const problems: FieldProblem[] = [];
  const settings = portalSettingsSchema.parse({
    displayName: input.displayName,
    contactPhone: input.contactPhone,
    contactEmail: input.contactEmail,
    address: input.address,
    information: input.information,
    loginChannels: input.loginChannels,
  });

  let slug: string | null = null;
  if (input.slug !== null && input.slug.trim() !== "") {
    const result = validatePortalSlug(input.slug);
    if (result.ok) slug = result.slug;
    else problems.push({ path: "slug", code: result.code, value: input.slug, message: result.message });
  }

  let contactPhone: string | null = null;
  if (settings.contactPhone) {
    const result = normalizePhone(settings.contactPhone, {
      country: unit.country,
      postcode: unit.postcode ?? undefined,
    });
    if (result.ok) contactPhone = result.e164;
    else
      problems.push({
        path: "contactPhone",
        code: result.reason,
        value: settings.contactPhone,
        message: result.message,
      });
  }

  let contactEmail: string | null = null;
  if (settings.contactEmail) {
    if (isPlausibleEmail(normalizeEmail(settings.contactEmail))) {
      contactEmail = displayEmail(settings.contactEmail);
    } else {
      problems.push({
        path: "contactEmail",
        code: "invalid_email",
        value: settings.contactEmail,
        message: `"${settings.contactEmail}" is not a valid email address. Enter one such as contact@example.com.`,
      });
    }
  }

  if (problems.length > 0) throw validationError(problems);
  return {
    enabled: input.enabled,
    slug,
    accessByDefault: input.accessByDefault,
    settings: { ...settings, contactPhone, contactEmail, address: settings.address || null },
  };
}

/** Returns the configuration values that an admin sets, for comparing before and after a change. */
function configValues(unit: BusinessUnitRow): Record<(typeof CONFIG_KEYS)[number], unknown> {
  const settings = readPortalSettings(unit.portalSettings);
  return {
    enabled: unit.portalEnabled,
    slug: unit.portalSlug,
    accessByDefault: unit.portalAccessByDefault,
    ...settings,
  };
}

async function presentConfig(
  context: ServiceContext,
  db: Executor,
  unit: BusinessUnitRow,
): Promise<PortalConfig> {
  const settings = readPortalSettings(unit.portalSettings);
  const counts = await portalConfigRepository(db, unit.organizationId).countCustomers(unit.id);
  const portalBase = `${context.config.publicUrl}/portal`;
  return {
    enabled: unit.portalEnabled,
    slug: unit.portalSlug,
    displayName: settings.displayName || unit.name,
    logoUrl: portalLogoPath(unit.id, unit.portalLogoFileId),
    contactPhone: settings.contactPhone,
    contactEmail: settings.contactEmail,
    address: settings.address,
    information: settings.information,
    informationHtml: renderRichText(settings.information),
    accessByDefault: unit.portalAccessByDefault,
    loginChannels: settings.loginChannels,
    portalUrl: unit.portalSlug ? `${portalBase}/${unit.portalSlug}` : portalBase,
    customerCount: counts.total,
    customersWithAccess: counts.withAccess,
  };
}

/** Largest logo upload, in bytes. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
/** Width and height that a stored logo fits in, in pixels. */
export const LOGO_BOX_PIXELS = 512;
/**
 * Largest decoded image accepted, in pixels (width × height). A small file can declare a huge
 * image, so this bounds the memory used to decode it; a 48-megapixel phone photo still fits.
 */
const MAX_LOGO_INPUT_PIXELS = 50_000_000;
const LOGO_INPUT_FORMATS = ["png", "jpeg", "webp"];

/**
 * Replaces the unit's portal logo (admins). The upload is decoded, turned upright from its EXIF
 * orientation, shrunk to fit 512 × 512 (never enlarged) and re-encoded as PNG without metadata,
 * so the bytes served are never the bytes uploaded. The previous logo file is deleted.
 */
export async function uploadPortalLogo(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  bytes: Uint8Array,
): Promise<{ logoUrl: string }> {
  requireRole(actor, businessUnitId, ["admin"]);
  if (bytes.byteLength > MAX_LOGO_BYTES) throw new AppError("image_too_large");
  // Decoding happens before the transaction, which must not wait on CPU-heavy work.
  const png = await reencodeLogo(bytes);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const units = businessUnitRepository(tx, actor.organizationId);
    const unit = await units.find(businessUnitId);
    if (!unit) throw notFound("Business unit not found.");
    const file = await fileRepository(tx, actor.organizationId).insert({
      businessUnitId,
      fileName: "portal-logo.png",
      contentType: "image/png",
      sizeBytes: png.byteLength,
      sha256: createHash("sha256").update(png).digest("hex"),
      content: png,
      createdAt: now,
      createdBy: actor.userId,
    });
    await units.update(businessUnitId, { portalLogoFileId: file.id }, now);
    if (unit.portalLogoFileId) {
      await portalConfigRepository(tx, actor.organizationId).deleteLogoFile(
        businessUnitId,
        unit.portalLogoFileId,
      );
    }
    await recordLogoChange(tx, actor, businessUnitId, now);
    return { logoUrl: portalLogoPath(businessUnitId, file.id) as string };
  });
}

/** Removes the unit's portal logo and deletes its file (admins); removing no logo is not an error. */
export async function removePortalLogo(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
): Promise<void> {
  requireRole(actor, businessUnitId, ["admin"]);
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    const units = businessUnitRepository(tx, actor.organizationId);
    const unit = await units.find(businessUnitId);
    if (!unit) throw notFound("Business unit not found.");
    if (!unit.portalLogoFileId) return;
    await units.update(businessUnitId, { portalLogoFileId: null }, now);
    await portalConfigRepository(tx, actor.organizationId).deleteLogoFile(
      businessUnitId,
      unit.portalLogoFileId,
    );
    await recordLogoChange(tx, actor, businessUnitId, now);
  });
}

async function recordLogoChange(tx: Executor, actor: Actor, businessUnitId: string, now: Date) {
  await auditRepository(tx, actor.organizationId).record({
    businessUnitId,
    actorUserId: actor.userId,
    action: "portal_settings_changed",
    subjectType: "business_unit",
    subjectId: businessUnitId,
    details: { changed: ["logo"] },
    createdAt: now,
  });
}

/**
 * Decodes an uploaded logo and re-encodes it as a PNG of at most 512 × 512 pixels. Throws
 * `invalid_image` for bytes that are not a PNG, JPEG or WebP image, including other formats that
 * the image library reads (GIF, SVG, TIFF, AVIF).
 */
export async function reencodeLogo(bytes: Uint8Array): Promise<Buffer> {
  const image = sharp(bytes, { limitInputPixels: MAX_LOGO_INPUT_PIXELS });
  let format: string | undefined;
  try {
    format = (await image.metadata()).format;
  } catch {
    throw invalidImage("The file could not be read as an image. Upload a PNG, JPEG or WebP image.");
  }
  if (format === undefined || !LOGO_INPUT_FORMATS.includes(format)) {
    throw invalidImage(
      `The file is a ${format ?? "unknown"} image, which is not accepted. Upload a PNG, JPEG or WebP image.`,
    );
  }
  try {
    return await image
      .rotate()
      .resize({ width: LOGO_BOX_PIXELS, height: LOGO_BOX_PIXELS, fit: "inside", withoutEnlargement: true })
      .png()
      .toBuffer();
  } catch {
    throw invalidImage(
      `The ${format.toUpperCase()} image is damaged or larger than ${MAX_LOGO_INPUT_PIXELS / 1_000_000} megapixels. Upload another image.`,
    );
  }
}

function invalidImage(message: string): AppError {
  return new AppError("invalid_image", message);
}

/**
 * Grants or revokes portal access of every customer of the unit at once (admins), with one
 * UPDATE, and records it in the unit's audit history. Returns how many customers changed.
 */
export async function setPortalAccessForAll(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  grant: boolean,
): Promise<{ updated: number }> {
  requireRole(actor, businessUnitId, ["admin"]);
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const updated = await portalConfigRepository(tx, actor.organizationId).setAccessForAll(
      businessUnitId,
      grant,
      now,
    );
    await auditRepository(tx, actor.organizationId).record({
      businessUnitId,
      actorUserId: actor.userId,
      action: grant ? "portal_access_granted_to_all" : "portal_access_revoked_from_all",
      subjectType: "business_unit",
      subjectId: businessUnitId,
      details: { updated },
      createdAt: now,
    });
    return { updated };
  });
}

/** Returns the audit history of one customer of the unit, newest first. Members may read it. */
export async function listCustomerAudit(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  customerId: string,
): Promise<{ events: AuditEventView[] }> {
  requireMember(actor, businessUnitId);
  const customer = await customerRepository(context.db, actor.organizationId).find(
    businessUnitId,
    customerId,
  );
  if (!customer) throw notFound("Customer not found.");
  const events = await auditRepository(context.db, actor.organizationId).listForSubject(
    "customer",
    customerId,
  );
  return { events };
}

/** The unit's name, logo and login channels, shown at `/portal/<slug>` before the customer signs in. */
export interface PortalBranding {
  slug: string;
  displayName: string;
  logoUrl: string | null;
  loginChannels: LoginChannels;
}

/** Returns the public branding of the unit with this slug; not found unless its portal is enabled. */
export async function getPortalBranding(context: ServiceContext, slug: string): Promise<PortalBranding> {
  const unit = await findBusinessUnitBySlug(context.db, slug.trim().toLowerCase());
  if (!unit?.portalEnabled) throw notFound("No customer portal has this address.");
  const settings = readPortalSettings(unit.portalSettings);
  return {
    slug: unit.slug,
    displayName: settings.displayName || unit.unitName,
    logoUrl: portalLogoPath(unit.businessUnitId, unit.logoFileId),
    loginChannels: settings.loginChannels,
  };
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns a unit's current logo for the public portal; not found for any other file or a disabled portal. */
export async function readPortalLogo(
  context: ServiceContext,
  businessUnitId: string,
  fileId: string,
): Promise<{ contentType: string; content: Uint8Array }> {
  const logo =
    UUID_PATTERN.test(businessUnitId) && UUID_PATTERN.test(fileId)
      ? await findPublicPortalLogo(context.db, businessUnitId, fileId)
      : undefined;
  if (!logo) throw notFound("Logo not found.");
  return logo;
}
