import { hasNoOrganization } from "../../repositories/organizations.js";
import type { ServiceContext } from "../context.js";
import { createOrganization } from "../organization-service.js";
import type { NewUser } from "../user-service.js";

/** The demo accounts, printed at start-up and listed in the README. Never use them in production. */
export const DEMO_PASSWORD = "rondo-demo-2026";
export const DEMO_ACCOUNTS = [
  { email: "admin@rondo-demo.example", name: "Camille Martin", roles: ["admin", "planner"] as const },
  { email: "planner@rondo-demo.example", name: "Hugo Bernard", roles: ["planner"] as const },
  { email: "tech@rondo-demo.example", name: "Léa Dubois", roles: ["field_worker"] as const },
];

export interface DemoSeedResult {
  seeded: boolean;
  organizationId?: string;
}

/**
 * Builds the demo organization when the database has none. The demo accounts skip the
 * first-sign-in password change so that a person trying Rondo gets straight in.
 */
export async function seedDemoIfEmpty(context: ServiceContext): Promise<DemoSeedResult> {
  if (!(await hasNoOrganization(context.db))) return { seeded: false };
  return seedDemo(context);
}

export async function seedDemo(context: ServiceContext): Promise<DemoSeedResult> {
  const [admin, ...others] = DEMO_ACCOUNTS;
  const { organization } = await createOrganization(context, {
    name: "Thermique Rhône Services",
    businessUnit: {
      code: "LYON",
      name: "Lyon Métropole",
      timeZone: "Europe/Paris",
      language: "fr",
      country: "FR",
      addressLine1: "20 Rue de la République",
      addressLine2: null,
      postcode: "69002",
      city: "Lyon",
      latitude: 45.7621,
      longitude: 4.8357,
    },
    admin: demoUser(admin!),
    members: others.map(demoUser),
    passwordsAlreadyChosen: true,
  });
  context.logger.info({ organizationId: organization.id }, "demo organization created");
  return { seeded: true, organizationId: organization.id };
}

function demoUser(account: (typeof DEMO_ACCOUNTS)[number]): NewUser {
  return {
    email: account.email,
    name: account.name,
    password: DEMO_PASSWORD,
    roles: [...account.roles],
    language: "fr",
  };
}
