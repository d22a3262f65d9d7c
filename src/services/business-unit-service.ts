import {
  canonicalTimeZone,
  isCountry,
  isLanguage,
  isTimeZone,
} from "../domain/business-units/localisation.js";
import {
  type BusinessUnitFields,
  type BusinessUnitRow,
  businessUnitRepository,
} from "../repositories/business-units.js";
import { membershipRepository } from "../repositories/memberships.js";
import { AppError, type FieldProblem } from "../server/errors.js";
import { type Actor, isAdminSomewhere, requireMember, requireRole } from "./access.js";
import type { ServiceContext } from "./context.js";

export type BusinessUnitChanges = Partial<BusinessUnitFields>;

/** Checks the rules that a schema cannot express, reporting every problem at once. */
export function checkBusinessUnitFields(fields: BusinessUnitChanges): void {
  if (fields.timeZone !== undefined && isTimeZone(fields.timeZone))
    fields.timeZone = canonicalTimeZone(fields.timeZone);
  const problems: FieldProblem[] = [];
  if (fields.timeZone !== undefined && !isTimeZone(fields.timeZone)) {
    problems.push({
      path: "timeZone",
      code: "invalid_time_zone",
      value: fields.timeZone,
      message: `"${fields.timeZone}" is not an IANA time zone; use a name such as Europe/Paris`,
    });
  }
  if (fields.language !== undefined && !isLanguage(fields.language)) {
    problems.push({
      path: "language",
      code: "invalid_language",
      value: fields.language,
      message: "use en or fr",
    });
  }
  if (fields.country !== undefined && !isCountry(fields.country)) {
    problems.push({
      path: "country",
      code: "invalid_country",
      value: fields.country,
      message: `"${fields.country}" is not a supported ISO 3166-1 alpha-2 country code, such as FR`,
    });
  }
  const hasLatitude = fields.latitude !== undefined && fields.latitude !== null;
  const hasLongitude = fields.longitude !== undefined && fields.longitude !== null;
  if (hasLatitude !== hasLongitude && fields.latitude !== undefined && fields.longitude !== undefined) {
    problems.push({
      path: hasLatitude ? "longitude" : "latitude",
      code: "incomplete_coordinates",
      message: "give both latitude and longitude, or neither",
    });
  }
  if (problems.length > 0) {
    throw new AppError(
      "validation_failed",
      problems.map((problem) => `${problem.path}: ${problem.message}`).join("; "),
      { fields: problems },
    );
  }
}

export async function listBusinessUnits(context: ServiceContext, actor: Actor): Promise<BusinessUnitRow[]> {
  const units = await businessUnitRepository(context.db, actor.organizationId).list();
  return units.filter((unit) => actor.rolesByBusinessUnit.has(unit.id));
}

export async function getBusinessUnit(
  context: ServiceContext,
  actor: Actor,
  id: string,
): Promise<BusinessUnitRow> {
  requireMember(actor, id);
  const unit = await businessUnitRepository(context.db, actor.organizationId).find(id);
  if (!unit) throw new AppError("not_found", "Business unit not found.");
  return unit;
}

export async function updateBusinessUnit(
  context: ServiceContext,
  actor: Actor,
  id: string,
  changes: BusinessUnitChanges,
): Promise<BusinessUnitRow> {
  requireRole(actor, id, ["admin"]);
  checkBusinessUnitFields(changes);
  return context.db.transaction(async (tx) => {
    const repository = businessUnitRepository(tx, actor.organizationId);
    const current = await repository.find(id);
    if (!current) throw new AppError("not_found", "Business unit not found.");
    const latitude = changes.latitude === undefined ? current.latitude : changes.latitude;
    const longitude = changes.longitude === undefined ? current.longitude : changes.longitude;
    checkBusinessUnitFields({ latitude, longitude });
    if (changes.code !== undefined && changes.code !== current.code)
      await assertCodeFree(repository, changes.code);
    const updated = await repository.update(id, changes, context.clock.now());
    context.logger.info(
      {
        event: "business_unit_updated",
        actorId: actor.userId,
        businessUnitId: id,
        fields: Object.keys(changes),
      },
      "business unit updated",
    );
    return updated!;
  });
}

/** Creates a business unit; the creator, an admin elsewhere in the organization, becomes its admin. */
export async function createBusinessUnit(
  context: ServiceContext,
  actor: Actor,
  fields: BusinessUnitFields,
): Promise<BusinessUnitRow> {
  if (!isAdminSomewhere(actor)) throw new AppError("forbidden");
  checkBusinessUnitFields(fields);
  return context.db.transaction(async (tx) => {
    const repository = businessUnitRepository(tx, actor.organizationId);
    await assertCodeFree(repository, fields.code);
    const now = context.clock.now();
    const unit = await repository.insert(fields, now);
    await membershipRepository(tx, actor.organizationId).upsert(unit.id, actor.userId, ["admin"], now);
    return unit;
  });
}

async function assertCodeFree(
  repository: ReturnType<typeof businessUnitRepository>,
  code: string,
): Promise<void> {
  if (await repository.findByCode(code)) {
    throw new AppError("code_taken", `The code "${code}" is already used by another business unit.`, {
      fields: [
        { path: "code", code: "code_taken", value: code, message: "already used by another business unit" },
      ],
    });
  }
}
