import type { Executor } from "../../db/database.js";
import { CUSTOMER_REFERENCE_COUNTER, customerRepository } from "../../repositories/customers.js";

/** Formats the n-th generated reference of a unit: `C` and at least 6 digits, such as C000042. */
export function formatGeneratedReference(value: number): string {
  return `C${String(value).padStart(6, "0")}`;
}

/**
 * Takes `count` new references from the unit's counter, in order. A value whose reference is
 * already used, by a stored customer or in `reserved`, is passed over. Call it inside the
 * transaction that stores the customers: the counter row stays locked until that transaction
 * ends, so two transactions never receive the same values.
 */
export async function allocateReferences(
  tx: Executor,
  organizationId: string,
  businessUnitId: string,
  count: number,
  reserved: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const repository = customerRepository(tx, organizationId);
  const references: string[] = [];
  while (references.length < count) {
    const missing = count - references.length;
    const last = await repository.advanceCounter(businessUnitId, CUSTOMER_REFERENCE_COUNTER, missing);
    const candidates = Array.from({ length: missing }, (_, index) =>
      formatGeneratedReference(last - missing + 1 + index),
    );
    const takenReferences = new Set(await repository.listTakenReferences(businessUnitId, candidates));
    references.push(
      ...candidates.filter((reference) => !takenReferences.has(reference) && !reserved.has(reference)),
    );
  }
  return references;
}
