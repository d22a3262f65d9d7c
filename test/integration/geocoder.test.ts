import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { BanGeocoder, createGeocoder, GeocoderError } from "../../src/integrations/geocoding/index.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { addTestMember, createTestOrganization } from "../helpers/factories.js";
import { buildTestApp, signIn, type TestApp } from "../helpers/http.js";

/**
 * A search response in the form of the API Adresse, built from the "8 bd du port" example of its
 * documentation (https://adresse.data.gouv.fr/api-doc/adresse).
 */
const BAN_RESPONSE = {
  type: "FeatureCollection",
  version: "draft",
  features: [
    {
      type: "Feature",
      geometry: { type: "Point", coordinates: [2.290084, 49.897443] },
      properties: {
        label: "8 Boulevard du Port 80000 Amiens",
        score: 0.49159121588068583,
        housenumber: "8",
        id: "80021_6590_00008",
        type: "housenumber",
        name: "8 Boulevard du Port",
        postcode: "80000",
        citycode: "80021",
        x: 648952.58,
        y: 6977867.25,
        city: "Amiens",
        context: "80, Somme, Hauts-de-France",
        importance: 0.6706612694243868,
        street: "Boulevard du Port",
      },
    },
    {
      type: "Feature",
      geometry: { type: "Point", coordinates: [2.29, 49.8975] },
      properties: {
        label: "Boulevard du Port 80000 Amiens",
        score: 0.31,
        id: "80021_6590",
        type: "street",
        name: "Boulevard du Port",
        postcode: "80000",
        citycode: "80021",
        city: "Amiens",
        context: "80, Somme, Hauts-de-France",
        importance: 0.67,
        street: "Boulevard du Port",
      },
    },
  ],
  attribution: "BAN",
  licence: "ETALAB-2.0",
  query: "8 bd du port",
  limit: 2,
};

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A local stand-in for the address service. Each test sets how it responds. */
let server: Server;
let baseUrl: string;
let handler: Handler;
const requests: { url: string; accept: string | undefined }[] = [];

let context: TestContext;
let app: TestApp;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push({ url: request.url ?? "", accept: request.headers.accept });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  context = await createTestContext();
  app = await buildTestApp(context);
});

afterEach(() => {
  requests.length = 0;
  context.geocoder = undefined;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await app.close();
  await context.close();
});

function answerJson(status: number, body: unknown): Handler {
  return (_request, response) => {
    response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    response.end(JSON.stringify(body));
  };
}

describe("API Adresse client", () => {
  it("sends the query, limit and postcode and reads the features", async () => {
    handler = answerJson(200, BAN_RESPONSE);
    const geocoder = new BanGeocoder({ baseUrl, timeoutMs: 2000 });

    const results = await geocoder.search("8 bd du port", { postcode: "80000", limit: 2 });

    expect(requests).toHaveLength(1);
    const sent = new URL(requests[0]!.url, baseUrl);
    expect(sent.pathname).toBe("/search/");
    expect([...sent.searchParams.entries()]).toEqual([
      ["q", "8 bd du port"],
      ["limit", "2"],
      ["postcode", "80000"],
    ]);
    expect(requests[0]!.accept).toBe("application/json");
    expect(results).toEqual([
      {
        label: "8 Boulevard du Port 80000 Amiens",
        latitude: 49.897443,
        longitude: 2.290084,
        score: 0.49159121588068583,
        postcode: "80000",
        city: "Amiens",
        housenumber: "8",
        street: "Boulevard du Port",
      },
      {
        label: "Boulevard du Port 80000 Amiens",
        latitude: 49.8975,
        longitude: 2.29,
        score: 0.31,
        postcode: "80000",
        city: "Amiens",
        housenumber: null,
        street: "Boulevard du Port",
      },
    ]);
  });

  it("adds the city to the query and keeps a base path", async () => {
    handler = answerJson(200, { ...BAN_RESPONSE, features: [] });
    const geocoder = new BanGeocoder({ baseUrl: `${baseUrl}/geocodage/`, timeoutMs: 2000 });

    const results = await geocoder.search("12 rue de l'Église", { city: "Évry", limit: 5 });

    const sent = new URL(requests[0]!.url, baseUrl);
    expect(sent.pathname).toBe("/geocodage/search/");
    expect(sent.searchParams.get("q")).toBe("12 rue de l'Église Évry");
    expect(sent.searchParams.has("postcode")).toBe(false);
    expect(results).toEqual([]);
  });

  it("times out on a slow response", async () => {
    handler = (_request, response) => {
      setTimeout(() => answerJson(200, BAN_RESPONSE)(_request, response), 1000);
    };
    const geocoder = new BanGeocoder({ baseUrl, timeoutMs: 100 });

    const error = await geocoder.search("8 bd du port", { limit: 1 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GeocoderError);
    expect((error as GeocoderError).failure).toBe("timeout");
    expect((error as GeocoderError).message).toBe("The address service did not answer within 100 ms.");
  });

  it("reports an HTTP 500 status", async () => {
    handler = answerJson(500, { code: 500, message: "Internal server error" });
    const geocoder = new BanGeocoder({ baseUrl, timeoutMs: 2000 });

    const error = await geocoder.search("8 bd du port", { limit: 1 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GeocoderError);
    expect((error as GeocoderError).failure).toBe("http_status");
    expect((error as GeocoderError).status).toBe(500);
    expect((error as GeocoderError).message).toBe("The address service returned HTTP 500 for /search/.");
  });

  it("rejects a body that is not a FeatureCollection", async () => {
    handler = answerJson(200, { features: "none" });
    const geocoder = new BanGeocoder({ baseUrl, timeoutMs: 2000 });

    const error = await geocoder.search("8 bd du port", { limit: 1 }).catch((caught: unknown) => caught);

    expect((error as GeocoderError).failure).toBe("invalid_response");
  });

  it("reports a refused connection", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const geocoder = new BanGeocoder({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 2000 });

    const error = await geocoder.search("8 bd du port", { limit: 1 }).catch((caught: unknown) => caught);

    expect((error as GeocoderError).failure).toBe("network");
  });

  it("is off unless GEOCODER_URL is set", () => {
    const off = createGeocoder(loadConfig({ NODE_ENV: "test", SECRET_KEY: "k".repeat(32) }));
    const on = createGeocoder(
      loadConfig({ NODE_ENV: "test", SECRET_KEY: "k".repeat(32), GEOCODER_URL: baseUrl }),
    );

    expect(off).toBeUndefined();
    expect(on).toBeInstanceOf(BanGeocoder);
  });
});

describe("address search endpoint", () => {
  async function signedInUnit(roles?: ("field_worker" | "planner")[]) {
    const organization = await createTestOrganization(context);
    const email = roles
      ? (await addTestMember(context, organization, roles, { passwordChosen: true })).email
      : organization.admin.email;
    const cookie = await signIn(app, email);
    return { cookie, url: `/api/business-units/${organization.businessUnitId}/geocode` };
  }

  it("returns 503 when unconfigured", async () => {
    const unit = await signedInUnit();

    const response = await app.inject({
      method: "GET",
      url: `${unit.url}?q=8+bd+du+port`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe("geocoding_unavailable");
    expect(requests).toEqual([]);
  });

  it("returns the results of the configured geocoder", async () => {
    handler = answerJson(200, BAN_RESPONSE);
    context.geocoder = new BanGeocoder({ baseUrl, timeoutMs: 2000 });
    const unit = await signedInUnit(["planner"]);

    const response = await app.inject({
      method: "GET",
      url: `${unit.url}?q=8+bd+du+port&postcode=80000&limit=2`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().results[0]).toEqual({
      label: "8 Boulevard du Port 80000 Amiens",
      latitude: 49.897443,
      longitude: 2.290084,
      score: 0.49159121588068583,
      postcode: "80000",
      city: "Amiens",
      housenumber: "8",
      street: "Boulevard du Port",
    });
    expect(new URL(requests[0]!.url, baseUrl).searchParams.get("limit")).toBe("2");
  });

  it("returns 502 when the service fails", async () => {
    handler = answerJson(500, {});
    context.geocoder = new BanGeocoder({ baseUrl, timeoutMs: 2000 });
    const unit = await signedInUnit();

    const response = await app.inject({
      method: "GET",
      url: `${unit.url}?q=8+bd+du+port`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe("geocoding_failed");
    expect(response.json().error.message).toBe(
      "The address service returned HTTP 500 for /search/. Try again later.",
    );
  });

  it("rejects a query shorter than 3 characters", async () => {
    context.geocoder = new BanGeocoder({ baseUrl, timeoutMs: 2000 });
    const unit = await signedInUnit();

    const response = await app.inject({
      method: "GET",
      url: `${unit.url}?q=8b`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe("q");
    expect(requests).toEqual([]);
  });

  it("is closed to field workers", async () => {
    context.geocoder = new BanGeocoder({ baseUrl, timeoutMs: 2000 });
    const unit = await signedInUnit(["field_worker"]);

    const response = await app.inject({
      method: "GET",
      url: `${unit.url}?q=8+bd+du+port`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(403);
  });
});
