import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { createTestOrganization } from "../helpers/factories.js";
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

const ROW_COUNT = 10_000;

/** Builds a French Excel export of `ROW_COUNT` customers, each with its own email and mobile number. */
function largeFile(withReferences: boolean, city: string): string {
  const header = `${withReferences ? "Référence;" : ""}Nom;Prénom;Email;Portable;Adresse;Code postal;Ville;Latitude;Longitude`;
  const lines = [header];
  for (let index = 0; index < ROW_COUNT; index++) {
    const reference = withReferences ? `C${String(index + 1).padStart(6, "0")};` : "";
    lines.push(
      `${reference}Lefèvre-${index};Hélène;h.lefevre${index}@example.fr;06${String(index).padStart(8, "0")};` +
        `${index} rue de l'Église;69002;${city};45,${String(7000 + (index % 1000))};4,${String(8300 + (index % 100))}`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

describe("large customer import", () => {
  it("creates then updates 10,000 rows in one import each", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);
    const url = `/api/business-units/${organization.businessUnitId}/customer-imports`;
    const created = await app.inject({
      method: "POST",
      url,
      headers: { cookie },
      payload: {
        fileName: "clients.csv",
        contentBase64: Buffer.from(largeFile(false, "Lyon"), "utf8").toString("base64"),
        mode: "create",
      },
    });
    const updated = await app.inject({
      method: "POST",
      url,
      headers: { cookie },
      payload: {
        fileName: "clients.csv",
        contentBase64: Buffer.from(largeFile(true, "Villeurbanne"), "utf8").toString("base64"),
        mode: "update",
      },
    });

    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ created: ROW_COUNT, rejected: 0, skipped: 0 });
    expect(updated.json()).toMatchObject({ created: 0, updated: ROW_COUNT, rejected: 0, skipped: 0 });

    const last = await app.inject({
      method: "GET",
      url: `/api/business-units/${organization.businessUnitId}/customers?q=C010000`,
      headers: { cookie },
    });
    expect(last.json().items[0]).toMatchObject({
      reference: "C010000",
      displayName: "Hélène Lefèvre-9999",
      mobile: "+33600009999",
      city: "Villeurbanne",
      latitude: 45.7999,
      longitude: 4.8399,
    });
  }, 120_000);
});
