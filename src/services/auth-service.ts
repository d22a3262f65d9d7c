import { normalizeEmail } from "../domain/contact/email.js";
import { listOrganizationIdsOfUser } from "../repositories/memberships.js";
import { findOrganization } from "../repositories/organizations.js";
import { incrementCounter, readCounter, resetCounter, windowAt } from "../repositories/rate-limits.js";
import { findUserByEmail, findUserById, updateUser } from "../repositories/staff-accounts.js";
import {
  deleteOtherStaffSessions,
  deleteStaffSession,
  findLiveStaffSession,
  insertStaffSession,
  switchStaffSessionOrganization,
  touchStaffSession,
} from "../repositories/staff-sessions.js";
import { AppError } from "../server/errors.js";
import { type Actor, loadRoles } from "./access.js";
import type { ServiceContext } from "./context.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, randomToken } from "./secrets.js";

export interface LoginRequest {
  email: string;
  password: string;
  ipAddress: string;
  userAgent: string | undefined;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  userId: string;
  mustChangePassword: boolean;
}

/** A session is touched at most this often, so that reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Signs a staff member in with email and password. Whatever the cause (unknown email, wrong
 * password, deactivated account, no membership), the failure is the same `invalid_credentials`
 * after the same work, so the answer never tells whether the email exists.
 */
export async function login(context: ServiceContext, request: LoginRequest): Promise<LoginResult> {
  const { db, clock, config, secrets, passwords } = context;
  const now = clock.now();
  const window = windowAt(now, config.loginWindowMinutes * 60);
  const email = normalizeEmail(request.email);
  const ipKey = `staff-login:ip:${secrets.hmac("ip", request.ipAddress)}`;
  const accountKey = `staff-login:account:${secrets.hmac("email", email)}`;
  const retryAfterSeconds = Math.ceil((window.end.getTime() - now.getTime()) / 1000);

  const failuresFromIp = await readCounter(db, ipKey, window);
  if (failuresFromIp >= config.loginMaxFailuresPerIp) {
    context.logger.warn({ event: "login_rate_limited", scope: "ip" }, "staff login limited for an address");
    throw new AppError("too_many_attempts", undefined, { retryAfterSeconds });
  }
  const failures = await readCounter(db, accountKey, window);
  if (failures >= config.loginMaxFailuresPerAccount) {
    context.logger.warn(
      { event: "login_rate_limited", scope: "account" },
      "staff login limited for an account",
    );
    throw new AppError("too_many_attempts", undefined, { retryAfterSeconds });
  }

  const user = await findUserByEmail(db, email);
  // Verifying against a fixed hash for unknown emails keeps the timing of both failures alike.
  const passwordMatches = await passwords.verify(
    user?.passwordHash ?? (await dummyHash(context)),
    request.password,
  );
  const organizationIds =
    user && passwordMatches && user.active ? await listOrganizationIdsOfUser(db, user.id) : [];
  const organizationId = organizationIds.sort()[0];
  if (!user || !passwordMatches || !user.active || !organizationId) {
    await incrementCounter(db, accountKey, window);
    await incrementCounter(db, ipKey, window);
    context.logger.warn(
      { event: "login_failed", userId: user?.id, knownAccount: user !== undefined },
      "staff sign-in failed",
    );
    throw new AppError("invalid_credentials");
  }

  await resetCounter(db, accountKey, window);
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3_600_000);
  await db.transaction(async (tx) => {
    await insertStaffSession(tx, {
      tokenHash: secrets.hmac("staff-session", token),
      userId: user.id,
      organizationId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ipAddress: request.ipAddress,
      userAgent: request.userAgent?.slice(0, 300) ?? null,
    });
    await updateUser(tx, user.id, { lastLoginAt: now }, now);
  });
  context.logger.info({ event: "login", userId: user.id }, "staff member signed in");
  return { token, expiresAt, userId: user.id, mustChangePassword: user.mustChangePassword };
}

let cachedDummyHash: Promise<string> | undefined;
function dummyHash(context: ServiceContext): Promise<string> {
  cachedDummyHash ??= context.passwords.hash(randomToken());
  return cachedDummyHash;
}

export async function logout(context: ServiceContext, token: string): Promise<void> {
  await deleteStaffSession(context.db, context.secrets.hmac("staff-session", token));
}

/** Finds the live session of a cookie token and the actor it stands for, or undefined. */
export async function resolveSession(context: ServiceContext, token: string): Promise<Actor | undefined> {
  const { db, clock, config, secrets } = context;
  const now = clock.now();
  const idleSince = new Date(now.getTime() - config.sessionIdleHours * 3_600_000);
  const session = await findLiveStaffSession(db, secrets.hmac("staff-session", token), now, idleSince);
  if (!session) return undefined;
  const user = await findUserById(db, session.userId);
  if (!user?.active) return undefined;
  const rolesByBusinessUnit = await loadRoles(db, session.organizationId, session.userId);
  // Removed from every unit of the organization: the session no longer opens anything.
  if (rolesByBusinessUnit.size === 0) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchStaffSession(db, session.id, now);
  }
  return {
    userId: session.userId,
    sessionId: session.id,
    organizationId: session.organizationId,
    rolesByBusinessUnit,
  };
}

export async function mustChangePassword(context: ServiceContext, userId: string): Promise<boolean> {
  const user = await findUserById(context.db, userId);
  return user?.mustChangePassword ?? false;
}

export function checkPasswordStrength(password: string, email: string): void {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH)
    problems.push(`must have at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    problems.push(`must have at most ${MAX_PASSWORD_LENGTH} characters`);
  if (normalizeEmail(password) === normalizeEmail(email)) problems.push("must not be the email address");
  if (problems.length > 0) {
    throw new AppError("weak_password", `The password ${problems.join(" and ")}.`, {
      fields: problems.map((message) => ({ path: "password", message, code: "weak_password" })),
      minLength: MIN_PASSWORD_LENGTH,
    });
  }
}

/** Changes the actor's own password; other sessions of the account end. */
export async function changeOwnPassword(
  context: ServiceContext,
  actor: Actor,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const { db, clock, passwords } = context;
  const user = await findUserById(db, actor.userId);
  if (!user) throw new AppError("unauthenticated");
  if (!(await passwords.verify(user.passwordHash, currentPassword))) throw new AppError("wrong_password");
  checkPasswordStrength(newPassword, user.email);
  if (currentPassword === newPassword) {
    throw new AppError("weak_password", "The new password must differ from the current one.", {
      fields: [
        { path: "newPassword", message: "must differ from the current password", code: "same_password" },
      ],
    });
  }
  const passwordHash = await passwords.hash(newPassword);
  const now = clock.now();
  await db.transaction(async (tx) => {
    await updateUser(tx, user.id, { passwordHash, mustChangePassword: false }, now);
    await deleteOtherStaffSessions(tx, user.id, actor.sessionId);
  });
  context.logger.info({ event: "password_changed", userId: user.id }, "staff member changed their password");
}

/** Moves the session to another organization the user belongs to. */
export async function switchOrganization(
  context: ServiceContext,
  actor: Actor,
  organizationId: string,
): Promise<void> {
  const organizationIds = await listOrganizationIdsOfUser(context.db, actor.userId);
  if (!organizationIds.includes(organizationId)) throw new AppError("not_found", "Organization not found.");
  await switchStaffSessionOrganization(context.db, actor.sessionId, organizationId);
}

export async function listOrganizationsOfUser(context: ServiceContext, userId: string) {
  const ids = await listOrganizationIdsOfUser(context.db, userId);
  const organizations = await Promise.all(ids.map((id) => findOrganization(context.db, id)));
  return organizations
    .filter((organization) => organization !== undefined)
    .map((organization) => ({ id: organization.id, name: organization.name }));
}
