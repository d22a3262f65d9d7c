import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { createTestOrganization, type TestOrganization } from "../helpers/factories.js";
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
  return { organization, cookie, base: `/api/business-units/${organization.businessUnitId}` };
}

/** Customers with the values that an export most easily garbles. */
const CUSTOMERS = [
  {
    firstName: "Léa",
    lastName: "Dupré-Hébert",
    email: "Lea.Dupre@Example.COM",
    phone: "06 12 34 56 78",
    addressLine1: "12 rue de l'Église",
    addressLine2: "Bâtiment B; 2e étage",
    postcode: "91000",
    city: "Évry",
    latitude: 48.6238,
    longitude: 2.441,
    language: "fr",
    comments: 'Sonner deux fois.\nChien "gentil".',
    customFields: { Contrat: "P-12", Accès: "=digicode 1234" },
  },
  {
    companyName: "Boulangerie Bœuf",
    type: "professional",
    firstName: "Zoé",
    lastName: "Bœuf",
    mobile: "0696 12 34 56",
    postcode: "97200",
    city: "Fort-de-France",
    latitude: 14.6161,
    longitude: -61.0588,
    reference: "PRO-1",
  },
  { lastName: "Nguyen", email: "nguyen@example.org", language: "en", customFields: { Contrat: "P-13" } },
];

async function createCustomers(unit: Unit) {
  for (const payload of CUSTOMERS) {
    const response = await app.inject({
      method: "POST",
      url: `${unit.base}/customers`,
      headers: { cookie: unit.cookie },
      payload,
    });
    expect(response.statusCode).toBe(201);
  }
}

async function listCustomers(unit: Unit) {
  const response = await app.inject({
    method: "GET",
    url: `${unit.base}/customers?limit=200`,
    headers: { cookie: unit.cookie },
  });
  return response.json().items as Record<string, unknown>[];
}

describe("customer export", () => {
  it("writes French headers, semicolons and decimal commas for fr", async () => {
    const unit = await createUnit();
    await createCustomers(unit);

    const response = await app.inject({
      method: "GET",
      url: `${unit.base}/customers/export.csv?language=fr`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe(
      'attachment; filename="customers-PARIS-2026-03-02.csv"',
    );
    expect(response.rawPayload.subarray(0, 3).toString("hex")).toBe("efbbbf");
    const lines = response.body.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Référence;Type;Nom;Prénom;Société;E-mail;Téléphone;Portable;Adresse;Complément d'adresse;" +
        "Code postal;Ville;Latitude;Longitude;Langue;Commentaires;Accès;Contrat",
    );
    expect(lines[1]).toBe(
      "PRO-1;professionnel;Bœuf;Zoé;Boulangerie Bœuf;;;+596 696 12 34 56;;;97200;Fort-de-France;14,6161;-61,0588;en;;;",
    );
  });

  it("writes English headers and commas for en", async () => {
    const unit = await createUnit();
    await createCustomers(unit);

    const response = await app.inject({
      method: "GET",
      url: `${unit.base}/customers/export.csv?language=en`,
      headers: { cookie: unit.cookie },
    });

    const lines = response.body.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Reference,Type,Last name,First name,Company,Email,Phone,Mobile,Address,Additional address," +
        "Postcode,City,Latitude,Longitude,Language,Comments,Accès,Contrat",
    );
    expect(lines[3]).toBe("C000002,individual,Nguyen,,,nguyen@example.org,,,,,,,,,en,,,P-13");
  });

  it.each(["fr", "en"])("reads its %s export back unchanged in update mode", async (language) => {
    const unit = await createUnit();
    await createCustomers(unit);
    const before = await listCustomers(unit);
    const exported = await app.inject({
      method: "GET",
      url: `${unit.base}/customers/export.csv?language=${language}`,
      headers: { cookie: unit.cookie },
    });
    context.clock.advanceSeconds(60);

    const imported = await app.inject({
      method: "POST",
      url: `${unit.base}/customer-imports`,
      headers: { cookie: unit.cookie },
      payload: {
        fileName: "export.csv",
        contentBase64: exported.rawPayload.toString("base64"),
        mode: "update",
      },
    });

    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ created: 0, updated: CUSTOMERS.length, skipped: 0, rejected: 0 });
    expect(imported.json().encoding).toBe("utf-8-bom");
    expect(imported.json().separator).toBe(language === "fr" ? ";" : ",");
    const after = await listCustomers(unit);
    expect(after.map(({ updatedAt, ...rest }) => rest)).toEqual(before.map(({ updatedAt, ...rest }) => rest));
    expect(after[0]!.updatedAt).not.toBe(before[0]!.updatedAt);
  });
});
