import type { Config } from "../../config.js";
import { BanGeocoder } from "./ban-geocoder.js";
import type { Geocoder } from "./geocoder.js";

export { BanGeocoder, type BanGeocoderOptions } from "./ban-geocoder.js";
export type { GeocodeOptions, GeocodeResult, Geocoder, GeocoderFailure } from "./geocoder.js";
export { GeocoderError } from "./geocoder.js";

/** Returns the configured geocoder, or undefined when GEOCODER_URL is not set: geocoding is then off. */
export function createGeocoder(
  config: Pick<Config, "geocoderUrl" | "geocoderTimeoutMs">,
): Geocoder | undefined {
  if (config.geocoderUrl === undefined) return undefined;
  return new BanGeocoder({ baseUrl: config.geocoderUrl, timeoutMs: config.geocoderTimeoutMs });
}
