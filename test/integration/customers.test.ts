import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { addTestMember, createTestOrganization, type TestOrganization } from "../helpers/factories.js";
import { buildTestApp, signIn, type TestApp } from "../helpers/http.js";

let context: TestContext;
let app: TestApp;

beforeAll(async () => {
  context = await createTestContext();
  app = await buildTestApp(context);
});

afterAll(async () => {
  await app.close();
  await context.close();
});

interface Unit {
  organization: TestOrganization;
  cookie: string;
  base: string;
}

async function createUnit(): Promise<Unit> {
  const organization = await createTestOrganization(context);
  const cookie = await signIn(app, organization.admin.email);
  return { organization, cookie, base: `/api/business-units/${organization.businessUnitId}/customers` };
}

async function createCustomer(unit: Unit, payload: Record<string, unknown>) {
  return app.inject({ method: "POST", url: unit.base, headers: { cookie: unit.cookie }, payload });
}

describe("customer records", () => {
  it("creates a customer with the unit's defaults", async () => {
    const unit = await createUnit();

    const response = await createCustomer(unit, { firstName: " Léa ", lastName: "Dupré-Hébert" });

    expect(response.statusCode).toBe(201);
    const customer = response.json();
    expect(customer.reference).toBe("C000001");
    expect(customer.type).toBe("individual");
    expect(customer.displayName).toBe("Léa Dupré-Hébert");
    expect(customer.firstName).toBe("Léa");
    expect(customer.country).toBe("FR");
    expect(customer.language).toBe("en");
    expect(customer.portalAccess).toBe(false);
    expect(customer.located).toBe(false);
    expect(customer.latitude).toBeNull();
    expect(customer.customFields).toEqual({});
    expect(customer.createdAt).toBe("2026-03-02T08:00:00.000Z");
  });

  it("generates sequential references per business unit", async () => {
    const unit = await createUnit();
    const secondUnit = await app.inject({
      method: "POST",
      url: "/api/business-units",
      headers: { cookie: unit.cookie },
      payload: { code: "LYON", name: "Lyon", timeZone: "Europe/Paris", language: "fr", country: "FR" },
    });
    const lyonBase = `/api/business-units/${secondUnit.json().id}/customers`;

    const first = await createCustomer(unit, { lastName: "Martin" });
    const second = await createCustomer(unit, { lastName: "Bernard" });
    const explicit = await createCustomer(unit, { lastName: "Petit", reference: "C000003" });
    const afterExplicit = await createCustomer(unit, { lastName: "Durand" });
    const lyon = await app.inject({
      method: "POST",
      url: lyonBase,
      headers: { cookie: unit.cookie },
      payload: { lastName: "Moreau" },
    });

    expect(first.json().reference).toBe("C000001");
    expect(second.json().reference).toBe("C000002");
    expect(explicit.json().reference).toBe("C000003");
    expect(afterExplicit.json().reference).toBe("C000004");
    expect(lyon.json().reference).toBe("C000001");
    expect(lyon.json().language).toBe("fr");
  });

  it("rejects a reference that another customer has", async () => {
    const unit = await createUnit();
    await createCustomer(unit, { lastName: "Martin", reference: "A-17" });

    const duplicate = await createCustomer(unit, { lastName: "Bernard", reference: "A-17" });

    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe("conflict");
    expect(duplicate.json().error.details.fields).toEqual([
      {
        path: "reference",
        code: "reference_taken",
        value: "A-17",
        message: "another customer of this business unit has this reference",
      },
    ]);
  });

  it("stores national and international phone forms as E.164", async () => {
    const unit = await createUnit();

    const response = await createCustomer(unit, {
      lastName: "Dupré-Hébert",
      phone: "06 12 34 56 78",
      mobile: "+33 (0)6 12 34 56 78",
    });

    expect(response.statusCode).toBe(201);
    expect(response.json().phone).toBe("+33612345678");
    expect(response.json().mobile).toBe("+33612345678");
  });

  it("maps overseas numbers by postcode", async () => {
    const unit = await createUnit();

    const martinique = await createCustomer(unit, {
      lastName: "Laurent",
      postcode: "97200",
      phone: "0696 12 34 56",
    });
    const reunion = await createCustomer(unit, {
      lastName: "Hoarau",
      postcode: "97400",
      mobile: "0692 12 34 56",
    });

    expect(martinique.json().phone).toBe("+596696123456");
    expect(reunion.json().mobile).toBe("+262692123456");
  });

  it("rejects a phone without trunk prefix", async () => {
    const unit = await createUnit();

    const response = await createCustomer(unit, { lastName: "Martin", phone: "612345678", mobile: "06 12" });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation_failed");
    const fields = response.json().error.details.fields;
    expect(fields).toHaveLength(2);
    expect(fields[0]).toMatchObject({ path: "phone", value: "612345678", code: "missing_trunk_prefix" });
    expect(fields[0].message).toContain('Phone number "612345678" does not start with 0 or +');
    expect(fields[1]).toMatchObject({ path: "mobile", value: "06 12", code: "invalid" });
  });

  it("keeps the email as typed", async () => {
    const unit = await createUnit();
    await createCustomer(unit, { lastName: "Dupré", email: "  Lea.Dupre@Example.COM\u00a0" });

    const found = await app.inject({
      method: "GET",
      url: `${unit.base}?q=${encodeURIComponent("LEA.DUPRE@example.com")}`,
      headers: { cookie: unit.cookie },
    });

    expect(found.json().total).toBe(1);
    expect(found.json().items[0].email).toBe("Lea.Dupre@Example.COM");
  });

  it("reports every invalid field at once", async () => {
    const unit = await createUnit();
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`field ${index}`, "x"]));

    const response = await createCustomer(unit, {
      lastName: "Martin",
      email: "martin@",
      timeZone: "CET",
      country: "XX",
      customFields: tooMany,
    });

    expect(response.statusCode).toBe(400);
    const fields = response.json().error.details.fields;
    expect(fields.map((field: { path: string; code: string }) => `${field.path}:${field.code}`)).toEqual([
      "country:invalid_country",
      "email:invalid_email",
      "timeZone:invalid_time_zone",
      "customFields:too_many_custom_fields",
    ]);
    expect(fields[2].value).toBe("CET");
  });

  it("requires a name", async () => {
    const unit = await createUnit();

    const response = await createCustomer(unit, { firstName: "  ", email: "a@example.com" });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0]).toMatchObject({ path: "lastName", code: "missing_name" });
  });

  it("shows a professional by company name", async () => {
    const unit = await createUnit();

    const response = await createCustomer(unit, {
      companyName: "Boulangerie  Noël",
      firstName: "Zoé",
      lastName: "Bœuf",
    });

    expect(response.json().type).toBe("professional");
    expect(response.json().displayName).toBe("Boulangerie Noël");
  });

  it("takes portal access from the unit's default", async () => {
    const unit = await createUnit();
    await app.inject({
      method: "PATCH",
      url: `/api/business-units/${unit.organization.businessUnitId}`,
      headers: { cookie: unit.cookie },
      payload: { portalAccessByDefault: true },
    });

    const defaulted = await createCustomer(unit, { lastName: "Martin" });
    const explicit = await createCustomer(unit, { lastName: "Bernard", portalAccess: false });

    expect(defaulted.json().portalAccess).toBe(true);
    expect(explicit.json().portalAccess).toBe(false);
  });

  it("changes only the fields a PATCH gives", async () => {
    const unit = await createUnit();
    const created = await createCustomer(unit, {
      firstName: "Léa",
      lastName: "Dupré",
      phone: "06 12 34 56 78",
      city: "Évry",
      customFields: { contract: "P-12" },
    });
    context.clock.advanceSeconds(60);

    const response = await app.inject({
      method: "PATCH",
      url: `${unit.base}/${created.json().id}`,
      headers: { cookie: unit.cookie },
      payload: { lastName: "Dupré-Hébert", city: null, timeZone: "America/Martinique" },
    });

    expect(response.statusCode).toBe(200);
    const customer = response.json();
    expect(customer.displayName).toBe("Léa Dupré-Hébert");
    expect(customer.city).toBeNull();
    expect(customer.phone).toBe("+33612345678");
    expect(customer.timeZone).toBe("America/Martinique");
    expect(customer.customFields).toEqual({ contract: "P-12" });
    expect(customer.reference).toBe(created.json().reference);
    expect(customer.updatedAt).not.toBe(created.json().updatedAt);
  });

  it("rejects a lone latitude", async () => {
    const unit = await createUnit();
    const created = await createCustomer(unit, { lastName: "Martin" });

    const response = await app.inject({
      method: "PATCH",
      url: `${unit.base}/${created.json().id}`,
      headers: { cookie: unit.cookie },
      payload: { latitude: 48.6238, city: "Évry" },
    });
    const unchanged = await app.inject({
      method: "GET",
      url: `${unit.base}/${created.json().id}`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toEqual([
      {
        path: "longitude",
        code: "incomplete_coordinates",
        value: 48.6238,
        message: "give both latitude and longitude, or neither",
      },
    ]);
    expect(unchanged.json().city).toBeNull();
  });

  it("rejects a latitude out of range with its path", async () => {
    const unit = await createUnit();

    const response = await createCustomer(unit, { lastName: "Martin", latitude: 91, longitude: 2 });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe("latitude");
    expect(response.json().error.details.fields[0].message).toBe("use decimal degrees from -90 to 90");
  });

  it("places and removes the map pin", async () => {
    const unit = await createUnit();
    const created = await createCustomer(unit, { lastName: "Martin" });
    const url = `${unit.base}/${created.json().id}/location`;

    const placed = await app.inject({
      method: "PUT",
      url,
      headers: { cookie: unit.cookie },
      payload: { latitude: 44.8378, longitude: -0.5792 },
    });
    const removed = await app.inject({
      method: "PUT",
      url,
      headers: { cookie: unit.cookie },
      payload: { latitude: null, longitude: null },
    });

    expect(placed.statusCode).toBe(200);
    expect(placed.json().located).toBe(true);
    expect(placed.json().latitude).toBe(44.8378);
    expect(placed.json().longitude).toBe(-0.5792);
    expect(removed.json().located).toBe(false);
  });

  it("deletes a customer", async () => {
    const unit = await createUnit();
    const created = await createCustomer(unit, { lastName: "Martin" });
    const url = `${unit.base}/${created.json().id}`;

    const deleted = await app.inject({ method: "DELETE", url, headers: { cookie: unit.cookie } });
    const again = await app.inject({ method: "DELETE", url, headers: { cookie: unit.cookie } });
    const read = await app.inject({ method: "GET", url, headers: { cookie: unit.cookie } });

    expect(deleted.statusCode).toBe(204);
    expect(again.statusCode).toBe(404);
    expect(read.statusCode).toBe(404);
  });
});

describe("customer list", () => {
  async function createFive(unit: Unit) {
    await createCustomer(unit, { firstName: "Léa", lastName: "Dupré-Hébert", phone: "06 12 34 56 78" });
    await createCustomer(unit, {
      firstName: "Hélène",
      lastName: "Fabre",
      latitude: 45.4397,
      longitude: 4.3872,
    });
    await createCustomer(unit, { companyName: "Électricité Noël", reference: "PRO-9" });
    await createCustomer(unit, { firstName: "Zoé", lastName: "Bœuf", email: "zoe.boeuf@example.org" });
    await createCustomer(unit, { firstName: "Ana", lastName: "Zapata" });
  }

  async function list(unit: Unit, query: string) {
    const response = await app.inject({
      method: "GET",
      url: `${unit.base}?${query}`,
      headers: { cookie: unit.cookie },
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: { displayName: string }[]; total: number };
  }

  it("sorts by name without regard to accents", async () => {
    const unit = await createUnit();
    await createFive(unit);

    const page = await list(unit, "");

    expect(page.items.map((item) => item.displayName)).toEqual([
      "Ana Zapata",
      "Électricité Noël",
      "Hélène Fabre",
      "Léa Dupré-Hébert",
      "Zoé Bœuf",
    ]);
    expect(page.total).toBe(5);
  });

  it.each([
    ["dupre", ["Léa Dupré-Hébert"]],
    ["ELECTRICITE", ["Électricité Noël"]],
    ["pro-9", ["Électricité Noël"]],
    ["zoe.boeuf@", ["Zoé Bœuf"]],
    ["+33 6 12 34 56 78", ["Léa Dupré-Hébert"]],
    ["06 12 34", ["Léa Dupré-Hébert"]],
    ["50%", []],
  ])("finds %s", async (q, names) => {
    const unit = await createUnit();
    await createFive(unit);

    const page = await list(unit, `q=${encodeURIComponent(q)}`);

    expect(page.items.map((item) => item.displayName)).toEqual(names);
    expect(page.total).toBe(names.length);
  });

  it("filters located customers", async () => {
    const unit = await createUnit();
    await createFive(unit);

    const located = await list(unit, "located=true");
    const notLocated = await list(unit, "located=false");

    expect(located.items.map((item) => item.displayName)).toEqual(["Hélène Fabre"]);
    expect(notLocated.total).toBe(4);
  });

  it("pages with limit and offset", async () => {
    const unit = await createUnit();
    await createFive(unit);

    const page = await list(unit, "limit=2&offset=2");

    expect(page.items.map((item) => item.displayName)).toEqual(["Hélène Fabre", "Léa Dupré-Hébert"]);
    expect(page.total).toBe(5);
  });
});

describe("customer access", () => {
  it("hides another organization's customer", async () => {
    const unitA = await createUnit();
    const unitB = await createUnit();
    const created = await createCustomer(unitA, { lastName: "Martin" });
    const id = created.json().id;

    const readThroughOwnUnit = await app.inject({
      method: "GET",
      url: `${unitB.base}/${id}`,
      headers: { cookie: unitB.cookie },
    });
    const readThroughTheirUnit = await app.inject({
      method: "GET",
      url: `${unitA.base}/${id}`,
      headers: { cookie: unitB.cookie },
    });
    const update = await app.inject({
      method: "PATCH",
      url: `${unitB.base}/${id}`,
      headers: { cookie: unitB.cookie },
      payload: { lastName: "Pirate" },
    });
    const remove = await app.inject({
      method: "DELETE",
      url: `${unitB.base}/${id}`,
      headers: { cookie: unitB.cookie },
    });
    const unchanged = await app.inject({
      method: "GET",
      url: `${unitA.base}/${id}`,
      headers: { cookie: unitA.cookie },
    });

    expect(readThroughOwnUnit.statusCode).toBe(404);
    expect(readThroughTheirUnit.statusCode).toBe(404);
    expect(update.statusCode).toBe(404);
    expect(remove.statusCode).toBe(404);
    expect(unchanged.json().lastName).toBe("Martin");
  });

  it("lets a field worker read but not write", async () => {
    const unit = await createUnit();
    const created = await createCustomer(unit, { lastName: "Martin" });
    const worker = await addTestMember(context, unit.organization, ["field_worker"], {
      passwordChosen: true,
    });
    const cookie = await signIn(app, worker.email);

    const list = await app.inject({ method: "GET", url: unit.base, headers: { cookie } });
    const read = await app.inject({
      method: "GET",
      url: `${unit.base}/${created.json().id}`,
      headers: { cookie },
    });
    const create = await app.inject({
      method: "POST",
      url: unit.base,
      headers: { cookie },
      payload: { lastName: "X" },
    });
    const update = await app.inject({
      method: "PATCH",
      url: `${unit.base}/${created.json().id}`,
      headers: { cookie },
      payload: { lastName: "X" },
    });
    const exported = await app.inject({ method: "GET", url: `${unit.base}/export.csv`, headers: { cookie } });

    expect(list.statusCode).toBe(200);
    expect(read.statusCode).toBe(200);
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe("forbidden");
    expect(update.statusCode).toBe(403);
    expect(exported.statusCode).toBe(403);
  });

  it("lets a planner write", async () => {
    const unit = await createUnit();
    const planner = await addTestMember(context, unit.organization, ["planner"], { passwordChosen: true });
    const cookie = await signIn(app, planner.email);

    const response = await app.inject({
      method: "POST",
      url: unit.base,
      headers: { cookie },
      payload: { lastName: "Martin" },
    });

    expect(response.statusCode).toBe(201);
  });
});
