import type { Executor } from "../../db/database.js";
import { renderRichText } from "../../domain/portal/rich-text.js";
import { allowsLoginChannel, portalLogoPath, readPortalSettings } from "../../domain/portal/settings.js";
import { auditRepository } from "../../repositories/audit-events.js";
import { businessUnitRepository } from "../../repositories/business-units.js";
import { type CustomerRow, customerRepository } from "../../repositories/customers.js";
import {
  findPortalCustomers,
  identifierKindFor,
  type PortalCustomerMatch,
} from "../../repositories/portal-identifiers.js";
import { type PortalSessionRow, portalSessionRepository } from "../../repositories/portal-sessions.js";
import { findUserById } from "../../repositories/staff-accounts.js";
import { AppError, notFound } from "../../server/errors.js";
import { type Actor, requireRole } from "../access.js";
import type { ServiceContext } from "../context.js";
import { messageLanguage } from "../notifications/compose.js";
import { randomToken } from "../secrets.js";

/** A customer's portal session lasts 30 days from sign-in; a staff preview lasts one hour. */
export const PORTAL_SESSION_DAYS = 30;
export const PREVIEW_SESSION_MINUTES = 60;
/** last_seen_at is written at most this often, so that reading pages does not write on each request. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

/** The customer or staff preview a portal request acts for, checked again on every request. */
export interface PortalPrincipal {
  sessionId: string;
  /** Set for a staff member's read-only preview. */
  preview: { userId: string } | null;
  identifierHash: string | null;
  scopeOrganizationId: string | null;
  /** The customer signed in as; null while the person has still to pick one of several. */
  customer: { organizationId: string; businessUnitId: string; customerId: string } | null;
}

export interface PortalChoice {
  organizationId: string;
  customerId: string;
  customerName: string;
  companyName: string;
  logoUrl: string | null;
}

export type PortalSessionView =
  | { state: "choose"; choices: PortalChoice[] }
  | {
      state: "signed_in";
      preview: { staffName: string } | null;
      canSwitch: boolean;
      /** The customers the identifier may switch to, when there are several. */
      choices?: PortalChoice[];
      customer: {
        id: string;
        name: string;
        firstName: string | null;
        language: "en" | "fr";
        timeZone: string | null;
      };
      company: {
        businessUnitId: string;
        slug: string | null;
        displayName: string;
        logoUrl: string | null;
        timeZone: string;
        contactPhone: string | null;
        contactEmail: string | null;
        address: string | null;
        informationHtml: string;
      };
    };

export interface OpenedPortalSession {
  token: string;
  expiresAt: Date;
  view: PortalSessionView;
}

/** Returns whether a unit's stored portal settings let customers sign in with this kind of identifier (email or phone). */
export function loginChannelAllows(portalSettings: unknown, kind: string): boolean {
  return allowsLoginChannel(readPortalSettings(portalSettings), kind === "email" ? "email" : "sms");
}

/** Lists the customers an identifier may sign in as now, in the session's scope. */
async function currentChoices(
  db: Executor,
  identifierHash: string,
  scopeOrganizationId: string | null,
): Promise<PortalCustomerMatch[]> {
  const matches = await findPortalCustomers(db, [identifierHash], scopeOrganizationId);
  return matches.filter((match) => loginChannelAllows(match.portalSettings, match.kind));
}

/**
 * Opens a session for a verified identifier: signed in as its customer when it matches one, or
 * waiting for a choice when it matches several. Returns undefined when it matches none any more.
 */
export async function openPortalSession(
  context: ServiceContext,
  tx: Executor,
  source: { identifierHash: string; scopeOrganizationId: string | null },
): Promise<OpenedPortalSession | undefined> {
  const choices = await currentChoices(tx, source.identifierHash, source.scopeOrganizationId);
  const only = choices.length === 1 ? choices[0] : undefined;
  if (choices.length === 0) return undefined;
  const now = context.clock.now();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_DAYS * 24 * 3600_000);
  const row = await portalSessionRepository(tx).insert({
    tokenHash: context.secrets.hmac("portal-session", token),
    identifierHash: source.identifierHash,
    scopeOrganizationId: source.scopeOrganizationId,
    organizationId: only?.organizationId ?? null,
    customerId: only?.customerId ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  const principal = await principalOf(tx, row);
  return { token, expiresAt, view: await describePortalSession(tx, principal) };
}

/**
 * Finds the session of a cookie or preview token and checks that it still grants access: the
 * customer keeps portal access, their unit's portal is on and accepts the login channel, and the
 * identifier still belongs to them. A session that fails is deleted and answers
 * `portal_signed_out`, so revoking access takes effect on the next request.
 */
export async function resolvePortalSession(
  context: ServiceContext,
  token: string,
  kind: "customer" | "preview",
): Promise<PortalPrincipal | undefined> {
  const now = context.clock.now();
  const sessions = portalSessionRepository(context.db);
  const row = await sessions.findLive(context.secrets.hmac("portal-session", token), now);
  if (!row || (kind === "preview") !== (row.previewUserId !== null)) return undefined;
  const { principal, customerRow } = await loadPrincipal(context.db, row);
  if (!(await stillGranted(context, row, principal, customerRow))) {
    await sessions.delete(row.id);
    throw new AppError("portal_signed_out");
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) await sessions.touch(row.id, now);
  return principal;
}

async function principalOf(db: Executor, row: PortalSessionRow): Promise<PortalPrincipal> {
  return (await loadPrincipal(db, row)).principal;
}

/** Loads the session's principal with its customer row, which the access check reads again. */
async function loadPrincipal(
  db: Executor,
  row: PortalSessionRow,
): Promise<{ principal: PortalPrincipal; customerRow: CustomerRow | undefined }> {
  const customerRow =
    row.organizationId && row.customerId
      ? await customerRepository(db, row.organizationId).findInOrganization(row.customerId)
      : undefined;
  const customer =
    row.organizationId && customerRow
      ? {
          organizationId: row.organizationId,
          businessUnitId: customerRow.businessUnitId,
          customerId: customerRow.id,
        }
      : null;
  return {
    principal: {
      sessionId: row.id,
      preview: row.previewUserId ? { userId: row.previewUserId } : null,
      identifierHash: row.identifierHash,
      scopeOrganizationId: row.scopeOrganizationId,
      customer,
    },
    customerRow,
  };
}

async function stillGranted(
  context: ServiceContext,
  row: PortalSessionRow,
  principal: PortalPrincipal,
  customer: CustomerRow | undefined,
): Promise<boolean> {
  const { db } = context;
  if (row.customerId && !principal.customer) return false;
  if (principal.preview) return principal.customer !== null;
  if (!row.identifierHash) return false;
  if (!principal.customer) {
    return (await currentChoices(db, row.identifierHash, row.scopeOrganizationId)).length > 0;
  }
  const { organizationId, businessUnitId, customerId } = principal.customer;
  const [unit, identifierKind] = await Promise.all([
    businessUnitRepository(db, organizationId).find(businessUnitId),
    identifierKindFor(db, row.identifierHash, organizationId, customerId),
  ]);
  return (
    customer?.portalAccess === true &&
    unit?.portalEnabled === true &&
    identifierKind !== undefined &&
    loginChannelAllows(unit.portalSettings, identifierKind)
  );
}

/** Picks which of the identifier's customers the session acts for; 404 for any other. */
export async function choosePortalCustomer(
  context: ServiceContext,
  principal: PortalPrincipal,
  choice: { organizationId: string; customerId: string },
): Promise<PortalSessionView> {
  if (!principal.identifierHash) throw notFound();
  const choices = await currentChoices(context.db, principal.identifierHash, principal.scopeOrganizationId);
  const picked = choices.find(
    (match) => match.organizationId === choice.organizationId && match.customerId === choice.customerId,
  );
  if (!picked) throw notFound("Customer not found.");
  await portalSessionRepository(context.db).choose(
    principal.sessionId,
    picked.organizationId,
    picked.customerId,
  );
  const updated: PortalPrincipal = {
    ...principal,
    customer: {
      organizationId: picked.organizationId,
      businessUnitId: picked.businessUnitId,
      customerId: picked.customerId,
    },
  };
  return describePortalSession(context.db, updated);
}

export async function signOutOfPortal(context: ServiceContext, principal: PortalPrincipal): Promise<void> {
  await portalSessionRepository(context.db).delete(principal.sessionId);
}

/** Describes the session for the portal: the choice to make, or the customer and their company. */
export async function describePortalSession(
  db: Executor,
  principal: PortalPrincipal,
): Promise<PortalSessionView> {
  const choices = principal.identifierHash
    ? await currentChoices(db, principal.identifierHash, principal.scopeOrganizationId)
    : [];
  const choiceViews = choices.map((match) => ({
    organizationId: match.organizationId,
    customerId: match.customerId,
    customerName: match.customerName,
    companyName: companyNameOf(match.portalSettings, match.unitName),
    logoUrl: portalLogoPath(match.businessUnitId, match.logoFileId),
  }));
  if (!principal.customer) return { state: "choose", choices: choiceViews };
  const { organizationId, businessUnitId, customerId } = principal.customer;
  const [customer, unit] = await Promise.all([
    customerRepository(db, organizationId).findInOrganization(customerId),
    businessUnitRepository(db, organizationId).find(businessUnitId),
  ]);
  if (!customer || !unit) throw new AppError("portal_signed_out");
  const staff = principal.preview ? await findUserById(db, principal.preview.userId) : undefined;
  const settings = readPortalSettings(unit.portalSettings);
  return {
    state: "signed_in",
    preview: principal.preview ? { staffName: staff?.name ?? "" } : null,
    canSwitch: choices.length > 1,
    ...(choices.length > 1 ? { choices: choiceViews } : {}),
    customer: {
      id: customer.id,
      name: customer.displayName,
      firstName: customer.firstName,
      language: messageLanguage(customer.language),
      timeZone: customer.timeZone,
    },
    company: {
      businessUnitId: unit.id,
      slug: unit.portalSlug,
      displayName: companyNameOf(unit.portalSettings, unit.name),
      logoUrl: portalLogoPath(unit.id, unit.portalLogoFileId),
      timeZone: unit.timeZone,
      contactPhone: settings.contactPhone,
      contactEmail: settings.contactEmail,
      address: settings.address,
      informationHtml: renderRichText(settings.information),
    },
  };
}

function companyNameOf(portalSettings: unknown, unitName: string): string {
  return readPortalSettings(portalSettings).displayName || unitName;
}

/**
 * Opens a one-hour, read-only preview of a customer's portal for a staff member, and records it in
 * the customer's audit history in the same transaction.
 */
export async function createPortalPreview(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  customerId: string,
): Promise<{ url: string }> {
  requireRole(actor, businessUnitId, ["admin", "planner"]);
  const now = context.clock.now();
  const token = randomToken();
  await context.db.transaction(async (tx) => {
    const customer = await customerRepository(tx, actor.organizationId).find(businessUnitId, customerId);
    if (!customer) throw notFound("Customer not found.");
    await portalSessionRepository(tx).insert({
      tokenHash: context.secrets.hmac("portal-session", token),
      identifierHash: null,
      scopeOrganizationId: actor.organizationId,
      organizationId: actor.organizationId,
      customerId: customer.id,
      previewUserId: actor.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + PREVIEW_SESSION_MINUTES * 60_000),
    });
    await auditRepository(tx, actor.organizationId).record({
      businessUnitId,
      actorUserId: actor.userId,
      action: "portal_preview_opened",
      subjectType: "customer",
      subjectId: customer.id,
      details: { portalAccess: customer.portalAccess },
      createdAt: now,
    });
  });
  // The token travels in the fragment, which browsers never send to a server or in a Referer.
  return { url: `/portal/preview#token=${token}` };
}

/** Ends the session of a cookie token, whatever its state; an unknown token is ignored. */
export async function signOutWithToken(context: ServiceContext, token: string): Promise<void> {
  const sessions = portalSessionRepository(context.db);
  const row = await sessions.findLive(context.secrets.hmac("portal-session", token), context.clock.now());
  if (row && row.previewUserId === null) await sessions.delete(row.id);
}
