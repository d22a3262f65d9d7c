import type { Executor } from "../db/database.js";
import type { Role } from "../domain/roles.js";
import { membershipRepository } from "../repositories/memberships.js";
import { AppError, notFound } from "../server/errors.js";

/** The signed-in staff member a request acts for, with their roles per business unit. */
export interface Actor {
  userId: string;
  sessionId: string;
  organizationId: string;
  rolesByBusinessUnit: Map<string, Role[]>;
}

export async function loadRoles(
  db: Executor,
  organizationId: string,
  userId: string,
): Promise<Map<string, Role[]>> {
  const rows = await membershipRepository(db, organizationId).listForUser(userId);
  return new Map(rows.map((row) => [row.businessUnitId, row.roles as Role[]]));
}

/**
 * Checks that the actor holds one of `roles` in the business unit. A unit the actor has no
 * membership in is "not found", so its existence is not revealed; a membership without the
 * role is "forbidden".
 */
export function requireRole(actor: Actor, businessUnitId: string, roles: readonly Role[]): Role[] {
  const held = actor.rolesByBusinessUnit.get(businessUnitId);
  if (!held) throw notFound("Business unit not found.");
  if (!held.some((role) => roles.includes(role))) throw new AppError("forbidden");
  return held;
}

export function requireMember(actor: Actor, businessUnitId: string): Role[] {
  return requireRole(actor, businessUnitId, ["admin", "planner", "field_worker"]);
}

export function isAdminSomewhere(actor: Actor): boolean {
  for (const roles of actor.rolesByBusinessUnit.values()) if (roles.includes("admin")) return true;
  return false;
}
