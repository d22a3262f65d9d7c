import { businessUnitRepository } from "../../repositories/business-units.js";
import { customerRepository } from "../../repositories/customers.js";
import { AppError } from "../../server/errors.js";
import type { ServiceContext } from "../context.js";
import type { PortalPrincipal } from "./session-service.js";

/** The signed-in customer, with their unit; a session waiting for a choice has none. */
export async function signedInCustomer(context: ServiceContext, principal: PortalPrincipal) {
  if (!principal.customer) throw new AppError("unauthenticated", "Choose which customer account to use.");
  const { organizationId, businessUnitId, customerId } = principal.customer;
  const [customer, unit] = await Promise.all([
    customerRepository(context.db, organizationId).findInOrganization(customerId),
    businessUnitRepository(context.db, organizationId).find(businessUnitId),
  ]);
  if (!customer || !unit) throw new AppError("portal_signed_out");
  return { customer, unit, organizationId };
}
