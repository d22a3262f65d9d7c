import {
  DEFAULT_TRAVEL_SETTINGS,
  estimateTravel,
  type Point,
  type Travel,
  type TravelEstimateSettings,
} from "../../domain/scheduling/travel.js";

/** A trip from the first point to the second. */
export type TravelPair = readonly [from: Point, to: Point];

/**
 * Source of travel times and distances. The scheduling service asks for every pair it needs in
 * one call, so a provider can batch them (the OSRM client turns them into table requests).
 */
export interface TravelTimeProvider {
  /** Short name for logs and answers, such as "estimate" or "osrm". */
  readonly name: string;
  /**
   * Travel for each pair, in the order of `pairs`. Resolves for every input: a provider that
   * depends on a remote service falls back to the estimate rather than fail the search.
   */
  travel(pairs: readonly TravelPair[]): Promise<Travel[]>;
}

/** The built-in estimate from coordinates, with the business unit's settings. */
export function estimateProvider(
  settings: TravelEstimateSettings = DEFAULT_TRAVEL_SETTINGS,
): TravelTimeProvider {
  return {
    name: "estimate",
    async travel(pairs) {
      return pairs.map(([from, to]) => estimateTravel(from, to, settings));
    },
  };
}
