import type { Role } from "../../src/domain/roles.js";
import { updateUser } from "../../src/repositories/staff-accounts.js";
import type { ServiceContext } from "../../src/services/context.js";
import { createOrganization } from "../../src/services/organization-service.js";
import { createMembership } from "../../src/services/user-service.js";
import { uniqueSuffix } from "./context.js";

export const TEST_PASSWORD = "correct horse battery staple";

export interface TestOrganization {
  organizationId: string;
  businessUnitId: string;
  admin: { id: string; email: string };
  suffix: string;
}

/** Creates an organization of its own for one test, with a Paris business unit and an admin. */
export async function createTestOrganization(
  context: ServiceContext,
  options: { mustChangePassword?: boolean } = {},
): Promise<TestOrganization> {
  const suffix = uniqueSuffix();
  const email = `admin-${suffix}@test.example`;
  const { organization, businessUnit, adminUserId } = await createOrganization(context, {
    name: `Test organization ${suffix}`,
    businessUnit: {
      code: "PARIS",
      name: `Paris ${suffix}`,
      timeZone: "Europe/Paris",
      language: "en",
      country: "FR",
      addressLine1: "1 Rue de Rivoli",
      addressLine2: null,
      postcode: "75001",
      city: "Paris",
      latitude: 48.8606,
      longitude: 2.3376,
    },
    admin: { email, name: "Ada Admin", password: TEST_PASSWORD, roles: ["admin", "planner"] },
    passwordsAlreadyChosen: !options.mustChangePassword,
  });
  return {
    organizationId: organization.id,
    businessUnitId: businessUnit.id,
    admin: { id: adminUserId, email },
    suffix,
  };
}

/**
 * Adds a staff member to the organization's business unit; returns their id and email. The
 * member must change the initial password at first sign-in unless `passwordChosen` is set.
 */
export async function addTestMember(
  context: ServiceContext,
  organization: TestOrganization,
  roles: Role[],
  options: { name?: string; passwordChosen?: boolean } = {},
): Promise<{ id: string; email: string }> {
  const email = `${roles.join("-")}-${uniqueSuffix()}@test.example`;
  const member = await createMembership(context, organization.organizationId, organization.businessUnitId, {
    email,
    name: options.name ?? "Sam Staff",
    password: TEST_PASSWORD,
    roles,
  });
  if (options.passwordChosen) {
    await updateUser(context.db, member.userId, { mustChangePassword: false }, context.clock.now());
  }
  return { id: member.userId, email };
}
