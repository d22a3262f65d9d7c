import type { Executor } from "../db/database.js";
import { isPlausibleEmail, normalizeEmail } from "../domain/contact/email.js";
import type { Role } from "../domain/roles.js";
import { businessUnitRepository } from "../repositories/business-units.js";
import {
  listOrganizationIdsOfUser,
  type MemberRow,
  membershipRepository,
} from "../repositories/memberships.js";
import { findUserByEmail, findUserById, insertUser, updateUser } from "../repositories/staff-accounts.js";
import { AppError, invalidField, notFound } from "../server/errors.js";
import { type Actor, requireRole } from "./access.js";
import { checkPasswordStrength } from "./auth-service.js";
import type { ServiceContext } from "./context.js";

export interface NewUser {
  email: string;
  name: string;
  password: string;
  roles: Role[];
  language?: "en" | "fr";
}

export async function listMembers(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
): Promise<MemberRow[]> {
  requireRole(actor, businessUnitId, ["admin"]);
  return membershipRepository(context.db, actor.organizationId).listMembers(businessUnitId);
}

/**
 * Gives a person roles in a business unit. A new account gets the initial password, which
 * must be changed at first sign-in. An existing account (the same person in another unit or
 * organization) keeps its password and only gains the membership.
 */
export async function addMember(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  request: NewUser,
): Promise<MemberRow> {
  requireRole(actor, businessUnitId, ["admin"]);
  const member = await createMembership(context, actor.organizationId, businessUnitId, request);
  context.logger.info(
    {
      event: "member_added",
      actorId: actor.userId,
      userId: member.userId,
      businessUnitId,
      roles: member.roles,
    },
    "staff member added to a business unit",
  );
  return member;
}

/** A new member's request, checked and with its password hashed, ready to write. */
export interface PreparedMember {
  email: string;
  name: string;
  language: "en" | "fr";
  roles: Role[];
  /** Undefined when an account with this email already exists and keeps its password. */
  passwordHash: string | undefined;
}

/** Checks a new member's request and hashes the password, outside any transaction. */
export async function prepareMember(context: ServiceContext, request: NewUser): Promise<PreparedMember> {
  const email = normalizeEmail(request.email);
  if (!isPlausibleEmail(email))
    throw invalidField("email", `"${request.email}" is not a valid email address`, request.email);
  if (request.roles.length === 0) throw invalidField("roles", "choose at least one role", request.roles);
  const existing = await findUserByEmail(context.db, email);
  if (!existing) checkPasswordStrength(request.password, email);
  return {
    email,
    name: request.name.trim(),
    language: request.language ?? "en",
    roles: [...new Set(request.roles)],
    passwordHash: existing ? undefined : await context.passwords.hash(request.password),
  };
}

/** Writes the account (when new) and the membership inside the caller's transaction. */
export async function writeMember(
  tx: Executor,
  organizationId: string,
  businessUnitId: string,
  member: PreparedMember,
  now: Date,
  options: { attachAccountOfOtherOrganization?: boolean } = {},
): Promise<MemberRow> {
  if (!(await businessUnitRepository(tx, organizationId).find(businessUnitId)))
    throw notFound("Business unit not found.");
  const memberships = membershipRepository(tx, organizationId);
  let user = await findUserByEmail(tx, member.email);
  if (user && (await memberships.find(businessUnitId, user.id))) {
    throw new AppError("email_taken", `${member.email} is already a member of this business unit.`, {
      fields: [
        {
          path: "email",
          code: "email_taken",
          value: member.email,
          message: "already a member of this business unit",
        },
      ],
    });
  }
  if (user && !options.attachAccountOfOtherOrganization) {
    // Emails are not verified yet, so an admin elsewhere could have created this account with a
    // password they know. Attaching it here would hand them this organization, so only operators
    // (command line, demo seed) may link an account across organizations.
    const organizationIds = await listOrganizationIdsOfUser(tx, user.id);
    if (!organizationIds.includes(organizationId)) {
      throw new AppError(
        "email_taken",
        `${member.email} is used by an account of another organization. Use another address for this person.`,
        {
          fields: [
            {
              path: "email",
              code: "account_in_other_organization",
              value: member.email,
              message: "used by an account of another organization; use another address",
            },
          ],
        },
      );
    }
  }
  if (!user) {
    if (!member.passwordHash)
      throw invalidField("password", "an initial password is required for a new account");
    user = await insertUser(tx, {
      email: member.email,
      name: member.name,
      language: member.language,
      passwordHash: member.passwordHash,
      mustChangePassword: true,
      now,
    });
  }
  await memberships.upsert(businessUnitId, user.id, member.roles, now);
  const created = (await memberships.listMembers(businessUnitId)).find((row) => row.userId === user.id);
  return created!;
}

/** The shared path of the API, the command line and the demo seed; it checks no actor. */
export async function createMembership(
  context: ServiceContext,
  organizationId: string,
  businessUnitId: string,
  request: NewUser,
  options: { attachAccountOfOtherOrganization?: boolean } = {},
): Promise<MemberRow> {
  const member = await prepareMember(context, request);
  return context.db.transaction((tx) =>
    writeMember(tx, organizationId, businessUnitId, member, context.clock.now(), options),
  );
}

export async function setMemberRoles(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  userId: string,
  roles: Role[],
): Promise<MemberRow> {
  requireRole(actor, businessUnitId, ["admin"]);
  if (roles.length === 0)
    throw invalidField("roles", "choose at least one role, or remove the user from the unit", roles);
  if (userId === actor.userId && !roles.includes("admin")) {
    throw invalidField(
      "roles",
      "you cannot remove your own admin role; ask another admin",
      roles,
      "own_admin_role",
    );
  }
  return context.db.transaction(async (tx) => {
    const memberships = membershipRepository(tx, actor.organizationId);
    if (!(await memberships.find(businessUnitId, userId))) throw notFound("User not found.");
    await memberships.upsert(businessUnitId, userId, [...new Set(roles)], context.clock.now());
    context.logger.info(
      { event: "member_roles_changed", actorId: actor.userId, userId, businessUnitId, roles },
      "staff member's roles changed",
    );
    const member = (await memberships.listMembers(businessUnitId)).find((row) => row.userId === userId);
    return member!;
  });
}

export async function removeMember(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  userId: string,
): Promise<void> {
  requireRole(actor, businessUnitId, ["admin"]);
  if (userId === actor.userId) {
    throw invalidField("userId", "you cannot remove yourself; ask another admin", userId, "remove_self");
  }
  const removed = await membershipRepository(context.db, actor.organizationId).remove(businessUnitId, userId);
  if (!removed) throw notFound("User not found.");
  context.logger.info(
    { event: "member_removed", actorId: actor.userId, userId, businessUnitId },
    "staff member removed from a business unit",
  );
}

export async function updateOwnProfile(
  context: ServiceContext,
  actor: Actor,
  changes: { name?: string; language?: "en" | "fr" },
) {
  const user = await updateUser(
    context.db,
    actor.userId,
    {
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.language ? { language: changes.language } : {}),
    },
    context.clock.now(),
  );
  if (!user) throw new AppError("unauthenticated");
  return user;
}

export async function getOwnAccount(context: ServiceContext, actor: Actor) {
  const user = await findUserById(context.db, actor.userId);
  if (!user) throw new AppError("unauthenticated");
  return user;
}
