import type { BusinessUnitFields, BusinessUnitRow } from "../repositories/business-units.js";
import { businessUnitRepository } from "../repositories/business-units.js";
import { insertOrganization, type OrganizationRow } from "../repositories/organizations.js";
import { updateUser } from "../repositories/staff-accounts.js";
import { checkBusinessUnitFields } from "./business-unit-service.js";
import type { ServiceContext } from "./context.js";
import { type NewUser, prepareMember, writeMember } from "./user-service.js";

export interface NewOrganization {
  name: string;
  businessUnit: BusinessUnitFields;
  admin: NewUser;
  /** Further staff of the first business unit, created in the same transaction. */
  members?: NewUser[];
  /** Demo accounts only: skip the password change that first sign-in otherwise demands. */
  passwordsAlreadyChosen?: boolean;
  /** Operators only (command line, demo): link accounts that already exist in other organizations. */
  attachExistingAccounts?: boolean;
}

/**
 * Creates an organization with its first business unit and first admin. Used by the demo seed,
 * the command line and tests; there is no self-service sign-up.
 */
export async function createOrganization(
  context: ServiceContext,
  request: NewOrganization,
): Promise<{ organization: OrganizationRow; businessUnit: BusinessUnitRow; adminUserId: string }> {
  checkBusinessUnitFields(request.businessUnit);
  const admin = await prepareMember(context, request.admin);
  const members = await Promise.all((request.members ?? []).map((member) => prepareMember(context, member)));
  const now = context.clock.now();
  return context.db.transaction(async (tx) => {
    const organization = await insertOrganization(tx, request.name, now);
    const businessUnit = await businessUnitRepository(tx, organization.id).insert(request.businessUnit, now);
    const written = [];
    for (const member of [admin, ...members]) {
      written.push(
        await writeMember(tx, organization.id, businessUnit.id, member, now, {
          attachAccountOfOtherOrganization: request.attachExistingAccounts,
        }),
      );
    }
    if (request.passwordsAlreadyChosen) {
      for (const member of written) await updateUser(tx, member.userId, { mustChangePassword: false }, now);
    }
    return { organization, businessUnit, adminUserId: written[0]!.userId };
  });
}
