import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { businessUnits, customers, portalIdentifiers } from "../db/schema/index.js";

/**
 * The global lookup of portal identifiers: which customers, in any organization, a hashed email
 * or phone number signs in as. This module is one of the three lookups that ARCHITECTURE.md
 * allows across tenants; everything else is scoped by organization.
 */

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
  const rows = await db
    .selectDistinctOn([portalIdentifiers.organizationId, portalIdentifiers.customerId], {
      organizationId: portalIdentifiers.organizationId,
      customerId: portalIdentifiers.customerId,
      businessUnitId: customers.businessUnitId,
      customerName: customers.displayName,
      customerLanguage: customers.language,
      customerEmail: customers.email,
      kind: portalIdentifiers.kind,
      identifierHash: portalIdentifiers.identifierHash,
      unitName: businessUnits.name,
      portalSettings: businessUnits.portalSettings,
      logoFileId: businessUnits.portalLogoFileId,
    })
    .from(portalIdentifiers)
    .innerJoin(
      customers,
      and(
        eq(customers.organizationId, portalIdentifiers.organizationId),
        eq(customers.id, portalIdentifiers.customerId),
      ),
    )
    .innerJoin(
      businessUnits,
      and(
        eq(businessUnits.organizationId, customers.organizationId),
        eq(businessUnits.id, customers.businessUnitId),
      ),
    )
    .where(
      and(
        inArray(portalIdentifiers.identifierHash, [...hashes]),
        eq(customers.portalAccess, true),
        eq(businessUnits.portalEnabled, true),
        scopeOrganizationId ? eq(portalIdentifiers.organizationId, scopeOrganizationId) : undefined,
      ),
    )
    .orderBy(asc(portalIdentifiers.organizationId), asc(portalIdentifiers.customerId));
  return rows;
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
    .select({ kind: portalIdentifiers.kind })
    .from(portalIdentifiers)
    .where(
      and(
        eq(portalIdentifiers.identifierHash, identifierHash),
        eq(portalIdentifiers.organizationId, organizationId),
        eq(portalIdentifiers.customerId, customerId),
      ),
    )
    .limit(1);
  return row?.kind;
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
