import type { Logger } from "pino";
import { z } from "zod";
import type { Travel } from "../../domain/scheduling/travel.js";
import type { TravelPair, TravelTimeProvider } from "./provider.js";

export interface OsrmClientOptions {
  /**
   * Address of the OSRM server without `/table/`, such as http://127.0.0.1:5000. A user and
   * password in it are sent as HTTP Basic authentication and never logged.
   */
  baseUrl: string;
  /** Profile segment of the request path. Default: "driving". */
  profile?: string;
  /** Time allowed for one table request, in milliseconds. */
  timeoutMs: number;
  /**
   * Maximum coordinates in one table request. Default: 100, the default of osrm-routed's
   * `--max-table-size`. Raise it only as far as the server's own setting.
   */
  maxCoordinatesPerRequest?: number;
  /** Maximum table requests in flight for one `travel` call. Default: 4. */
  maxConcurrentRequests?: number;
  /** Capacity of the LRU cache of OSRM results, in pairs, where 0 turns the cache off. Default: 50 000. */
  cacheEntries?: number;
  logger: Logger;
  /** The fetch implementation, which tests may replace. */
  fetch?: typeof fetch;
  /** Clock of the failure log lines, in epoch milliseconds. */
  now?: () => number;
}

/** One OSRM connection and cache, shared by the travel providers of every business unit. */
export interface OsrmClient {
  /**
   * Returns a provider named "osrm" that sends its pairs through this client and uses
   * `fallback` for the pairs that OSRM cannot route or that belong to a failed request.
   *
   * NOTE: OSRM minutes are driving time only, while the built-in estimate also adds the unit's
   * overhead minutes (parking, walking to the door) between distinct points.
   */
  provider(fallback: TravelTimeProvider): TravelTimeProvider;
}

export type OsrmFailure = "timeout" | "network" | "http_status" | "osrm_error" | "invalid_response";

/** Raised inside the client when a table request fails. The provider catches it and falls back. */
export class OsrmError extends Error {
  override readonly name = "OsrmError";

  constructor(
    readonly failure: OsrmFailure,
    message: string,
    /** The HTTP status and the OSRM `code` of the response, when there was one. */
    readonly details: { status?: number; osrmCode?: string } = {},
  ) {
    super(message);
  }
}

const DEFAULT_PROFILE = "driving";
const DEFAULT_MAX_COORDINATES = 100;
const DEFAULT_MAX_CONCURRENT_REQUESTS = 4;
const DEFAULT_CACHE_ENTRIES = 50_000;
/** Decimals kept from each coordinate in requests and cache keys. Five decimals are about 1 m. */
const COORDINATE_DECIMALS = 5;
/** While requests keep failing, a reminder line is logged at most this often. */
const FAILURE_REMINDER_MS = 5 * 60_000;

/** Creates the client. Throws on invalid options, such as a base URL with a query string. */
export function createOsrmClient(options: OsrmClientOptions): OsrmClient {
  return new OsrmTableClient(options);
}

// ---------------------------------------------------------------------------------------------
// Client: cache, request plan, fallback and failure logging

/** A pair still to request, with the input positions that asked for it. */
interface PendingPair {
  key: string;
  from: string;
  to: string;
  inputIndexes: number[];
}

/** The cell of a table request that contains the result for a pending pair. */
interface TableCell {
  pair: PendingPair;
  row: number;
  column: number;
}

interface TableRequest {
  /** `longitude,latitude` texts, in request order. */
  coordinates: string[];
  sources: number[];
  destinations: number[];
  cells: TableCell[];
}

/** Consecutive failed requests, counted until one succeeds. */
interface FailureBurst {
  startedAt: number;
  lastLoggedAt: number;
  failedRequests: number;
}

class OsrmTableClient implements OsrmClient {
  private readonly tableUrl: string;
  /** The base URL without user and password, for log lines. */
  private readonly loggedUrl: string;
  private readonly headers: Record<string, string>;
  private readonly timeoutMs: number;
  private readonly maxCoordinates: number;
  private readonly maxConcurrentRequests: number;
  private readonly cache: LruCache<Travel>;
  private readonly logger: Logger;
  private readonly fetchImplementation: typeof fetch;
  private readonly now: () => number;
  private burst: FailureBurst | undefined;

  constructor(options: OsrmClientOptions) {
    const base = parseBaseUrl(options.baseUrl);
    const profile = options.profile ?? DEFAULT_PROFILE;
    if (!/^[A-Za-z0-9._-]+$/.test(profile)) {
      throw new Error(`Invalid OSRM profile "${profile}": use letters, digits, ".", "_" or "-".`);
    }
    this.tableUrl = `${base.url}/table/v1/${profile}`;
    this.loggedUrl = base.url;
    this.headers = { accept: "application/json", ...base.headers };
    this.timeoutMs = requireInteger("timeoutMs", options.timeoutMs, 1);
    this.maxCoordinates = requireInteger(
      "maxCoordinatesPerRequest",
      options.maxCoordinatesPerRequest ?? DEFAULT_MAX_COORDINATES,
      2,
    );
    this.maxConcurrentRequests = requireInteger(
      "maxConcurrentRequests",
      options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
      1,
    );
    this.cache = new LruCache(
      requireInteger("cacheEntries", options.cacheEntries ?? DEFAULT_CACHE_ENTRIES, 0),
    );
    this.logger = options.logger;
    this.fetchImplementation = options.fetch ?? fetch;
    this.now = options.now ?? Date.now;
  }

  provider(fallback: TravelTimeProvider): TravelTimeProvider {
    return { name: "osrm", travel: (pairs) => this.travel(pairs, fallback) };
  }

  private async travel(pairs: readonly TravelPair[], fallback: TravelTimeProvider): Promise<Travel[]> {
    const results: (Travel | undefined)[] = new Array(pairs.length);
    const fallbackIndexes: number[] = [];
    const pending = new Map<string, PendingPair>();

    pairs.forEach(([from, to], index) => {
      const origin = coordinateText(from.longitude, from.latitude);
      const destination = coordinateText(to.longitude, to.latitude);
      if (origin === undefined || destination === undefined) {
        // OSRM would reject the whole request for one invalid coordinate.
        fallbackIndexes.push(index);
        return;
      }
      if (origin === destination) {
        results[index] = { minutes: 0, km: 0 };
        return;
      }
      const key = `${origin};${destination}`;
      const cached = this.cache.get(key);
      if (cached !== undefined) {
        results[index] = { ...cached };
        return;
      }
      const pair = pending.get(key) ?? { key, from: origin, to: destination, inputIndexes: [] };
      pair.inputIndexes.push(index);
      pending.set(key, pair);
    });

    const requests = planTableRequests([...pending.values()], this.maxCoordinates);
    await forEachConcurrently(requests, this.maxConcurrentRequests, async (request) => {
      const travels = await this.requestTableOrLog(request);
      request.cells.forEach((cell, position) => {
        const travel = travels?.[position];
        if (travel === undefined || travel === null) {
          fallbackIndexes.push(...cell.pair.inputIndexes);
          return;
        }
        this.cache.set(cell.pair.key, travel);
        for (const index of cell.pair.inputIndexes) results[index] = { ...travel };
      });
    });

    if (fallbackIndexes.length > 0) {
      fallbackIndexes.sort((a, b) => a - b);
      const estimates = await fallback.travel(fallbackIndexes.map((index) => pairs[index]!));
      fallbackIndexes.forEach((index, position) => {
        results[index] = estimates[position];
      });
    }
    return results as Travel[];
  }

  /** Sends one table request, and returns undefined after logging a failure. */
  private async requestTableOrLog(request: TableRequest): Promise<(Travel | null)[] | undefined> {
    try {
      const travels = await this.requestTable(request);
      this.recordSuccess();
      return travels;
    } catch (error) {
      if (!(error instanceof OsrmError)) throw error;
      this.recordFailure(error, request.cells.length);
      return undefined;
    }
  }

  /**
   * Logs the first failure of a burst with its details and counts the next ones silently,
   * apart from a reminder every FAILURE_REMINDER_MS while the burst lasts.
   */
  private recordFailure(error: OsrmError, pairCount: number): void {
    const now = this.now();
    const fields = {
      failure: error.failure,
      status: error.details.status,
      osrmCode: error.details.osrmCode,
      pairs: pairCount,
      osrmUrl: this.loggedUrl,
      err: error,
    };
    if (this.burst === undefined) {
      this.burst = { startedAt: now, lastLoggedAt: now, failedRequests: 1 };
      this.logger.warn(
        { event: "osrm_failed", ...fields },
        "OSRM table request failed, so its pairs use the travel estimate. Later failures are counted until a request succeeds",
      );
      return;
    }
    this.burst.failedRequests += 1;
    if (now - this.burst.lastLoggedAt >= FAILURE_REMINDER_MS) {
      this.burst.lastLoggedAt = now;
      this.logger.warn(
        {
          event: "osrm_still_failing",
          failedRequests: this.burst.failedRequests,
          durationMs: now - this.burst.startedAt,
          ...fields,
        },
        "OSRM table requests are still failing",
      );
    }
  }

  private recordSuccess(): void {
    if (this.burst === undefined) return;
    const { failedRequests, startedAt } = this.burst;
    this.burst = undefined;
    this.logger.info(
      {
        event: "osrm_recovered",
        failedRequests,
        durationMs: this.now() - startedAt,
        osrmUrl: this.loggedUrl,
      },
      `OSRM table requests succeed again after ${failedRequests} failed requests`,
    );
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  /** Sends one table request and returns the travel of each cell, or null where OSRM found no route. */
  private async requestTable(request: TableRequest): Promise<(Travel | null)[]> {
    const url =
      `${this.tableUrl}/${request.coordinates.join(";")}` +
      `?sources=${request.sources.join(";")}` +
      `&destinations=${request.destinations.join(";")}` +
      "&annotations=duration,distance";

    let text: string;
    let status: number;
    let ok: boolean;
    try {
      const response = await this.fetchImplementation(url, {
        headers: this.headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      ({ status, ok } = response);
      text = await response.text();
    } catch (error) {
      // The message includes the cause, which is not attached because pino would print it twice.
      if (isTimeout(error)) {
        throw new OsrmError("timeout", `The OSRM table request timed out after ${this.timeoutMs} ms.`);
      }
      throw new OsrmError("network", `The OSRM table request failed: ${describeNetworkError(error)}.`);
    }

    const body = parseJson(text);
    const errorBody = osrmErrorSchema.safeParse(body.value);
    if (errorBody.success && errorBody.data.code !== "Ok") {
      const { code, message } = errorBody.data;
      throw new OsrmError(
        "osrm_error",
        `The OSRM server rejected the table request with HTTP ${status} and code ${code}${message ? `: ${message}` : ""}.`,
        { status, osrmCode: code },
      );
    }
    if (!ok) {
      throw new OsrmError("http_status", `The OSRM server returned HTTP ${status}.`, { status });
    }
    if (!body.isJson) {
      throw new OsrmError("invalid_response", "The OSRM server returned a body that is not JSON.", {
        status,
      });
    }

    const parsed = tableResponseSchema.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new OsrmError(
        "invalid_response",
        `The OSRM server returned JSON that is not a table response: ${issue?.path.join(".") || "body"}: ${issue?.message ?? "unknown problem"}.`,
        { status },
      );
    }
    const { durations, distances } = parsed.data;
    if (!hasShape(durations, request) || !hasShape(distances, request)) {
      throw new OsrmError(
        "invalid_response",
        `The OSRM server returned a table that is not ${request.sources.length} × ${request.destinations.length}, the size of the request.`,
        { status },
      );
    }
    return request.cells.map(({ row, column }) =>
      toTravel(durations[row]![column]!, distances[row]![column]!),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Request plan

/**
 * Groups the pairs into table requests of at most `maxCoordinates` coordinates. Pairs that
 * share a destination go first (many origins to one destination), then pairs that share an
 * origin. The remaining pairs go two coordinates each, read on the diagonal of the table. A
 * group chunk that would contain a single pair moves on to the next stage.
 */
function planTableRequests(pairs: readonly PendingPair[], maxCoordinates: number): TableRequest[] {
  const requests: TableRequest[] = [];
  const afterDestinations = groupByEndpoint(pairs, "to", maxCoordinates - 1, requests);
  const afterOrigins = groupByEndpoint(afterDestinations, "from", maxCoordinates - 1, requests);
  for (const chunk of chunks(afterOrigins, Math.floor(maxCoordinates / 2))) {
    requests.push(diagonalRequest(chunk));
  }
  return requests;
}

/** Adds a request per chunk of pairs that share `endpoint`, and returns the pairs left over. */
function groupByEndpoint(
  pairs: readonly PendingPair[],
  endpoint: "from" | "to",
  maxPairsPerRequest: number,
  requests: TableRequest[],
): PendingPair[] {
  const groups = new Map<string, PendingPair[]>();
  for (const pair of pairs) {
    const group = groups.get(pair[endpoint]) ?? [];
    group.push(pair);
    groups.set(pair[endpoint], group);
  }

  const grouped = new Set<PendingPair>();
  for (const group of groups.values()) {
    for (const chunk of chunks(group, maxPairsPerRequest)) {
      if (chunk.length < 2) continue;
      requests.push(endpoint === "to" ? manyToOneRequest(chunk) : oneToManyRequest(chunk));
      for (const pair of chunk) grouped.add(pair);
    }
  }
  return pairs.filter((pair) => !grouped.has(pair));
}

function manyToOneRequest(pairs: readonly PendingPair[]): TableRequest {
  const destination = pairs.length;
  return {
    coordinates: [...pairs.map((pair) => pair.from), pairs[0]!.to],
    sources: pairs.map((_pair, index) => index),
    destinations: [destination],
    cells: pairs.map((pair, index) => ({ pair, row: index, column: 0 })),
  };
}

function oneToManyRequest(pairs: readonly PendingPair[]): TableRequest {
  return {
    coordinates: [pairs[0]!.from, ...pairs.map((pair) => pair.to)],
    sources: [0],
    destinations: pairs.map((_pair, index) => index + 1),
    cells: pairs.map((pair, index) => ({ pair, row: 0, column: index })),
  };
}

/** Builds a request of origins P1…Pk then destinations N1…Nk, so pair i is in row i, column i. */
function diagonalRequest(pairs: readonly PendingPair[]): TableRequest {
  const k = pairs.length;
  return {
    coordinates: [...pairs.map((pair) => pair.from), ...pairs.map((pair) => pair.to)],
    sources: pairs.map((_pair, index) => index),
    destinations: pairs.map((_pair, index) => k + index),
    cells: pairs.map((pair, index) => ({ pair, row: index, column: index })),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

// ---------------------------------------------------------------------------------------------
// Response parsing and conversion

const osrmErrorSchema = z.object({ code: z.string(), message: z.string().optional() });

const tableSchema = z.array(z.array(z.number().nonnegative().nullable()));

/** The parts of a successful table response that the client reads (OSRM HTTP API v1). */
const tableResponseSchema = z.object({
  code: z.literal("Ok"),
  durations: tableSchema,
  distances: tableSchema,
});

function hasShape(table: readonly (readonly unknown[])[], request: TableRequest): boolean {
  return (
    table.length === request.sources.length &&
    table.every((row) => row.length === request.destinations.length)
  );
}

/** Converts seconds and metres to whole minutes rounded up and kilometres to one decimal. */
function toTravel(seconds: number | null, metres: number | null): Travel | null {
  if (seconds === null || metres === null) return null;
  return { minutes: Math.ceil(seconds / 60), km: Math.round(metres / 100) / 10 };
}

function parseJson(text: string): { isJson: boolean; value: unknown } {
  try {
    return { isJson: true, value: JSON.parse(text) };
  } catch {
    return { isJson: false, value: undefined };
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * Returns `longitude,latitude` rounded to COORDINATE_DECIMALS, which is both the cache key and
 * the text sent to OSRM, or undefined for a coordinate outside the WGS 84 range.
 */
function coordinateText(longitude: number, latitude: number): string | undefined {
  if (!Number.isFinite(longitude) || !Number.isFinite(latitude)) return undefined;
  if (Math.abs(longitude) > 180 || Math.abs(latitude) > 90) return undefined;
  const round = (value: number) => String(Number(value.toFixed(COORDINATE_DECIMALS)));
  return `${round(longitude)},${round(latitude)}`;
}

/**
 * Splits the base URL into the address to request and a Basic authorization header, because
 * fetch rejects URLs that contain a user or password.
 */
function parseBaseUrl(baseUrl: string): { url: string; headers: Record<string, string> } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error("Invalid OSRM base URL: expected an http:// or https:// address.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`Invalid OSRM base URL: expected http:// or https://, got ${url.protocol}//.`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw new Error("Invalid OSRM base URL: remove the query string and fragment.");
  }
  const headers: Record<string, string> = {};
  if (url.username !== "" || url.password !== "") {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, "")}`, headers };
}

function requireInteger(name: string, value: number, minimum: number): number {
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(
      `Invalid OSRM client option ${name}: expected an integer of at least ${minimum}, got ${value}.`,
    );
  }
  return value;
}

/** Runs `action` on every item with at most `limit` calls in flight. */
async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  action: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await action(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** True for the error that fetch raises when the signal of `AbortSignal.timeout` fires. */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === "TimeoutError";
}

/**
 * Returns the message of the cause of a fetch error, such as "connect ECONNREFUSED
 * 127.0.0.1:5000", because the message of the error itself is only "fetch failed".
 */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}

/** Least recently used cache. A Map keeps insertion order, and a read moves the key to the end. */
class LruCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    if (this.capacity === 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
