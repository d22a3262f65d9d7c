import { z } from "zod";
import { type GeocodeOptions, type GeocodeResult, type Geocoder, GeocoderError } from "./geocoder.js";

export interface BanGeocoderOptions {
  /** Address of the service without `/search/`, such as https://api-adresse.data.gouv.fr. */
  baseUrl: string;
  /** Time allowed for the whole request, in milliseconds. */
  timeoutMs: number;
  /** The fetch implementation, which tests may replace. */
  fetch?: typeof fetch;
}

const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === undefined || value === null || value === "" ? null : value));

/** The parts of a GeoCodeJSON FeatureCollection that the client reads. */
const banResponseSchema = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.object({
      geometry: z.object({
        type: z.literal("Point"),
        coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
      }),
      properties: z.object({
        label: z.string(),
        score: z.number(),
        postcode: optionalText,
        city: optionalText,
        housenumber: optionalText,
        street: optionalText,
      }),
    }),
  ),
});

/**
 * Client of the search endpoint of the French national address service (API Adresse of the
 * Base Adresse Nationale): `GET {baseUrl}/search/?q=…&limit=…&postcode=…`, which returns a
 * GeoJSON FeatureCollection with `[longitude, latitude]` points.
 *
 * The service filters by postcode but not by city name, so a city is added to the query text.
 */
export class BanGeocoder implements Geocoder {
  private readonly searchUrl: string;
  private readonly fetchImplementation: typeof fetch;

  constructor(private readonly options: BanGeocoderOptions) {
    this.searchUrl = `${options.baseUrl.replace(/\/+$/, "")}/search/`;
    this.fetchImplementation = options.fetch ?? fetch;
  }

  async search(query: string, options: GeocodeOptions): Promise<GeocodeResult[]> {
    const url = new URL(this.searchUrl);
    url.searchParams.set("q", queryText(query, options.city));
    url.searchParams.set("limit", String(options.limit));
    if (options.postcode) url.searchParams.set("postcode", options.postcode);

    const response = await this.request(url);
    if (!response.ok) {
      await response.body?.cancel();
      throw new GeocoderError(
        "http_status",
        `The address service returned HTTP ${response.status} for ${url.pathname}.`,
        response.status,
      );
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (isTimeout(error)) throw this.timeoutError(error);
      throw new GeocoderError(
        "invalid_response",
        "The address service returned a body that is not JSON.",
        undefined,
        {
          cause: error,
        },
      );
    }
    const parsed = banResponseSchema.safeParse(body);
    if (!parsed.success) {
      throw new GeocoderError(
        "invalid_response",
        `The address service returned JSON that is not a FeatureCollection of points: ${parsed.error.issues[0]?.message ?? "unknown problem"}.`,
      );
    }
    return parsed.data.features.map((feature) => ({
      label: feature.properties.label,
      longitude: feature.geometry.coordinates[0],
      latitude: feature.geometry.coordinates[1],
      score: feature.properties.score,
      postcode: feature.properties.postcode,
      city: feature.properties.city,
      housenumber: feature.properties.housenumber,
      street: feature.properties.street,
    }));
  }

  private timeoutError(cause: unknown): GeocoderError {
    return new GeocoderError(
      "timeout",
      `The address service did not answer within ${this.options.timeoutMs} ms.`,
      undefined,
      { cause },
    );
  }

  private async request(url: URL): Promise<Response> {
    try {
      return await this.fetchImplementation(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      if (isTimeout(error)) throw this.timeoutError(error);
      throw new GeocoderError(
        "network",
        `The address service could not be reached: ${error instanceof Error ? error.message : String(error)}.`,
        undefined,
        { cause: error },
      );
    }
  }
}

/** True for the error that fetch raises when the signal of `AbortSignal.timeout` fires. */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

function queryText(query: string, city: string | undefined): string {
  const text = query.trim();
  if (!city?.trim()) return text;
  return text.toLowerCase().includes(city.trim().toLowerCase()) ? text : `${text} ${city.trim()}`;
}
