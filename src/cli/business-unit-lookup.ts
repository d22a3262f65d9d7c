import {
  businessUnitRepository,
  listOrganizationIdsWithBusinessUnitCode,
} from "../repositories/business-units.js";
import { listOrganizationIdsForCommandLine } from "../repositories/customers.js";
import type { ServiceContext } from "../services/context.js";
export async function findOnlyBusinessUnit(context: ServiceContext, organizationId: string | undefined) {
  const organizationIds = organizationId
    ? [organizationId]
    : await listOrganizationIdsForCommandLine(context.db, 2);
  if (organizationIds.length === 0) throw new Error("The database has no organization yet.");
  if (organizationIds.length > 1) {
    throw new Error("Several organizations exist; name the business unit with --bu CODE.");
  }
  const units = await businessUnitRepository(context.db, organizationIds[0]!).list();
  if (units.length !== 1) {
    const codes = units.map((unit) => unit.code).join(", ");
    throw new Error(
      units.length === 0
        ? "The organization has no business unit."
        : `The organization has ${units.length} business units (${codes}); name one with --bu CODE.`,
    );
  }
  return units[0]!;
}

/** Finds a business unit by code; across organizations unless one is named, refusing ambiguity. */
export async function findBusinessUnitByCode(
  context: ServiceContext,
  code: string,
  organizationId: string | undefined,
) {
  const organizationIds = organizationId
    ? [organizationId]
    : await listOrganizationIdsWithBusinessUnitCode(context.db, code);
  if (organizationIds.length > 1) {
    throw new Error(`Several organizations have a business unit "${code}"; add --organization ID.`);
  }
  const unit = organizationIds[0]
    ? await businessUnitRepository(context.db, organizationIds[0]).findByCode(code)
    : undefined;
  if (!unit) throw new Error(`No business unit has the code "${code}".`);
  return unit;
}
