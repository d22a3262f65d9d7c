import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext, uniqueSuffix } from "../helpers/context.js";
import { addTestMember, createTestOrganization, type TestOrganization } from "../helpers/factories.js";
import { buildTestApp, signIn, type TestApp } from "../helpers/http.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/csv/", import.meta.url));

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

function fixture(name: string): Buffer {
  return readFileSync(`${FIXTURES}${name}`);
}

function fileBody(fileName: string, bytes: Buffer | string) {
  const content = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
  return { fileName, contentBase64: content.toString("base64") };
}

async function importFile(
  unit: Unit,
  fileName: string,
  bytes: Buffer | string,
  options: { mode?: string; dryRun?: boolean; mapping?: unknown } = {},
) {
  return app.inject({
    method: "POST",
    url: `${unit.base}/customer-imports`,
    headers: { cookie: unit.cookie },
    payload: { ...fileBody(fileName, bytes), mode: options.mode ?? "create", ...options },
  });
}

interface StoredCustomer {
  reference: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  addressLine1: string | null;
  postcode: string | null;
  latitude: number | null;
  longitude: number | null;
  customFields: Record<string, string>;
}

async function storedCustomers(unit: Unit): Promise<StoredCustomer[]> {
  const response = await app.inject({
    method: "GET",
    url: `${unit.base}/customers?limit=200`,
    headers: { cookie: unit.cookie },
  });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

const LEA = {
  firstName: "Léa",
  lastName: "Dupré-Hébert",
  displayName: "Léa Dupré-Hébert",
  email: "lea.dupre@example.com",
  phone: "+33612345678",
  addressLine1: "12 rue de l'Église 91000 Évry",
  latitude: 48.6238,
  longitude: 2.441,
};

const EXCEL_CUSTOMERS = [
  {
    displayName: "François Noël",
    email: "f.noel@example.org",
    phone: "+33123456789",
    city: "Évry-Courcouronnes",
    latitude: 48.6238,
    longitude: 2.441,
  },
  {
    displayName: "Hélène Fabre",
    email: "helene.fabre@example.org",
    phone: "+33477001122",
    city: "Saint-Étienne",
    latitude: 45.4397,
    longitude: 4.3872,
  },
  {
    displayName: "Zoé Bœuf",
    email: "zoe.boeuf@example.org",
    phone: "+33556001122",
    city: "Bordeaux",
    latitude: 44.8378,
    longitude: -0.5792,
  },
];

describe("customer import through the API", () => {
  it.each([
    ["bom-utf8-semicolon.csv", "utf-8-bom"],
    ["utf8-semicolon.csv", "utf-8"],
    ["utf16le-bom.csv", "utf-16le"],
  ])("imports %s with exact values", async (name, encoding) => {
    const unit = await createUnit();

    const response = await importFile(unit, name, fixture(name));

    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.encoding).toBe(encoding);
    expect(report.separator).toBe(";");
    expect(report.separatorName).toBe("semicolon");
    expect(report.headers).toEqual([
      "email",
      "nom",
      "prenom",
      "telephone",
      "adresse",
      "latitude",
      "longitude",
    ]);
    expect(report.created).toBe(1);
    expect(report.rows[0].outcome).toBe("created");
    expect(report.rows[0].reference).toBe("C000001");
    const customers = await storedCustomers(unit);
    expect(customers).toHaveLength(1);
    expect(customers[0]).toMatchObject({ ...LEA, reference: "C000001", customFields: {} });
  });

  it("imports the Excel Windows-1252 file", async () => {
    const unit = await createUnit();

    const response = await importFile(unit, "clients.csv", fixture("excel-windows-1252.csv"));

    const report = response.json();
    expect(report.encoding).toBe("windows-1252");
    expect(report.separator).toBe(";");
    expect(report.created).toBe(3);
    expect(report.rows[2].values).toEqual({
      nom: "Bœuf",
      prenom: "Zoé",
      email: "zoe.boeuf@example.org",
      telephone: "05 56 00 11 22",
      ville: "Bordeaux",
      latitude: "44,8378",
      longitude: "-0,5792",
    });
    const customers = await storedCustomers(unit);
    expect(customers.map((customer) => customer.displayName)).toEqual([
      "François Noël",
      "Hélène Fabre",
      "Zoé Bœuf",
    ]);
    customers.forEach((customer, index) => {
      expect(customer).toMatchObject(EXCEL_CUSTOMERS[index]!);
    });
  });

  it.each([
    ["mojibake-cp1252.csv", "windows-1252"],
    ["mojibake-utf8.csv", "utf-8"],
  ])("flags the mojibake of %s and stores the repaired names", async (name, encoding) => {
    const unit = await createUnit();

    const response = await importFile(unit, name, fixture(name));

    const report = response.json();
    expect(report.encoding).toBe(encoding);
    const firstRow = report.rows[0];
    expect(firstRow.values.prenom).not.toBe("Hélène");
    expect(firstRow.warnings[0]).toMatchObject({
      row: 2,
      column: "prenom",
      value: firstRow.values.prenom,
      code: "mojibake",
      repairedValue: "Hélène",
    });
    const customers = await storedCustomers(unit);
    const names = customers.map((customer) => customer.displayName);
    expect(names).toContain("Hélène Fabre");
    expect(names).toContain("Zoé Bœuf");
    expect(names.some((displayName) => displayName.includes("Ã"))).toBe(false);
    expect(customers.find((customer) => customer.displayName === "Hélène Fabre")?.city).toBe("Saint-Étienne");
  });

  it("maps overseas phone numbers by postcode", async () => {
    const unit = await createUnit();

    await importFile(unit, "outre-mer.csv", fixture("overseas-phones.csv"));

    const customers = await storedCustomers(unit);
    expect(customers.map((customer) => [customer.displayName, customer.postcode, customer.phone])).toEqual([
      ["Jean Hoarau", "97400", "+262692123456"],
      ["Marie Laurent", "97200", "+596696123456"],
    ]);
  });

  it("merges rows differing by email case", async () => {
    const unit = await createUnit();

    const response = await importFile(unit, "doublons.csv", fixture("email-case-duplicates.csv"));

    const report = response.json();
    expect(report.created).toBe(1);
    expect(report.skipped).toBe(1);
    expect(report.rows[1]).toMatchObject({
      line: 3,
      outcome: "skipped",
      reason: "duplicate_row",
      duplicateOf: 2,
      message: "Row 3 is a duplicate of row 2.",
    });
    const customers = await storedCustomers(unit);
    expect(customers).toHaveLength(1);
    expect(customers[0]!.email).toBe("Lea.Dupre@Example.COM");
    const search = await app.inject({
      method: "GET",
      url: `${unit.base}/customers?q=lea.dupre%40example.com`,
      headers: { cookie: unit.cookie },
    });
    expect(search.json().total).toBe(1);
  });

  it("rejects update mode without reference column", async () => {
    const unit = await createUnit();

    const response = await importFile(unit, "clients.csv", fixture("excel-utf8.csv"), { mode: "update" });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation_failed");
    expect(response.json().error.message).toContain('Import mode "update" matches customers by reference');
    expect(response.json().error.details.fields[0]).toMatchObject({
      path: "mode",
      code: "reference_column_required",
      value: "update",
    });
    expect(await storedCustomers(unit)).toEqual([]);
  });

  it("rejects a file without name column as a whole", async () => {
    const unit = await createUnit();

    const response = await importFile(unit, "emails.csv", "email;ville\na@example.com;Lyon\n");

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0]).toMatchObject({ path: "file", code: "no_name_column" });
  });

  it("updates only existing references in update mode", async () => {
    const unit = await createUnit();
    await importFile(
      unit,
      "first.csv",
      "Référence;Nom;Ville;Téléphone\nA1;Martin;Lyon;04 72 00 00 01\nA2;Bernard;Lyon;\n",
    );

    const response = await importFile(
      unit,
      "second.csv",
      "Référence;Nom;Ville\nA1;Martin;Villeurbanne\nA3;Petit;Bron\n",
      { mode: "update" },
    );

    const report = response.json();
    expect(report.created).toBe(0);
    expect(report.updated).toBe(1);
    expect(report.rejected).toBe(1);
    expect(report.rows[1]).toMatchObject({
      line: 3,
      outcome: "rejected",
      reason: "unknown_reference",
      reference: "A3",
      message: 'No customer has reference "A3", so row 3 cannot update one.',
    });
    const customers = await storedCustomers(unit);
    expect(customers.map((customer) => [customer.reference, customer.city, customer.phone])).toEqual([
      ["A2", "Lyon", null],
      ["A1", "Villeurbanne", "+33472000001"],
    ]);
    const download = await app.inject({
      method: "GET",
      url: `${unit.base}/customer-imports/${report.id}/report.csv`,
      headers: { cookie: unit.cookie },
    });
    expect(download.body.slice(1).split("\r\n").slice(1, 3)).toEqual([
      "2;updated;A1;;;;;;A1;Martin;Villeurbanne",
      '3;rejected;A3;error;;;unknown_reference;"No customer has reference ""A3"", so row 3 cannot update one.";A3;Petit;Bron',
    ]);
  });

  it("upserts and continues the reference sequence", async () => {
    const unit = await createUnit();
    await importFile(unit, "first.csv", "Référence;Nom\nA1;Martin\n");

    const response = await importFile(
      unit,
      "second.csv",
      "Référence;Nom;Info\nA1;Martin-Roux;VIP\n;Durand;\nC000001;Petit;\n",
      {
        mode: "upsert",
      },
    );

    const report = response.json();
    expect(
      report.rows.map((row: { outcome: string; reference: string }) => [row.outcome, row.reference]),
    ).toEqual([
      ["updated", "A1"],
      ["created", "C000002"],
      ["created", "C000001"],
    ]);
    const customers = await storedCustomers(unit);
    expect(
      customers.map((customer) => [customer.reference, customer.displayName, customer.customFields]),
    ).toEqual([
      ["C000002", "Durand", {}],
      ["A1", "Martin-Roux", { Info: "VIP" }],
      ["C000001", "Petit", {}],
    ]);
  });

  it("writes nothing in a dry run but stores the report", async () => {
    const unit = await createUnit();

    const response = await importFile(unit, "clients.csv", fixture("excel-utf8.csv"), { dryRun: true });
    const status = await app.inject({
      method: "GET",
      url: `${unit.base}/customer-imports/${response.json().id}`,
      headers: { cookie: unit.cookie },
    });

    expect(response.json()).toMatchObject({ dryRun: true, created: 3, mode: "create" });
    expect(response.json().rows[0]).toMatchObject({ outcome: "created", reference: null, customerId: null });
    expect(await storedCustomers(unit)).toEqual([]);
    expect(status.json()).toMatchObject({ status: "done", processedRows: 3, totalRows: 3 });
    expect(status.json().report.dryRun).toBe(true);
  });

  it("saves nothing when a write fails", async () => {
    const unit = await createUnit();
    const trigger = `fail_import_${uniqueSuffix().replace(/-/g, "")}`;
    const poison = `Boom-${trigger}`;
    await context.db.execute(
      sql.raw(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.last_name = '${poison}' THEN RAISE EXCEPTION 'test failure'; END IF;
          RETURN NEW;
        END $$`),
    );
    await context.db.execute(
      sql.raw(
        `CREATE TRIGGER ${trigger} BEFORE INSERT ON customers FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
      ),
    );
    try {
      const lines = Array.from({ length: 600 }, (_, index) => (index === 550 ? poison : `Client ${index}`));

      const response = await importFile(unit, "big.csv", `Nom\n${lines.join("\n")}\n`);
      const imports = await app.inject({
        method: "GET",
        url: `${unit.base}/customer-imports`,
        headers: { cookie: unit.cookie },
      });
      const next = await app.inject({
        method: "POST",
        url: `${unit.base}/customers`,
        headers: { cookie: unit.cookie },
        payload: { lastName: "After" },
      });

      expect(response.statusCode).toBe(500);
      expect(await storedCustomers(unit)).toHaveLength(1);
      expect(imports.json()).toEqual([]);
      expect(next.json().reference).toBe("C000001");
    } finally {
      await context.db.execute(sql.raw(`DROP TRIGGER ${trigger} ON customers`));
      await context.db.execute(sql.raw(`DROP FUNCTION ${trigger}()`));
    }
  });

  it("forbids import to field workers", async () => {
    const unit = await createUnit();
    const worker = await addTestMember(context, unit.organization, ["field_worker"], {
      passwordChosen: true,
    });
    const cookie = await signIn(app, worker.email);

    const preview = await app.inject({
      method: "POST",
      url: `${unit.base}/customer-imports/preview`,
      headers: { cookie },
      payload: fileBody("a.csv", fixture("excel-utf8.csv")),
    });
    const run = await app.inject({
      method: "POST",
      url: `${unit.base}/customer-imports`,
      headers: { cookie },
      payload: { ...fileBody("a.csv", fixture("excel-utf8.csv")), mode: "create" },
    });

    expect(preview.statusCode).toBe(403);
    expect(run.statusCode).toBe(403);
  });
});

describe("customer import preview", () => {
  it("shows encoding, mapping and counts", async () => {
    const unit = await createUnit();

    const response = await app.inject({
      method: "POST",
      url: `${unit.base}/customer-imports/preview`,
      headers: { cookie: unit.cookie },
      payload: { ...fileBody("clients.csv", fixture("excel-windows-1252.csv")), mode: "create" },
    });

    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(preview.encoding).toBe("windows-1252");
    expect(preview.separator).toBe(";");
    expect(preview.headers).toEqual([
      "nom",
      "prenom",
      "email",
      "telephone",
      "ville",
      "latitude",
      "longitude",
    ]);
    expect(preview.mapping.nom).toEqual({ kind: "field", field: "lastName" });
    expect(preview.mapping.telephone).toEqual({ kind: "field", field: "phone" });
    expect(preview.counts).toEqual({ rows: 3, valid: 3, invalid: 0, duplicates: 0 });
    expect(preview.rows).toHaveLength(3);
    expect(preview.rows[0].draft).toMatchObject({
      firstName: "Hélène",
      city: "Saint-Étienne",
      latitude: 45.4397,
    });
    expect(preview.plan).toEqual({ mode: "create", create: 3, update: 0, skip: 0, reject: 0 });
    expect(preview.problems).toEqual([]);
    expect(await storedCustomers(unit)).toEqual([]);
  });

  it("lists row problems and at most 10 rows", async () => {
    const unit = await createUnit();
    const rows = Array.from(
      { length: 12 },
      (_, index) => `Client ${index};${index === 3 ? "03" : `06 12 34 56 ${String(index).padStart(2, "0")}`}`,
    );

    const response = await app.inject({
      method: "POST",
      url: `${unit.base}/customer-imports/preview`,
      headers: { cookie: unit.cookie },
      payload: fileBody("clients.csv", `Nom;Portable\n${rows.join("\n")}\n`),
    });

    const preview = response.json();
    expect(preview.rows).toHaveLength(10);
    expect(preview.counts).toEqual({ rows: 12, valid: 11, invalid: 1, duplicates: 0 });
    expect(preview.rows[3].errors).toEqual([
      expect.objectContaining({ row: 5, column: "Portable", value: "03", code: "invalid_phone" }),
    ]);
    expect(preview.plan).toBeUndefined();
  });

  it("reports a mode that cannot apply to the file", async () => {
    const unit = await createUnit();

    const response = await app.inject({
      method: "POST",
      url: `${unit.base}/customer-imports/preview`,
      headers: { cookie: unit.cookie },
      payload: { ...fileBody("clients.csv", fixture("excel-utf8.csv")), mode: "upsert" },
    });

    expect(response.json().modeProblem.code).toBe("reference_column_required");
    expect(response.json().modeProblem.message).toContain('Import mode "upsert"');
  });

  it("applies the chosen mapping", async () => {
    const unit = await createUnit();

    const response = await importFile(unit, "clients.csv", "Client;Code;Secteur\nMartin;M-1;Nord\n", {
      mapping: {
        Client: { kind: "field", field: "lastName" },
        Code: { kind: "field", field: "reference" },
        Secteur: { kind: "ignore" },
      },
    });

    expect(response.json().created).toBe(1);
    const customers = await storedCustomers(unit);
    expect(customers[0]).toMatchObject({ reference: "M-1", lastName: "Martin", customFields: {} });
  });
});

describe("customer import report", () => {
  it("downloads the report as CSV", async () => {
    const unit = await createUnit();
    const imported = await importFile(
      unit,
      "clients.csv",
      "Nom;Téléphone;Email\nMartin;612345678;=cmd\nBernard;04 72 00 00 01;b@example.com\nBernard;;b@example.com\n",
    );

    const response = await app.inject({
      method: "GET",
      url: `${unit.base}/customer-imports/${imported.json().id}/report.csv`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="customer-import-${imported.json().id}.csv"`,
    );
    expect(response.rawPayload.subarray(0, 3).toString("hex")).toBe("efbbbf");
    const lines = response.body.slice(1).split("\r\n");
    expect(lines).toEqual([
      "Line;Outcome;Reference;Severity;Column;Value;Code;Message;Nom;Téléphone;Email",
      "2;rejected;;error;Email;'=cmd;invalid_email;" +
        '"Email ""=cmd"" is not a valid address. Use the form name@example.com with no spaces.";' +
        "Martin;612345678;'=cmd",
      "2;rejected;;error;Téléphone;612345678;missing_trunk_prefix;" +
        '"Phone number ""612345678"" does not start with 0 or +. Enter the full number, such as 06 12 34 56 78 ' +
        'or +33 6 12 34 56 78. Spreadsheets often drop the leading 0 of a number column.";' +
        "Martin;612345678;'=cmd",
      "3;created;C000001;;;;;;Bernard;04 72 00 00 01;b@example.com",
      "4;skipped;;warning;Email;b@example.com;duplicate_row;" +
        "Row 4 has the same email address as row 3, so it is a duplicate of row 3 and is not imported again.;" +
        "Bernard;;b@example.com",
      "",
    ]);
  });

  it("hides another organization's report", async () => {
    const unitA = await createUnit();
    const unitB = await createUnit();
    const imported = await importFile(unitA, "clients.csv", fixture("excel-utf8.csv"));

    const response = await app.inject({
      method: "GET",
      url: `${unitB.base}/customer-imports/${imported.json().id}/report.csv`,
      headers: { cookie: unitB.cookie },
    });

    expect(response.statusCode).toBe(404);
  });
});

describe("background customer import", () => {
  it("returns 202 and reports progress", async () => {
    const unit = await createUnit();
    const rows = Array.from({ length: 1200 }, (_, index) => `Client ${index};client${index}@example.com`);

    const started = await app.inject({
      method: "POST",
      url: `${unit.base}/customer-imports?async=true`,
      headers: { cookie: unit.cookie },
      payload: { ...fileBody("clients.csv", `Nom;Email\n${rows.join("\n")}\n`), mode: "create" },
    });
    expect(started.statusCode).toBe(202);
    const id = started.json().id;

    let status = { status: "running" } as {
      status: string;
      processedRows: number;
      totalRows: number;
      report?: { created: number };
    };
    for (let attempt = 0; attempt < 200 && status.status === "running"; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const response = await app.inject({
        method: "GET",
        url: `${unit.base}/customer-imports/${id}`,
        headers: { cookie: unit.cookie },
      });
      status = response.json();
      expect(status.totalRows).toBe(1200);
    }

    expect(status.status).toBe("done");
    expect(status.processedRows).toBe(1200);
    expect(status.report?.created).toBe(1200);
    const page = await app.inject({
      method: "GET",
      url: `${unit.base}/customers?limit=1`,
      headers: { cookie: unit.cookie },
    });
    expect(page.json().total).toBe(1200);
  });

  it("checks the file before returning 202", async () => {
    const unit = await createUnit();

    const response = await app.inject({
      method: "POST",
      url: `${unit.base}/customer-imports?async=true`,
      headers: { cookie: unit.cookie },
      payload: { ...fileBody("clients.csv", fixture("excel-utf8.csv")), mode: "update-skip-missing" },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('Import mode "update-skip-missing"');
  });

  it("returns 404 for an unknown import", async () => {
    const unit = await createUnit();

    const response = await app.inject({
      method: "GET",
      url: `${unit.base}/customer-imports/00000000-0000-4000-8000-000000000000`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(404);
  });
});
