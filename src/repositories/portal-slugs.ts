import { and, eq } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { businessUnits, storedFiles } from "../db/schema/index.js";

/**
 * The global lookups of business units' public portal identity: the unit behind a portal address
 * slug, and its logo. They are not scoped by organization because the portal resolves
 * `/portal/<slug>` and logo addresses before the tenant is known. Slugs are unique across Rondo
 * (the unique index `business_units_portal_slug_key`).
 */

export interface PortalSlugOwner {
  organizationId: string;
  businessUnitId: string;
  slug: string;
  portalEnabled: boolean;
  unitName: string;
  portalSettings: Record<string, unknown>;
  logoFileId: string | null;
}

/** Finds the business unit whose portal has this slug, in any organization; slugs are stored lower-case. */
export async function findBusinessUnitBySlug(
  db: Executor,
  slug: string,
): Promise<PortalSlugOwner | undefined> {
  const [row] = await db
    .select({
      organizationId: businessUnits.organizationId,
      businessUnitId: businessUnits.id,
      slug: businessUnits.portalSlug,
      portalEnabled: businessUnits.portalEnabled,
      unitName: businessUnits.name,
      portalSettings: businessUnits.portalSettings,
      logoFileId: businessUnits.portalLogoFileId,
    })
    .from(businessUnits)
    .where(eq(businessUnits.portalSlug, slug))
    .limit(1);
  return row ? { ...row, slug: row.slug ?? slug } : undefined;
}

/**
 * Returns a unit's portal logo when `fileId` is its current logo and its portal is enabled, so
 * that a replaced logo, or any other stored file, is never served publicly.
 */
export async function findPublicPortalLogo(
  db: Executor,
  businessUnitId: string,
  fileId: string,
): Promise<{ contentType: string; content: Uint8Array } | undefined> {
  const [row] = await db
    .select({ contentType: storedFiles.contentType, content: storedFiles.content })
    .from(businessUnits)
    .innerJoin(
      storedFiles,
      and(
        eq(storedFiles.organizationId, businessUnits.organizationId),
        eq(storedFiles.id, businessUnits.portalLogoFileId),
      ),
    )
    .where(
      and(
        eq(businessUnits.id, businessUnitId),
        eq(businessUnits.portalEnabled, true),
        eq(businessUnits.portalLogoFileId, fileId),
      ),
    )
    .limit(1);
  return row;
}
