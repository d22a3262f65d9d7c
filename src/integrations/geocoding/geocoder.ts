/** One address that a geocoder found, with its position in WGS 84 decimal degrees. */
export interface GeocodeResult {
  /** The full address as the service writes it, such as "8 Boulevard du Port 80000 Amiens". */
  label: string;
  latitude: number;
  longitude: number;
  /** The service's confidence, from 0 to 1. */
  score: number;
  postcode: string | null;
  city: string | null;
  housenumber: string | null;
  street: string | null;
}

export interface GeocodeOptions {
  /** Postcode that every result must have. */
  postcode?: string;
  /** City that narrows the search. */
  city?: string;
  /** Maximum number of results. */
  limit: number;
}

/** Turns an address typed by a person into positions, best match first. */
export interface Geocoder {
  search(query: string, options: GeocodeOptions): Promise<GeocodeResult[]>;
}

export type GeocoderFailure = "timeout" | "network" | "http_status" | "invalid_response";

/** Raised when the geocoding service cannot be reached or returns something unusable. */
export class GeocoderError extends Error {
  override readonly name = "GeocoderError";

  constructor(
    readonly failure: GeocoderFailure,
    message: string,
    /** The HTTP status, for `http_status`. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
