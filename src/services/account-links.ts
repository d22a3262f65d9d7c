import { eq } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { staffSessions } from "../db/schema/index.js";
import { normalizeEmail } from "../domain/contact/email.js";
import {
  defaultTemplate,
  type NotificationEvent,
  renderEmail,
  type TemplateValues,
} from "../domain/notifications/index.js";
import {
  type AccountTokenPurpose,
  findLiveAccountToken,
  insertAccountToken,
  markAccountTokenUsed,
  retireAccountTokens,
} from "../repositories/account-tokens.js";
import { listOrganizationIdsOfUser, membershipRepository } from "../repositories/memberships.js";
import { findOrganization } from "../repositories/organizations.js";
import { incrementCounter, windowAt } from "../repositories/rate-limits.js";
import { findUserByEmail, findUserById, type UserRow, updateUser } from "../repositories/staff-accounts.js";
import { AppError, notFound } from "../server/errors.js";
import { type Actor, requireRole } from "./access.js";
import { checkPasswordStrength } from "./auth-service.js";
import type { ServiceContext } from "./context.js";
import { messageLanguage } from "./notifications/compose.js";
import { queueMessage } from "./notifications/outbox.js";
import { randomToken } from "./secrets.js";

/** Invitation and reset links work once, for one hour. */
export const LINK_LIFETIME_MINUTES = 60;
/** Reset requests per address and per client address per hour; more are ignored silently. */
const RESET_REQUESTS_PER_HOUR = 5;
/** Reset requests per client address per hour: an office behind one address may have many staff. */
const RESET_REQUESTS_PER_CLIENT_PER_HOUR = 100;

const PURPOSE_PATH: Record<AccountTokenPurpose, string> = {
  invitation: "invitation",
  password_reset: "reset-password",
};
const PURPOSE_EVENT: Record<AccountTokenPurpose, NotificationEvent> = {
  invitation: "staff_invitation",
  password_reset: "password_reset",
};

/** Creates a single-use link for a user and queues the email carrying it, in the caller's transaction. */
async function sendLink(
  context: ServiceContext,
  tx: Executor,
  user: UserRow,
  organizationId: string,
  purpose: AccountTokenPurpose,
): Promise<void> {
  const now = context.clock.now();
  await retireAccountTokens(tx, user.id, purpose, now);
  const token = randomToken();
  await insertAccountToken(tx, {
    userId: user.id,
    organizationId,
    purpose,
    tokenHash: context.secrets.hmac(`account-${purpose}`, token),
    expiresAt: new Date(now.getTime() + LINK_LIFETIME_MINUTES * 60_000),
    createdAt: now,
  });
  const organization = await findOrganization(tx, organizationId);
  const language = messageLanguage(user.language);
  // The token travels in the fragment, which browsers never send to a server or in a Referer.
  const url = `${context.config.publicUrl}/${PURPOSE_PATH[purpose]}#token=${token}`;
  const values: TemplateValues = {
    "user.name": user.name,
    "organization.name": organization?.name ?? "",
    "invitation.url": url,
    "reset.url": url,
    "reset.minutes": LINK_LIFETIME_MINUTES,
  };
  const rendered = renderEmail(defaultTemplate(PURPOSE_EVENT[purpose], "email", language), values, language);
  await queueMessage(
    tx,
    organizationId,
    {
      businessUnitId: null,
      userId: user.id,
      channel: "email",
      event: PURPOSE_EVENT[purpose],
      recipient: user.email,
      language,
      fromName: organization?.name ?? "Rondo",
      subject: rendered.subject,
      bodyText: rendered.text,
      bodyHtml: rendered.html,
      sensitive: token,
      dueAt: now,
      expiresAt: new Date(now.getTime() + LINK_LIFETIME_MINUTES * 60_000),
    },
    now,
  );
}

/** Reset requests whose lookup and sending run after the answer; tests wait for them. */
const pendingResets = new Set<Promise<void>>();

/** Waits until the reset requests already answered have queued their emails. */
export async function settlePasswordResets(): Promise<void> {
  await Promise.all([...pendingResets]);
}

/**
 * Sends a password reset link when the address belongs to an active account. The caller answers
 * before the account is even looked up: the answer and its timing are the same whether or not the
 * address exists, and the lookup and the email happen afterwards.
 */
export async function requestPasswordReset(
  context: ServiceContext,
  request: { email: string; ipAddress: string },
): Promise<void> {
  const { db, clock, secrets } = context;
  const now = clock.now();
  const email = normalizeEmail(request.email);
  const window = windowAt(now, 3600);
  const perAddress = await incrementCounter(
    db,
    `password-reset:email:${secrets.hmac("email", email)}`,
    window,
  );
  const perClient = await incrementCounter(
    db,
    `password-reset:ip:${secrets.hmac("ip", request.ipAddress)}`,
    window,
  );
  if (perAddress > RESET_REQUESTS_PER_HOUR || perClient > RESET_REQUESTS_PER_CLIENT_PER_HOUR) {
    context.logger.warn({ event: "password_reset_limited" }, "password reset requests limited");
    return;
  }
  const work = sendResetIfKnown(context, email).catch((error: unknown) => {
    context.logger.error(
      { err: error, event: "password_reset_failed" },
      "password reset link could not be queued",
    );
  });
  pendingResets.add(work);
  void work.finally(() => pendingResets.delete(work));
}

async function sendResetIfKnown(context: ServiceContext, email: string): Promise<void> {
  const { db } = context;
  const user = await findUserByEmail(db, email);
  if (!user?.active) {
    context.logger.info({ event: "password_reset_unknown" }, "password reset asked for an unknown address");
    return;
  }
  const [organizationId] = (await listOrganizationIdsOfUser(db, user.id)).sort();
  if (!organizationId) return;
  await db.transaction((tx) => sendLink(context, tx, user, organizationId, "password_reset"));
  context.logger.info({ event: "password_reset_sent", userId: user.id }, "password reset link sent");
}

/** Sends (again) an invitation to a member of the unit, who chooses their password through it (admins). */
export async function inviteMember(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  userId: string,
): Promise<void> {
  requireRole(actor, businessUnitId, ["admin"]);
  const membership = await membershipRepository(context.db, actor.organizationId).find(
    businessUnitId,
    userId,
  );
  const user = membership ? await findUserById(context.db, userId) : undefined;
  if (!user) throw notFound("Member not found.");
  await context.db.transaction((tx) => sendLink(context, tx, user, actor.organizationId, "invitation"));
  context.logger.info({ event: "member_invited", actorId: actor.userId, userId }, "invitation sent");
}

/**
 * Uses a link: sets the chosen password, ends the account's sessions and retires the link. An
 * unknown, used or expired link gets one answer, which says to ask for a new one.
 */
export async function redeemLink(
  context: ServiceContext,
  purpose: AccountTokenPurpose,
  request: { token: string; password: string },
): Promise<void> {
  const { db, clock, secrets, passwords } = context;
  const now = clock.now();
  const tokenHash = secrets.hmac(`account-${purpose}`, request.token);
  const user = await db.transaction(async (tx) => {
    const token = await findLiveAccountToken(tx, tokenHash, purpose, now);
    const owner = token ? await findUserById(tx, token.userId) : undefined;
    if (!token || !owner?.active) {
      throw new AppError("invalid_link");
    }
    checkPasswordStrength(request.password, owner.email);
    const passwordHash = await passwords.hash(request.password);
    await updateUser(tx, owner.id, { passwordHash, mustChangePassword: false }, now);
    await markAccountTokenUsed(tx, token.id, now);
    await tx.delete(staffSessions).where(eq(staffSessions.userId, owner.id));
    return owner;
  });
  context.logger.info({ event: `${purpose}_used`, userId: user.id }, "account link used to set a password");
}
