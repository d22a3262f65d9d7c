import type { Logger } from "pino";
import type { TravelEstimateSettings } from "../../domain/scheduling/travel.js";
import { createOsrmClient } from "./osrm-client.js";
import { estimateProvider, type TravelTimeProvider } from "./provider.js";

export {
  createOsrmClient,
  type OsrmClient,
  type OsrmClientOptions,
  OsrmError,
  type OsrmFailure,
} from "./osrm-client.js";
export { estimateProvider, type TravelPair, type TravelTimeProvider } from "./provider.js";

export interface TravelProviders {
  /** Returns the provider for a business unit, whose estimate settings apply wherever OSRM gives no figure. */
  forUnit(settings: TravelEstimateSettings): TravelTimeProvider;
}

/**
 * Creates the travel providers of the server: OSRM with each unit's estimate as fallback when
 * `osrmUrl` is set, else the estimate alone. Every unit shares one OSRM client and its cache.
 */
export function createTravelProviders(
  config: { osrmUrl?: string; osrmTimeoutMs: number },
  logger: Logger,
): TravelProviders {
  const { osrmUrl } = config;
  if (osrmUrl === undefined) {
    return { forUnit: (settings) => estimateProvider(settings) };
  }
  const client = createOsrmClient({ baseUrl: osrmUrl, timeoutMs: config.osrmTimeoutMs, logger });
  return { forUnit: (settings) => client.provider(estimateProvider(settings)) };
}
