import {
  type GeocodeOptions,
  type GeocodeResult,
  GeocoderError,
} from "../../integrations/geocoding/index.js";
import { AppError } from "../../server/errors.js";
import { type Actor, requireRole } from "../access.js";
import type { ServiceContext } from "../context.js";
import { CUSTOMER_WRITE_ROLES } from "./customer-service.js";

/**
 * Searches addresses for a customer record, best match first. Fails with
 * `geocoding_unavailable` when no geocoder is configured, and with `geocoding_failed` when the
 * service times out or returns an error.
 */
export async function searchAddresses(
  context: ServiceContext,
  actor: Actor,
  businessUnitId: string,
  query: string,
  options: GeocodeOptions,
): Promise<GeocodeResult[]> {
  requireRole(actor, businessUnitId, CUSTOMER_WRITE_ROLES);
  if (!context.geocoder) {
    throw new AppError(
      "geocoding_unavailable",
      "Address search is not configured on this server; an administrator can set GEOCODER_URL.",
    );
  }
  try {
    return await context.geocoder.search(query, options);
  } catch (error) {
    if (!(error instanceof GeocoderError)) throw error;
    context.logger.warn(
      { err: error, failure: error.failure, status: error.status, businessUnitId },
      "address search failed",
    );
    throw new AppError("geocoding_failed", `${error.message} Try again later.`);
  }
}
