import { randomInt, randomUUID } from "node:crypto";
import {
  type LoginIdentifier,
  loginIdentifierHash,
  loginIdentifierHashes,
  parseLoginIdentifier,
} from "../../domain/contact/login-identifier.js";
import type { TemplateValues } from "../../domain/notifications/index.js";
import { businessUnitRepository } from "../../repositories/business-units.js";
import { findOrganization } from "../../repositories/organizations.js";
import {
  findPortalCustomers,
  type PortalCustomerMatch,
  portalCountries,
} from "../../repositories/portal-identifiers.js";
import { type PortalLoginCodeRow, portalLoginCodeRepository } from "../../repositories/portal-login-codes.js";
import { findBusinessUnitBySlug } from "../../repositories/portal-slugs.js";
import { incrementCounter, windowAt } from "../../repositories/rate-limits.js";
import { AppError, invalidField, notFound } from "../../server/errors.js";
import type { ServiceContext } from "../context.js";
import { businessUnitValues } from "../notifications/appointments.js";
import { composeAndQueue, messageLanguage } from "../notifications/compose.js";
import { randomToken } from "../secrets.js";
import { loginChannelAllows, type OpenedPortalSession, openPortalSession } from "./session-service.js";

/** A login code lives ten minutes and dies at the fifth verification, right or wrong. */
export const CODE_LIFETIME_MINUTES = 10;
export const MAX_CODE_ATTEMPTS = 5;
/** A new code for the same identifier is sent at most once a minute and ten times a day. */
export const RESEND_COOLDOWN_SECONDS = 60;
export const CODES_PER_IDENTIFIER_PER_DAY = 10;
/** Per client address and ten minutes: code requests, and verifications (codes and links). */
const CODE_REQUESTS_PER_CLIENT = 30;
const VERIFICATIONS_PER_CLIENT = 60;
const CLIENT_WINDOW_SECONDS = 600;

/** The response body to every well-formed code request, known identifier or not. */
export const CODE_REQUEST_ANSWER = "If this address or number is registered, a code has been sent.";

interface Scope {
  organizationId: string | null;
  slug: string | null;
}

/** Code requests already responded to but not yet processed; tests wait for them. */
const pendingRequests = new Set<Promise<void>>();

/** Waits until the code requests already responded to have queued their messages. */
export async function settlePortalCodeRequests(): Promise<void> {
  await Promise.all([...pendingRequests]);
}

/**
 * Checks a code request and returns at once. The lookup and the sending happen afterwards, so the
 * answer and its timing do not tell anyone whether the identifier belongs to a customer. Only a
 * malformed identifier (400) or a client address over its limit (429) gets another answer.
 */
export async function requestLoginCode(
  context: ServiceContext,
  request: {
    identifier: string;
    slug?: string | undefined;
    language?: string | undefined;
    ipAddress: string;
  },
): Promise<void> {
  const scope = await resolveScope(context, request.slug);
  const identifier = await readIdentifier(context, request.identifier, scope);
  await limitClient(context, "portal-code", request.ipAddress, CODE_REQUESTS_PER_CLIENT);
  const work = sendCodeIfKnown(context, identifier, scope, request.language).catch((error: unknown) => {
    context.logger.error(
      { err: error, event: "portal_code_failed" },
      "portal login code could not be queued",
    );
  });
  pendingRequests.add(work);
  void work.finally(() => pendingRequests.delete(work));
}

/**
 * Creates a code row for the identifier, known or not, and queues the code (with a sign-in link
 * in emails) when it matches customers whose unit allows this login channel. Nothing is sent, and
 * no customer is created, for an unknown identifier. A request inside the cooldown or over the
 * daily cap is dropped silently.
 */
async function sendCodeIfKnown(
  context: ServiceContext,
  identifier: LoginIdentifier,
  scope: Scope,
  requestedLanguage: string | undefined,
): Promise<void> {
  const now = context.clock.now();
  await context.db.transaction(async (tx) => {
    const hashes = loginIdentifierHashes(identifier);
    const matches = allowedMatches(await findPortalCustomers(tx, hashes, scope.organizationId));
    const keyHash = matches[0]?.identifierHash ?? (hashes[0] as string);
    const codes = portalLoginCodeRepository(tx);
    const latest = await codes.latest([keyHash]);
    if (latest && now.getTime() - latest.createdAt.getTime() < RESEND_COOLDOWN_SECONDS * 1000) return;
    if (
      (await codes.countSince(keyHash, new Date(now.getTime() - 24 * 3600_000))) >=
      CODES_PER_IDENTIFIER_PER_DAY
    ) {
      context.logger.warn({ event: "portal_code_daily_cap" }, "portal login codes over the daily cap");
      return;
    }
    await codes.revokeLive(keyHash, now);
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
    const linkToken = randomToken();
    const expiresAt = new Date(now.getTime() + CODE_LIFETIME_MINUTES * 60_000);
    await codes.insert({
      id,
      identifierHash: keyHash,
      scopeOrganizationId: scope.organizationId,
      channel: identifier.kind,
      codeHash: context.secrets.hmac("portal-code", `${id}:${code}`),
      linkTokenHash: context.secrets.hmac("portal-link", linkToken),
      createdAt: now,
      expiresAt,
    });
    const target = matches[0];
    if (!target) return;

    const unit = await businessUnitRepository(tx, target.organizationId).find(target.businessUnitId);
    if (!unit) return;
    const organization = await findOrganization(tx, target.organizationId);
    const portalUrl = `${context.config.publicUrl}/portal${scope.slug ? `/${scope.slug}` : ""}`;
    const values: TemplateValues = {
      code,
      "code.minutes": CODE_LIFETIME_MINUTES,
      "sign_in.url": `${context.config.publicUrl}/portal/sign-in#token=${linkToken}`,
      "portal.url": portalUrl,
      ...businessUnitValues(unit),
      "organization.name": organization?.name ?? "",
    };
    const number =
      identifier.kind === "phone"
        ? (identifier.candidates.find((candidate) => loginIdentifierHash("phone", candidate) === keyHash) ??
          identifier.value)
        : null;
    await composeAndQueue(context, tx, {
      unit,
      event: "login_code",
      recipient: {
        email: identifier.kind === "email" ? (target.customerEmail ?? identifier.value) : null,
        mobile: number,
        language: messageLanguage(requestedLanguage ?? target.customerLanguage),
      },
      channels: [identifier.kind === "email" ? "email" : "sms"],
      values,
      dueAt: now,
      expiresAt,
      sensitive: `${code}\n${linkToken}`,
    });
  });
}

/**
 * Checks a typed code. Each verification counts against the code atomically, whoever sends it and
 * from wherever, so rotating client addresses gains nothing. The fifth wrong guess kills the code,
 * and further tries get 429.
 */
export async function verifyLoginCode(
  context: ServiceContext,
  request: { identifier: string; code: string; slug?: string | undefined; ipAddress: string },
): Promise<OpenedPortalSession> {
  const scope = await resolveScope(context, request.slug);
  const identifier = await readIdentifier(context, request.identifier, scope);
  await limitClient(context, "portal-verify", request.ipAddress, VERIFICATIONS_PER_CLIENT);
  const now = context.clock.now();
  const codes = portalLoginCodeRepository(context.db);
  const row = await codes.findLive(loginIdentifierHashes(identifier), now);
  if (!row) throw new AppError("invalid_code");
  const attempts = await codes.countAttempt(row.id, MAX_CODE_ATTEMPTS, now);
  if (attempts === undefined) throw new AppError("too_many_attempts");
  const typed = request.code.replace(/\s/g, "");
  const expected = row.codeHash;
  const given = context.secrets.hmac("portal-code", `${row.id}:${typed}`);
  if (!/^\d{6}$/.test(typed) || !context.secrets.equals(given, expected)) throw new AppError("invalid_code");
  return signInWith(context, row, "invalid_code");
}

/**
 * Signs in with the link a login email carries. Mail scanners open every link, so opening the
 * link's page does nothing. Only this call, made when the person clicks the page's button, uses
 * the token.
 */
export async function redeemSignInLink(
  context: ServiceContext,
  request: { token: string; ipAddress: string },
): Promise<OpenedPortalSession> {
  await limitClient(context, "portal-verify", request.ipAddress, VERIFICATIONS_PER_CLIENT);
  const now = context.clock.now();
  const codes = portalLoginCodeRepository(context.db);
  const row = await codes.findLiveByLink(context.secrets.hmac("portal-link", request.token), now);
  if (!row || row.attempts >= MAX_CODE_ATTEMPTS) throw new AppError("invalid_link");
  return signInWith(context, row, "invalid_link");
}

async function signInWith(
  context: ServiceContext,
  row: PortalLoginCodeRow,
  failure: "invalid_code" | "invalid_link",
): Promise<OpenedPortalSession> {
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    if (!(await portalLoginCodeRepository(tx).consume(row.id, now))) throw new AppError(failure);
    const opened = await openPortalSession(context, tx, {
      identifierHash: row.identifierHash,
      scopeOrganizationId: row.scopeOrganizationId,
    });
    if (!opened) throw new AppError(failure);
    return opened;
  });
}

/** Finds the unit of `/portal/<slug>`, whose organization limits who signs in; 404 for an unknown slug. */
async function resolveScope(context: ServiceContext, slug: string | undefined): Promise<Scope> {
  if (slug === undefined || slug === "") return { organizationId: null, slug: null };
  const unit = await findBusinessUnitBySlug(context.db, slug.toLowerCase());
  if (!unit?.portalEnabled) throw notFound();
  return { organizationId: unit.organizationId, slug: slug.toLowerCase() };
}

async function readIdentifier(context: ServiceContext, raw: string, scope: Scope): Promise<LoginIdentifier> {
  const countries = await portalCountries(context.db, scope.organizationId);
  const result = parseLoginIdentifier(raw, countries.length > 0 ? countries : ["FR"]);
  if (!result.ok) throw invalidField("identifier", result.message, raw, result.problem);
  return result.identifier;
}

async function limitClient(context: ServiceContext, name: string, ipAddress: string, limit: number) {
  const window = windowAt(context.clock.now(), CLIENT_WINDOW_SECONDS);
  const count = await incrementCounter(
    context.db,
    `${name}:ip:${context.secrets.hmac("ip", ipAddress)}`,
    window,
  );
  if (count > limit) {
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((window.end.getTime() - context.clock.now().getTime()) / 1000),
    );
    throw new AppError("rate_limited", undefined, { retryAfterSeconds });
  }
}

/** Matches whose unit accepts sign-in on the identifier's channel. */
function allowedMatches(matches: PortalCustomerMatch[]): PortalCustomerMatch[] {
  return matches.filter((match) => loginChannelAllows(match.portalSettings, match.kind));
}
