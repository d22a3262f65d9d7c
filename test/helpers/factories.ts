import type { Role } from "../../src/domain/roles.js";
import { createOrganization } from "../../src/services/organization-service.js";
import { createMembership } from "../../src/services/user-service.js";
import { type TestContext, uniqueSuffix } from "./context.js";

export const TEST_PASSWORD = "correct horse battery staple";

export interface TestOrganization {
  organizationId: string;
  businessUnitId: string;
  admin: { id: string; email: string };
  suffix: string;
}

/** Creates an organization of its own for one test, with a Paris business unit and an admin. */
export async function createTestOrganization(
  context: TestContext,
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

/** Adds a staff member to the organization's business unit; returns their id and email. */
export async function addTestMember(
  context: TestContext,
  organization: TestOrganization,
  roles: Role[],
  name = "Sam Staff",
): Promise<{ id: string; email: string }> {
  const email = `${roles.join("-")}-${uniqueSuffix()}@test.example`;
  const member = await createMembership(context, organization.organizationId, organization.businessUnitId, {
    email,
    name,
    password: TEST_PASSWORD,
    roles,
  });
  return { id: member.userId, email };
}
