import type { SchedulingSettings } from "../../domain/scheduling/assistant/index.js";
import { estimateProvider, type TravelTimeProvider } from "../../integrations/travel/provider.js";
import type { ServiceContext } from "../context.js";

/** The unit's travel-time provider: the configured routing engine, or the estimate with the unit's settings. */
export function travelProviderFor(context: ServiceContext, settings: SchedulingSettings): TravelTimeProvider {
  return context.travel?.forUnit(settings.travel) ?? estimateProvider(settings.travel);
}
