import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import {
  estimateTravel,
  type Point,
  type Travel,
  type TravelEstimateSettings,
} from "../../src/domain/scheduling/travel.js";
import {
  createOsrmClient,
  createTravelProviders,
  estimateProvider,
  type OsrmClientOptions,
  type TravelPair,
} from "../../src/integrations/travel/index.js";

/**
 * A local stand-in for osrm-routed's table service. It reads the coordinates from the path and
 * the sources and destinations from the query, as OSRM does, and fills each cell with a
 * formula so that tests can state exact results:
 * - distance in metres = round(|Δlongitude| × 100 000 + |Δlatitude| × 200 000),
 * - duration in seconds = metres ÷ 10, plus 30 when the trip goes west,
 * - both are null when either point has latitude 47.5, an island without a ferry.
 */
let server: Server;
let baseUrl: string;
let handler: Handler;
let requests: ReceivedRequest[] = [];
let inFlight = 0;
let maxInFlight = 0;

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

interface ReceivedRequest {
  /** Path and query exactly as sent. */
  url: string;
  coordinates: [longitude: number, latitude: number][];
  authorization: string | undefined;
}

const ISLAND_LATITUDE = 47.5;

beforeAll(async () => {
  handler = answerTable;
  server = createServer((request, response) => {
    requests.push({
      url: request.url ?? "",
      coordinates: parseCoordinates(request.url ?? ""),
      authorization: request.headers.authorization,
    });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on("close", () => {
      inFlight -= 1;
    });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  requests = [];
  maxInFlight = 0;
  handler = answerTable;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function parseCoordinates(url: string): [number, number][] {
  const path = new URL(url, "http://osrm.test").pathname;
  const list = path.slice(path.lastIndexOf("/") + 1);
  return list.split(";").map((text) => {
    const [longitude, latitude] = text.split(",").map(Number);
    return [longitude!, latitude!];
  });
}

function answerJson(status: number, body: unknown): Handler {
  return (_request, response) => {
    response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    response.end(JSON.stringify(body));
  };
}

function answerTable(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? "", "http://osrm.test");
  const match = /\/table\/v1\/driving\/([^/]+)$/.exec(url.pathname);
  const coordinates = parseCoordinates(request.url ?? "");
  const indexes = (name: string) => (url.searchParams.get(name) ?? "").split(";").map(Number);
  const sources = indexes("sources");
  const destinations = indexes("destinations");
  const valid =
    match !== null &&
    url.searchParams.get("annotations") === "duration,distance" &&
    coordinates.every(([longitude, latitude]) => Number.isFinite(longitude) && Number.isFinite(latitude)) &&
    [...sources, ...destinations].every((index) => Number.isInteger(index) && index < coordinates.length);
  if (!valid) {
    answerJson(400, { code: "InvalidQuery", message: "Query string malformed" })(request, response);
    return;
  }

  const cell = (source: number, destination: number) => {
    const [fromLongitude, fromLatitude] = coordinates[source]!;
    const [toLongitude, toLatitude] = coordinates[destination]!;
    if (fromLatitude === ISLAND_LATITUDE || toLatitude === ISLAND_LATITUDE)
      return { seconds: null, metres: null };
    const metres = Math.round(
      Math.abs(toLongitude - fromLongitude) * 100_000 + Math.abs(toLatitude - fromLatitude) * 200_000,
    );
    return { seconds: metres / 10 + (toLongitude < fromLongitude ? 30 : 0), metres };
  };
  answerJson(200, {
    code: "Ok",
    durations: sources.map((source) => destinations.map((destination) => cell(source, destination).seconds)),
    distances: sources.map((source) => destinations.map((destination) => cell(source, destination).metres)),
  })(request, response);
}

function delayed(milliseconds: number, next: Handler): Handler {
  return (request, response) => {
    const timer = setTimeout(() => next(request, response), milliseconds);
    response.on("close", () => clearTimeout(timer));
  };
}

/** Creates a pino logger that keeps its lines in memory, parsed. */
function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function point(longitude: number, latitude: number): Point {
  return { latitude, longitude };
}

const UNIT_SETTINGS: TravelEstimateSettings = { roadFactor: 1.4, averageSpeedKmh: 30, overheadMinutes: 3 };

function osrmProvider(options: Partial<OsrmClientOptions> = {}) {
  const { logger, lines } = memoryLogger();
  const client = createOsrmClient({ baseUrl, timeoutMs: 2000, logger, ...options });
  return { provider: client.provider(estimateProvider(UNIT_SETTINGS)), lines };
}

function estimates(pairs: readonly TravelPair[]): Travel[] {
  return pairs.map(([from, to]) => estimateTravel(from, to, UNIT_SETTINGS));
}

// Points of the tests, as (longitude, latitude).
const X = point(2, 48);
const A = point(2.01, 48);
const B = point(2, 48.0125);
const C = point(2.0333, 48.0041);
const D = point(1.99, 47.99);
const Y = point(2.1, 48.1);
const E = point(2.12, 48.1);
const F = point(2.1, 48.07);
const G = point(2.2, 48.2);
const H = point(2.17, 48.21);
const I = point(2.3, 48.3);
const J = point(2.3049, 48.3);
const ISLAND = point(2.5, ISLAND_LATITUDE);

const TABLE_QUERY = "annotations=duration,distance";

describe("OSRM client batching", () => {
  it("groups pairs and converts the table", async () => {
    const { provider } = osrmProvider({ maxCoordinatesPerRequest: 4 });
    const pairs: TravelPair[] = [
      [A, X],
      [Y, E],
      [G, H],
      [B, X],
      [C, X],
      [Y, F],
      [D, X],
      [I, J],
      [A, X],
      [A, A],
    ];

    const travels = await provider.travel(pairs);

    expect(provider.name).toBe("osrm");
    // Values from the formula of the stand-in server, worked by hand: metres, then seconds.
    expect(travels).toEqual([
      { minutes: 3, km: 1 }, // A→X: 1000 m, 100 + 30 s (west)
      { minutes: 4, km: 2 }, // Y→E: 2000 m, 200 s
      { minutes: 9, km: 5 }, // G→H: 3000 + 2000 m, 500 + 30 s
      { minutes: 5, km: 2.5 }, // B→X: 2500 m, 250 s
      { minutes: 8, km: 4.2 }, // C→X: 3330 + 820 m, 415 + 30 s
      { minutes: 10, km: 6 }, // Y→F: 6000 m, 600 s
      { minutes: 5, km: 3 }, // D→X: 1000 + 2000 m, 300 s
      { minutes: 1, km: 0.5 }, // I→J: 490 m, 49 s
      { minutes: 3, km: 1 }, // A→X again
      { minutes: 0, km: 0 }, // A→A
    ]);
    // Three origins to X fill a request of 4, so D→X joins the diagonal requests of two pairs each.
    expect(requests.map((request) => request.url).sort()).toEqual([
      `/table/v1/driving/2.01,48;2,48.0125;2.0333,48.0041;2,48?sources=0;1;2&destinations=3&${TABLE_QUERY}`,
      `/table/v1/driving/2.1,48.1;2.12,48.1;2.1,48.07?sources=0&destinations=1;2&${TABLE_QUERY}`,
      `/table/v1/driving/2.2,48.2;1.99,47.99;2.17,48.21;2,48?sources=0;1&destinations=2;3&${TABLE_QUERY}`,
      `/table/v1/driving/2.3,48.3;2.3049,48.3?sources=0&destinations=1&${TABLE_QUERY}`,
    ]);
    for (const request of requests) expect(request.coordinates.length).toBeLessThanOrEqual(4);
  });

  it("splits a large group at 100 coordinates by default", async () => {
    const { provider } = osrmProvider();
    const origins = Array.from({ length: 150 }, (_unused, index) => point(2 + index * 0.001, 48));
    const pairs: TravelPair[] = origins.map((origin) => [origin, point(1.9, 48)]);

    const travels = await provider.travel(pairs);

    expect(requests.map((request) => request.coordinates.length).sort((a, b) => a - b)).toEqual([52, 100]);
    // The first origin is 0.1° east of the destination: 10 000 m, 1000 + 30 s.
    expect(travels[0]).toEqual({ minutes: 18, km: 10 });
    // The last origin is 0.249° east: 24 900 m, 2490 + 30 s.
    expect(travels[149]).toEqual({ minutes: 42, km: 24.9 });
  });

  it("keeps at most 4 requests in flight", async () => {
    handler = delayed(100, answerTable);
    const { provider } = osrmProvider({ maxCoordinatesPerRequest: 2 });
    const pairs: TravelPair[] = Array.from({ length: 10 }, (_unused, index) => [
      point(3 + index * 0.01, 48),
      point(4 + index * 0.01, 48),
    ]);

    const travels = await provider.travel(pairs);

    expect(requests).toHaveLength(10);
    expect(maxInFlight).toBe(4);
    // 1° east: 100 000 m, 10 000 s.
    expect(travels).toEqual(Array.from({ length: 10 }, () => ({ minutes: 167, km: 100 })));
  });
});

describe("OSRM client cache", () => {
  it("returns repeated pairs without requests", async () => {
    const { provider } = osrmProvider();
    const pairs: TravelPair[] = [
      [A, X],
      [Y, F],
    ];
    const first = await provider.travel(pairs);
    expect(requests).toHaveLength(1);

    const second = await provider.travel(pairs);
    const nearby = await provider.travel([
      [point(2.010001, 48.000004), X],
      [Y, point(2.1, 48.070002)],
    ]);

    expect(requests).toHaveLength(1);
    expect(second).toEqual(first);
    expect(nearby).toEqual(first);
  });

  it("evicts the least recently used pair", async () => {
    const { provider } = osrmProvider({ cacheEntries: 2 });
    await provider.travel([[A, X]]);
    await provider.travel([[B, X]]);
    await provider.travel([[A, X]]);
    await provider.travel([[C, X]]);
    expect(requests).toHaveLength(3);

    await provider.travel([[A, X]]);
    expect(requests).toHaveLength(3);

    await provider.travel([[B, X]]);
    expect(requests).toHaveLength(4);
  });

  it("shares one cache between providers", async () => {
    const { logger } = memoryLogger();
    const client = createOsrmClient({ baseUrl, timeoutMs: 2000, logger });
    const first = client.provider(estimateProvider(UNIT_SETTINGS));
    const second = client.provider(estimateProvider());

    await first.travel([[A, X]]);
    const travels = await second.travel([[A, X]]);

    expect(requests).toHaveLength(1);
    expect(travels).toEqual([{ minutes: 3, km: 1 }]);
  });
});

describe("OSRM client fallback", () => {
  it("estimates pairs after a timeout", async () => {
    handler = delayed(1000, answerTable);
    const { provider, lines } = osrmProvider({ timeoutMs: 100 });
    const pairs: TravelPair[] = [
      [Y, E],
      [Y, F],
    ];

    const travels = await provider.travel(pairs);

    expect(travels).toEqual(estimates(pairs));
    expect(travels).not.toEqual([
      { minutes: 4, km: 2 },
      { minutes: 10, km: 6 },
    ]);
    // The server shares this process's event loop: on a busy machine it may read the request only
    // after the client gave up, so the test waits for it rather than assume it arrived in time.
    const deadline = Date.now() + 5_000;
    while (requests.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, event: "osrm_failed", failure: "timeout", pairs: 2 });
    expect((lines[0]!.err as { message: string }).message).toBe(
      "The OSRM table request timed out after 100 ms.",
    );
  });

  it("requests estimated pairs again", async () => {
    handler = answerJson(500, {});
    const { provider } = osrmProvider();
    await provider.travel([[A, X]]);

    handler = answerTable;
    const travels = await provider.travel([[A, X]]);

    // Only this test asks for A: a late request of an earlier test does not count.
    expect(
      requests.filter((request) => request.coordinates.some(([longitude]) => longitude === A.longitude)),
    ).toHaveLength(2);
    expect(travels).toEqual([{ minutes: 3, km: 1 }]);
  });

  const failures: {
    name: string;
    handler: () => Handler;
    fields: Record<string, unknown>;
    message: string;
  }[] = [
    {
      name: "HTTP 500",
      handler: () => answerJson(500, { error: "internal" }),
      fields: { failure: "http_status", status: 500 },
      message: "The OSRM server returned HTTP 500.",
    },
    {
      name: "InvalidQuery code",
      handler: () =>
        answerJson(400, { code: "InvalidQuery", message: "Query string malformed close to position 4" }),
      fields: { failure: "osrm_error", status: 400, osrmCode: "InvalidQuery" },
      message:
        "The OSRM server rejected the table request with HTTP 400 and code InvalidQuery: Query string malformed close to position 4.",
    },
    {
      name: "error code with HTTP 200",
      handler: () => answerJson(200, { code: "NoTable", message: "No table found" }),
      fields: { failure: "osrm_error", status: 200, osrmCode: "NoTable" },
      message: "The OSRM server rejected the table request with HTTP 200 and code NoTable: No table found.",
    },
    {
      name: "body that is not JSON",
      handler: () => (_request, response) => response.end("<html>proxy error</html>"),
      fields: { failure: "invalid_response", status: 200 },
      message: "The OSRM server returned a body that is not JSON.",
    },
    {
      name: "missing distances",
      handler: () => answerJson(200, { code: "Ok", durations: [[60], [60]] }),
      fields: { failure: "invalid_response", status: 200 },
      message:
        "The OSRM server returned JSON that is not a table response: distances: Invalid input: expected array, received undefined.",
    },
    {
      name: "table of the wrong size",
      handler: () => answerJson(200, { code: "Ok", durations: [[60]], distances: [[1000]] }),
      fields: { failure: "invalid_response", status: 200 },
      message: "The OSRM server returned a table that is not 2 × 1, the size of the request.",
    },
  ];

  for (const failure of failures) {
    it(`estimates pairs after ${failure.name}`, async () => {
      handler = failure.handler();
      const { provider, lines } = osrmProvider();
      const pairs: TravelPair[] = [
        [A, X],
        [B, X],
      ];

      const travels = await provider.travel(pairs);

      expect(travels).toEqual(estimates(pairs));
      expect(requests).toHaveLength(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 40, event: "osrm_failed", pairs: 2, ...failure.fields });
      expect((lines[0]!.err as { message: string }).message).toBe(failure.message);
    });
  }

  it("estimates pairs after a refused connection", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { provider, lines } = osrmProvider({ baseUrl: `http://127.0.0.1:${port}` });
    const pairs: TravelPair[] = [[A, X]];

    const travels = await provider.travel(pairs);

    expect(travels).toEqual(estimates(pairs));
    expect(lines[0]).toMatchObject({ level: 40, event: "osrm_failed", failure: "network", pairs: 1 });
    expect((lines[0]!.err as { message: string }).message).toBe(
      `The OSRM table request failed: connect ECONNREFUSED 127.0.0.1:${port}.`,
    );
  });

  it("estimates only the pair without a route", async () => {
    const { provider, lines } = osrmProvider();
    const pairs: TravelPair[] = [
      [A, X],
      [A, ISLAND],
    ];

    const travels = await provider.travel(pairs);

    expect(travels).toEqual([{ minutes: 3, km: 1 }, estimateTravel(A, ISLAND, UNIT_SETTINGS)]);
    expect(requests.map((request) => request.url)).toEqual([
      `/table/v1/driving/2.01,48;2,48;2.5,47.5?sources=0&destinations=1;2&${TABLE_QUERY}`,
    ]);
    expect(lines).toEqual([]);

    await provider.travel(pairs);

    expect(requests.map((request) => request.url).slice(1)).toEqual([
      `/table/v1/driving/2.01,48;2.5,47.5?sources=0&destinations=1&${TABLE_QUERY}`,
    ]);
  });

  it("estimates invalid coordinates without a request", async () => {
    const { provider } = osrmProvider();
    const pairs: TravelPair[] = [
      [point(Number.NaN, 48), X],
      [point(2, 91), X],
    ];

    const travels = await provider.travel(pairs);

    expect(travels).toEqual(estimates(pairs));
    expect(requests).toEqual([]);
  });
});

describe("OSRM client failure log", () => {
  it("logs one warning per burst and the recovery", async () => {
    let now = 1_000_000;
    handler = answerJson(500, {});
    const { provider, lines } = osrmProvider({ now: () => now });

    await provider.travel([[A, X]]);
    now += 1000;
    await provider.travel([
      [B, X],
      [C, X],
    ]);
    now += 1000;
    await provider.travel([[D, X]]);
    now += 1000;
    handler = answerTable;
    await provider.travel([[A, X]]);

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 40,
      event: "osrm_failed",
      failure: "http_status",
      status: 500,
      pairs: 1,
      osrmUrl: baseUrl,
    });
    expect(lines[1]).toMatchObject({
      level: 30,
      event: "osrm_recovered",
      failedRequests: 3,
      durationMs: 3000,
      osrmUrl: baseUrl,
      msg: "OSRM table requests succeed again after 3 failed requests",
    });
  });

  it("starts a new burst after a recovery", async () => {
    handler = answerJson(500, {});
    const { provider, lines } = osrmProvider();

    await provider.travel([[A, X]]);
    handler = answerTable;
    await provider.travel([[B, X]]);
    handler = answerJson(503, {});
    await provider.travel([[C, X]]);

    expect(lines.map((line) => [line.level, line.event, line.status])).toEqual([
      [40, "osrm_failed", 500],
      [30, "osrm_recovered", undefined],
      [40, "osrm_failed", 503],
    ]);
  });

  it("reminds every 5 minutes of a long burst", async () => {
    let now = 0;
    handler = answerJson(500, {});
    const { provider, lines } = osrmProvider({ now: () => now });

    await provider.travel([[A, X]]);
    now = 4 * 60_000;
    await provider.travel([[A, X]]);
    now = 5 * 60_000;
    await provider.travel([[A, X]]);
    now = 6 * 60_000;
    await provider.travel([[A, X]]);

    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 40, event: "osrm_failed" });
    expect(lines[1]).toMatchObject({
      level: 40,
      event: "osrm_still_failing",
      failedRequests: 3,
      durationMs: 5 * 60_000,
      failure: "http_status",
    });
  });

  it("sends credentials as Basic authentication", async () => {
    handler = answerJson(500, {});
    const { provider, lines } = osrmProvider({
      baseUrl: `${baseUrl.replace("//", "//rondo:s3cret%21pass@")}/osrm/`,
    });

    await provider.travel([[A, X]]);
    handler = answerTable;
    await provider.travel([[A, X]]);

    expect(requests[0]!.url).toBe(
      `/osrm/table/v1/driving/2.01,48;2,48?sources=0&destinations=1&${TABLE_QUERY}`,
    );
    expect(requests[0]!.authorization).toBe(`Basic ${Buffer.from("rondo:s3cret!pass").toString("base64")}`);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.osrmUrl).toBe(`${baseUrl}/osrm`);
    expect(JSON.stringify(lines)).not.toContain("s3cret");
    expect(JSON.stringify(lines)).not.toContain("rondo:");
  });
});

describe("travel providers", () => {
  const secretKey = "k".repeat(32);

  it("use the estimate unless OSRM_URL is set", async () => {
    const config = loadConfig({ NODE_ENV: "test", SECRET_KEY: secretKey });
    const { logger } = memoryLogger();
    const provider = createTravelProviders(config, logger).forUnit(UNIT_SETTINGS);
    const pairs: TravelPair[] = [[A, X]];

    const travels = await provider.travel(pairs);

    expect(config.osrmUrl).toBeUndefined();
    expect(config.osrmTimeoutMs).toBe(3000);
    expect(provider.name).toBe("estimate");
    expect(travels).toEqual(estimates(pairs));
    expect(requests).toEqual([]);
  });

  it("use OSRM with the unit's estimate as fallback", async () => {
    const config = loadConfig({
      NODE_ENV: "test",
      SECRET_KEY: secretKey,
      OSRM_URL: baseUrl,
      OSRM_TIMEOUT_MS: "500",
    });
    const { logger } = memoryLogger();
    const providers = createTravelProviders(config, logger);
    const provider = providers.forUnit(UNIT_SETTINGS);

    const routed = await provider.travel([[A, X]]);
    const estimated = await provider.travel([[A, ISLAND]]);

    expect(config.osrmTimeoutMs).toBe(500);
    expect(provider.name).toBe("osrm");
    expect(routed).toEqual([{ minutes: 3, km: 1 }]);
    expect(estimated).toEqual([estimateTravel(A, ISLAND, UNIT_SETTINGS)]);
  });

  it("reject an invalid OSRM configuration", () => {
    const invalid = (environment: Record<string, string>) => () =>
      loadConfig({ NODE_ENV: "test", SECRET_KEY: secretKey, ...environment });

    expect(invalid({ OSRM_URL: "ftp://osrm.example" })).toThrow(/OSRM_URL: /);
    expect(invalid({ OSRM_URL: "http://osrm.example/?key=1" })).toThrow(
      'OSRM_URL: must not contain a query string or fragment (got "http://osrm.example/?key=1")',
    );
    expect(invalid({ OSRM_URL: "http://user:hunter2@osrm.example/?k" })).toThrow(
      'OSRM_URL: must not contain a query string or fragment (got "http://user:***@osrm.example/?k")',
    );
    expect(invalid({ OSRM_TIMEOUT_MS: "99" })).toThrow(/OSRM_TIMEOUT_MS: /);
    expect(invalid({ OSRM_TIMEOUT_MS: "60001" })).toThrow(/OSRM_TIMEOUT_MS: /);
  });
});
