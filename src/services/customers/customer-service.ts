import type { Executor } from "../../db/database.js";
import { isLanguage, type Language } from "../../domain/business-units/localisation.js";
import { normalizeEmail } from "../../domain/contact/email.js";
import { normalizePhone } from "../../domain/contact/phone.js";
import type { CustomerType } from "../../domain/customers/customer.js";
import { type ExportableCustomer, formatCustomersCsv } from "../../domain/customers/export.js";
import { searchKey } from "../../domain/text/keys.js";
import { auditRepository } from "../../repositories/audit-events.js";
import { type BusinessUnitRow, businessUnitRepository } from "../../repositories/business-units.js";
import { type CustomerRow, type CustomerSearch, customerRepository } from "../../repositories/customers.js";
import { AppError, type FieldProblem, notFound } from "../../server/errors.js";
import { type Actor, requireMember, requireRole } from "../access.js";
import type { ServiceContext } from "../context.js";
import { isForeignKeyViolation, sqlState, validationError } from "../problems.js";
import { buildCustomerValues, type CustomerInput, checkReference } from "./customer-input.js";
import { allocateReferences } from "./references.js";

/** Roles that create, change and delete customers. Every member of the unit reads them. */
export const CUSTOMER_WRITE_ROLES = ["admin", "planner"] as const;

export interface CustomerListQuery {
  q?: string;
  located?: boolean;
  limit: number;
  offset: number;
}

export async function listCustomers(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  query: CustomerListQuery,
): Promise<{ rows: CustomerRow[]; total: number }> {
  requireMember(actor, businessUnitId);
  const unit = await loadUnit(context.db, actor.organizationId, businessUnitId);
  const search = query.q === undefined ? undefined : buildSearch(query.q, unit);
  return customerRepository(context.db, actor.organizationId).list(businessUnitId, {
    search,
    located: query.located,
    limit: query.limit,
    offset: query.offset,
  });
}

export async function getCustomer(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  customerId: string,
): Promise<CustomerRow> {
  requireMember(actor, businessUnitId);
  const row = await customerRepository(context.db, actor.organizationId).find(businessUnitId, customerId);
  if (!row) throw notFound("Customer not found.");
  return row;
}

/**
 * Creates a customer. Without a reference, the next one of the unit's sequence is generated
 * in the same transaction as the insert.
 */
export async function createCustomer(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  input: CustomerInput,
): Promise<CustomerRow> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  const unit = await loadUnit(context.db, actor.organizationId, businessUnitId);
  const { values, problems } = buildCustomerValues(unit, undefined, input);
  const reference = input.reference?.trim();
  const referenceProblem = input.reference === undefined ? undefined : checkReference(input.reference);
  if (referenceProblem) problems.push(referenceProblem);
  if (problems.length > 0) throw validationError(problems);

  const row = await withReferenceConflict(reference, () =>
    context.db.transaction(async (tx) => {
      const customers = customerRepository(tx, actor.organizationId);
      if (reference && (await customers.listTakenReferences(businessUnitId, [reference])).length > 0) {
        throw referenceTaken(reference);
      }
      const [chosen] = reference
        ? [reference]
        : await allocateReferences(tx, actor.organizationId, businessUnitId, 1);
      return customers.insert(businessUnitId, { ...values, reference: chosen! }, context.clock.now());
    }),
  );
  context.logger.info(
    { event: "customer_created", customerId: row.id, businessUnitId, userId: actor.userId },
    "customer created",
  );
  return row;
}

/** Changes the given fields of a customer and recomputes the display name and search key. */
export async function updateCustomer(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  customerId: string,
  input: CustomerInput,
): Promise<CustomerRow> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  const unit = await loadUnit(context.db, actor.organizationId, businessUnitId);
  const reference = input.reference?.trim();
  return withReferenceConflict(reference, () =>
    context.db.transaction(async (tx) => {
      const customers = customerRepository(tx, actor.organizationId);
      const current = await customers.find(businessUnitId, customerId);
      if (!current) throw notFound("Customer not found.");
      const { values, problems } = buildCustomerValues(unit, current, input);
      const referenceProblem = input.reference === undefined ? undefined : checkReference(input.reference);
      if (referenceProblem) problems.push(referenceProblem);
      if (problems.length > 0) throw validationError(problems);

      if (reference && reference !== current.reference) {
        if ((await customers.listTakenReferences(businessUnitId, [reference])).length > 0) {
          throw referenceTaken(reference);
        }
      }
      const updated = await customers.update(
        businessUnitId,
        customerId,
        { ...values, reference: reference || current.reference },
        context.clock.now(),
      );
      if (!updated) throw notFound("Customer not found.");
      if (updated.portalAccess !== current.portalAccess) {
        await auditRepository(tx, actor.organizationId).record({
          businessUnitId,
          actorUserId: actor.userId,
          action: "portal_access_changed",
          subjectType: "customer",
          subjectId: customerId,
          details: { portalAccess: updated.portalAccess },
          createdAt: context.clock.now(),
        });
      }
      return updated;
    }),
  );
}

/** Places the customer's map pin, or removes it when both coordinates are null. */
export async function setCustomerLocation(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  customerId: string,
  location: { latitude: number | null; longitude: number | null },
): Promise<CustomerRow> {
  return updateCustomer(context, actor, businessUnitId, customerId, location);
}

/**
 * Deletes a customer. A customer that activities refer to is kept: their foreign key rejects
 * the delete, which becomes a conflict.
 */
export async function deleteCustomer(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  customerId: string,
): Promise<void> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  let deleted: boolean;
  try {
    deleted = await customerRepository(context.db, actor.organizationId).delete(businessUnitId, customerId);
  } catch (error) {
    if (isForeignKeyViolation(error)) {
      throw new AppError("conflict", "This customer has activities, so it cannot be deleted.", {
        fields: [
          {
            path: "id",
            code: "customer_has_activities",
            value: customerId,
            message: "the customer has activities",
          },
        ],
      });
    }
    throw error;
  }
  if (!deleted) throw notFound("Customer not found.");
  context.logger.info(
    { event: "customer_deleted", customerId, businessUnitId, userId: actor.userId },
    "customer deleted",
  );
}

/**
 * Returns every customer of the unit as CSV text that the import reads back: `;` separators,
 * decimal commas and French headers for `fr`, `,` and English headers for `en`. The text starts
 * with a byte order mark, so encode it as UTF-8. Without `language`, the unit's language applies.
 */
export async function exportCustomersCsv(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  language: "en" | "fr" | undefined,
): Promise<{ csv: string; unit: BusinessUnitRow }> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  const unit = await loadUnit(context.db, actor.organizationId, businessUnitId);
  const headerLanguage = language ?? (unit.language === "fr" ? "fr" : "en");
  const rows = await customerRepository(context.db, actor.organizationId).listAll(businessUnitId);
  const csv = formatCustomersCsv(rows.map(toExportable), {
    language: headerLanguage,
    separator: headerLanguage === "fr" ? ";" : ",",
  });
  return { csv, unit };
}

function toExportable(row: CustomerRow): ExportableCustomer {
  const customer: ExportableCustomer = {
    reference: row.reference,
    type: row.type as CustomerType,
    language: (isLanguage(row.language) ? row.language : "en") as Language,
    customFields: row.customFields,
  };
  const optional: [keyof ExportableCustomer, string | number | null][] = [
    ["firstName", row.firstName],
    ["lastName", row.lastName],
    ["companyName", row.companyName],
    ["email", row.emailNormalized],
    ["emailDisplay", row.email],
    ["phone", row.phone],
    ["mobile", row.mobile],
    ["address", row.addressLine1],
    ["additionalAddress", row.addressLine2],
    ["postcode", row.postcode],
    ["city", row.city],
    ["latitude", row.latitude],
    ["longitude", row.longitude],
    ["comments", row.comments],
  ];
  for (const [key, value] of optional) {
    if (value !== null) (customer as unknown as Record<string, unknown>)[key] = value;
  }
  return customer;
}

export async function loadUnit(
  db: Executor,
  organizationId: string,
  businessUnitId: string,
): Promise<BusinessUnitRow> {
  const unit = await businessUnitRepository(db, organizationId).find(businessUnitId);
  if (!unit) throw notFound("Business unit not found.");
  return unit;
}

/**
 * Reads a search text in each form a customer column is compared in: a name key, a reference,
 * an email address, and a phone number when the text is one, in full or in part.
 */
function buildSearch(q: string, unit: BusinessUnitRow): CustomerSearch | undefined {
  const text = q.trim();
  if (text === "") return undefined;
  const phone = normalizePhone(text, { country: unit.country });
  const digits = text.replace(/[\s\u00a0.\-/()]/g, "");
  const partialNumber = /^\+?\d{3,}$/.test(digits) ? digits.replace(/^\+/, "").replace(/^0+/, "") : undefined;
  return {
    nameKey: searchKey(text),
    reference: text.toLowerCase(),
    email: normalizeEmail(text),
    phoneNumbers: phone.ok ? [phone.e164] : [],
    phoneDigits: partialNumber === "" ? undefined : partialNumber,
  };
}

function referenceTaken(reference: string): AppError {
  const problem: FieldProblem = {
    path: "reference",
    code: "reference_taken",
    value: reference,
    message: "another customer of this business unit has this reference",
  };
  return new AppError("conflict", `A customer with reference "${reference}" already exists.`, {
    fields: [problem],
  });
}

/** Turns a unique violation on the reference, from a concurrent insert, into the same conflict error. */
async function withReferenceConflict<T>(reference: string | undefined, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (sqlState(error) === "23505") throw referenceTaken(reference ?? "");
    throw error;
  }
}
