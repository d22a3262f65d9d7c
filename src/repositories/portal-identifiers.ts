import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { businessUnits, customers } from "../db/schema/index.js";

/**
 * The global lookup of portal identifiers: which customers, in any organization, a hashed email
 * or phone number signs in as. This module is one of the three lookups that ARCHITECTURE.md
 * allows across tenants; everything else is scoped by organization. The hash is the SHA-256 of
 * `email:<normalized email>` or `phone:<E.164 number>` in hexadecimal, as the database function
 * `portal_identifier_hash` computes it; expression indexes on customers serve the lookup.
 */

const emailHash = sql<string>`portal_identifier_hash('email', ${customers.emailNormalized})`;
const phoneHash = sql<string>`portal_identifier_hash('phone', ${customers.phone})`;
const mobileHash = sql<string>`portal_identifier_hash('phone', ${customers.mobile})`;

export interface PortalCustomerMatch {
  organizationId: string;
  customerId: string;
  businessUnitId: string;
  customerName: string;
  customerLanguage: string;
  /** The customer's email as typed, for sending. */
  customerEmail: string | null;
  /** email or phone: which identifier matched. */
  kind: string;
  identifierHash: string;
  unitName: string;
  portalSettings: Record<string, unknown>;
  logoFileId: string | null;
}

/**
 * Returns the customers that the identifier hashes match, with portal access in a unit whose portal
 * is enabled; only those of `scopeOrganizationId` when it is set. Ordered so that the same input
 * always gives the same list.
 */
export async function findPortalCustomers(
  db: Executor,
  hashes: readonly string[],
  scopeOrganizationId: string | null,
): Promise<PortalCustomerMatch[]> {
  if (hashes.length === 0) return [];
  const list = [...hashes];
  const byEmail = inArray(emailHash, list);
  const byMobile = inArray(mobileHash, list);
  return db
    .select({
      organizationId: customers.organizationId,
      customerId: customers.id,
      businessUnitId: customers.businessUnitId,
      customerName: customers.displayName,
      customerLanguage: customers.language,
      customerEmail: customers.email,
      kind: sql<string>`CASE WHEN ${byEmail} THEN 'email' ELSE 'phone' END`,
      identifierHash: sql<string>`CASE WHEN ${byEmail} THEN ${emailHash} WHEN ${byMobile} THEN ${mobileHash} ELSE ${phoneHash} END`,
      unitName: businessUnits.name,
      portalSettings: businessUnits.portalSettings,
      logoFileId: businessUnits.portalLogoFileId,
    })
    .from(customers)
    .innerJoin(
      businessUnits,
      and(
        eq(businessUnits.organizationId, customers.organizationId),
        eq(businessUnits.id, customers.businessUnitId),
      ),
    )
    .where(
      and(
        or(byEmail, inArray(phoneHash, list), byMobile),
        eq(customers.portalAccess, true),
        eq(businessUnits.portalEnabled, true),
        scopeOrganizationId ? eq(customers.organizationId, scopeOrganizationId) : undefined,
      ),
    )
    .orderBy(asc(customers.organizationId), asc(customers.id));
}

/**
 * Returns how the identifier hash still belongs to the customer (email or phone), or undefined
 * when it no longer does because their email or number changed.
 */
export async function identifierKindFor(
  db: Executor,
  identifierHash: string,
  organizationId: string,
  customerId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({
      kind: sql<string | null>`CASE WHEN ${emailHash} = ${identifierHash} THEN 'email'
        WHEN ${phoneHash} = ${identifierHash} OR ${mobileHash} = ${identifierHash} THEN 'phone' END`,
    })
    .from(customers)
    .where(and(eq(customers.organizationId, organizationId), eq(customers.id, customerId)))
    .limit(1);
  return row?.kind ?? undefined;
}

/** Countries of the units with an enabled portal, where typed national phone numbers are read. */
export async function portalCountries(db: Executor, scopeOrganizationId: string | null): Promise<string[]> {
  const rows = await db
    .selectDistinct({ country: businessUnits.country })
    .from(businessUnits)
    .where(
      and(
        eq(businessUnits.portalEnabled, true),
        scopeOrganizationId ? eq(businessUnits.organizationId, scopeOrganizationId) : undefined,
      ),
    );
  return rows.map((row) => row.country).sort();
}
