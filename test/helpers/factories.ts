import { customers } from "../../src/db/schema/index.js";
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

export interface TestCustomerOptions {
  reference?: string;
  displayName?: string;
  latitude?: number | null;
  longitude?: number | null;
  city?: string;
  email?: string | null;
}

/**
 * Inserts a customer row directly, for tests about other subjects; customer rules themselves
 * are tested through the API.
 */
export async function createTestCustomer(
  context: ServiceContext,
  organization: TestOrganization,
  options: TestCustomerOptions = {},
): Promise<{ id: string; reference: string }> {
  const now = context.clock.now();
  const reference = options.reference ?? `T${uniqueSuffix()}`;
  const displayName = options.displayName ?? "Camille Durand";
  const [row] = await context.db
    .insert(customers)
    .values({
      organizationId: organization.organizationId,
      businessUnitId: organization.businessUnitId,
      reference,
      type: "individual",
      firstName: displayName.split(" ")[0] ?? displayName,
      lastName: displayName.split(" ").slice(1).join(" ") || null,
      displayName,
      searchKey: displayName.toLowerCase(),
      email: options.email ?? null,
      emailNormalized: options.email?.toLowerCase() ?? null,
      addressLine1: "1 Place Bellecour",
      postcode: "69002",
      city: options.city ?? "Lyon",
      country: "FR",
      latitude: options.latitude === undefined ? 45.7578 : options.latitude,
      longitude: options.longitude === undefined ? 4.832 : options.longitude,
      language: "fr",
      portalAccess: false,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: customers.id, reference: customers.reference });
  return row!;
}
