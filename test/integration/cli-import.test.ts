import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "../../src/db/database.js";
import { businessUnitRepository } from "../../src/repositories/business-units.js";
import { createTestContext } from "../helpers/context.js";
import { createTestOrganization } from "../helpers/factories.js";

const rondo = join(import.meta.dirname, "..", "..", "bin", "rondo.js");
const FIXTURES = join(import.meta.dirname, "..", "fixtures", "csv");

/** Runs the `rondo` command as a separate process, as an operator would. */
function runRondo(args: string[], environment: Record<string, string>) {
  const result = spawnSync(process.execPath, [rondo, ...args], {
    env: { PATH: process.env.PATH, NODE_ENV: "test", LOG_LEVEL: "silent", ...environment },
    encoding: "utf8",
    timeout: 110_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const serverUrl = process.env.TEST_DATABASE_URL;
let environment: Record<string, string>;
/** `--bu CODE` on the shared server, where other tests' units live; nothing on a new embedded database. */
let unitArguments: string[];
let unitCode: string;

/**
 * Prepares one business unit for the whole file: LYON, the only unit of a new embedded
 * database, or a unit with a code of its own on the shared server.
 */
beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "rondo-cli-import-"));
  if (!serverUrl) {
    environment = { DATA_DIR: dataDir };
    const created = runRondo(
      [
        "org",
        "create",
        "--name",
        "Import test",
        "--bu-code",
        "LYON",
        "--bu-name",
        "Lyon",
        "--time-zone",
        "Europe/Paris",
        "--country",
        "FR",
        "--language",
        "fr",
        "--admin-email",
        "import-admin@test.example",
        "--admin-name",
        "Import Admin",
        "--admin-password",
        "initial password 42",
      ],
      environment,
    );
    expect(created.stderr).toBe("");
    unitArguments = [];
    unitCode = "LYON";
    return;
  }
  environment = { DATA_DIR: dataDir, DATABASE_URL: serverUrl };
  const context = await createTestContext();
  try {
    const organization = await createTestOrganization(context);
    unitCode = `CLI-${organization.suffix}`;
    await businessUnitRepository(context.db, organization.organizationId).update(
      organization.businessUnitId,
      { code: unitCode },
      context.clock.now(),
    );
    unitArguments = ["--bu", unitCode];
  } finally {
    await context.close();
  }
});

interface StoredCustomer {
  reference: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  postcode: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** Reads the unit's customers with these emails or phones, once the command has exited. */
async function readCustomers(keys: string[]): Promise<StoredCustomer[]> {
  const handle = serverUrl
    ? await openDatabase({ kind: "postgres", url: serverUrl, poolSize: 1 })
    : await openDatabase({ kind: "pglite", dataDir: environment.DATA_DIR!, command: "cli-import test" });
  try {
    return await queryRows<StoredCustomer>(
      handle.db,
      sql`SELECT c.reference, c.display_name, c.email, c.phone, c.postcode, c.city, c.latitude, c.longitude
          FROM customers c
          JOIN business_units u ON u.organization_id = c.organization_id AND u.id = c.business_unit_id
          WHERE u.code = ${unitCode}
            AND (c.email_normalized = ANY(${sql.param(keys)}::text[]) OR c.phone = ANY(${sql.param(keys)}::text[]))
          ORDER BY c.search_key`,
    );
  } finally {
    await handle.close();
  }
}

function importCustomers(file: string, ...options: string[]) {
  return runRondo(["import", "customers", file, ...unitArguments, ...options], environment);
}

// Each command starts a process that opens its own database, which takes seconds on a busy machine.
describe("rondo import customers", { timeout: 120_000 }, () => {
  it("imports Excel and overseas files", async () => {
    const excel = importCustomers(join(FIXTURES, "excel-windows-1252.csv"), "--mode", "create");
    const overseas = importCustomers(join(FIXTURES, "overseas-phones.csv"), "--mode", "create");

    expect(excel.stderr).toBe("");
    expect(excel.status).toBe(0);
    const report = JSON.parse(excel.stdout);
    expect(report).toMatchObject({
      businessUnit: unitCode,
      fileName: "excel-windows-1252.csv",
      encoding: "windows-1252",
      separator: ";",
      separatorName: "semicolon",
      mode: "create",
      dryRun: false,
      created: 3,
      updated: 0,
      skipped: 0,
      rejected: 0,
    });
    expect(report.rows.map((row: { line: number; outcome: string }) => [row.line, row.outcome])).toEqual([
      [2, "created"],
      [3, "created"],
      [4, "created"],
    ]);
    expect(report.rows[0].values).toEqual({
      nom: "Fabre",
      prenom: "Hélène",
      email: "helene.fabre@example.org",
      telephone: "04 77 00 11 22",
      ville: "Saint-Étienne",
      latitude: "45,4397",
      longitude: "4,3872",
    });
    expect(overseas.status).toBe(0);
    expect(JSON.parse(overseas.stdout).created).toBe(2);

    const stored = await readCustomers([
      "helene.fabre@example.org",
      "f.noel@example.org",
      "zoe.boeuf@example.org",
      "+596696123456",
      "+262692123456",
    ]);
    expect(stored.map(({ reference, ...rest }) => rest)).toEqual([
      {
        display_name: "François Noël",
        email: "f.noel@example.org",
        phone: "+33123456789",
        postcode: null,
        city: "Évry-Courcouronnes",
        latitude: 48.6238,
        longitude: 2.441,
      },
      {
        display_name: "Hélène Fabre",
        email: "helene.fabre@example.org",
        phone: "+33477001122",
        postcode: null,
        city: "Saint-Étienne",
        latitude: 45.4397,
        longitude: 4.3872,
      },
      {
        display_name: "Jean Hoarau",
        email: null,
        phone: "+262692123456",
        postcode: "97400",
        city: "Saint-Denis",
        latitude: null,
        longitude: null,
      },
      {
        display_name: "Marie Laurent",
        email: null,
        phone: "+596696123456",
        postcode: "97200",
        city: "Fort-de-France",
        latitude: null,
        longitude: null,
      },
      {
        display_name: "Zoé Bœuf",
        email: "zoe.boeuf@example.org",
        phone: "+33556001122",
        postcode: null,
        city: "Bordeaux",
        latitude: 44.8378,
        longitude: -0.5792,
      },
    ]);
  });

  it("dry-runs a UTF-16 file", async () => {
    const result = importCustomers(join(FIXTURES, "utf16le-bom.csv"), "--mode", "create", "--dry-run");

    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      encoding: "utf-16le",
      separatorName: "semicolon",
      dryRun: true,
      created: 1,
    });
    expect(report.rows[0].values).toEqual({
      email: "lea.dupre@example.com",
      nom: "Dupré-Hébert",
      prenom: "Léa",
      telephone: "06 12 34 56 78",
      adresse: "12 rue de l'Église 91000 Évry",
      latitude: "48,6238",
      longitude: "2,4410",
    });
    expect(await readCustomers(["lea.dupre@example.com"])).toEqual([]);
  });

  it("exits 0 with rejected rows", () => {
    const folder = mkdtempSync(join(tmpdir(), "rondo-cli-file-"));
    const file = join(folder, "clients.csv");
    writeFileSync(
      file,
      "Nom;Téléphone;Latitude;Longitude\nMartin;612345678;48,1;\nBernard;04 72 00 00 01;;\n",
    );

    const result = importCustomers(file, "--mode", "create");

    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ encoding: "utf-8", separator: ";", created: 1, rejected: 1 });
    expect(report.rows[0]).toMatchObject({
      line: 2,
      outcome: "rejected",
      reason: "invalid_row",
      values: { Nom: "Martin", Téléphone: "612345678", Latitude: "48,1", Longitude: "" },
    });
    expect(
      report.rows[0].errors.map((error: { row: number; column: string; code: string }) => [
        error.row,
        error.column,
        error.code,
      ]),
    ).toEqual([
      [2, "Téléphone", "missing_trunk_prefix"],
      [2, "Latitude", "incomplete_coordinates"],
    ]);
    expect(report.rows[1]).toMatchObject({ line: 3, outcome: "created" });
  });

  it("exits 1 on an unusable file", () => {
    const folder = mkdtempSync(join(tmpdir(), "rondo-cli-file-"));
    const file = join(folder, "emails.csv");
    writeFileSync(file, "email;ville\na@example.com;Lyon\n");

    const noName = importCustomers(file, "--mode", "create");
    const updateWithoutReference = importCustomers(join(FIXTURES, "excel-utf8.csv"), "--mode", "update");
    const missing = importCustomers(join(folder, "absent.csv"), "--mode", "create");

    expect(noName.status).toBe(1);
    expect(noName.stdout).toBe("");
    expect(noName.stderr).toContain(
      "  - file: No column is mapped to the last name, first name or company name",
    );
    expect(updateWithoutReference.status).toBe(1);
    expect(updateWithoutReference.stderr).toContain('Import mode "update" matches customers by reference');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`Cannot read ${join(folder, "absent.csv")}: ENOENT`);
  });

  it.each([
    [
      ["import", "customers", "a.csv"],
      "Missing option --mode; use one of create, create-skip-existing, update, update-skip-missing, upsert.",
    ],
    [
      ["import", "customers", "a.csv", "--mode", "merge"],
      'Unknown import mode "merge"; use one of create, create-skip-existing, update, update-skip-missing, upsert.',
    ],
    [["import", "customers", "--mode", "create"], "Give exactly one file to import; got 0."],
    [
      ["import", "customers", "a.csv", "b.csv", "--mode", "create"],
      "Give exactly one file to import; got 2.",
    ],
    [
      ["import", "suppliers", "a.csv"],
      'Unknown import "suppliers"; the command is: rondo import customers FILE --mode MODE',
    ],
  ])("exits 2 on bad arguments %j", (args, message) => {
    const result = runRondo(args, { DATA_DIR: mkdtempSync(join(tmpdir(), "rondo-cli-")) });

    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(message);
  });

  it("exits 2 on an unknown business unit code", () => {
    const result = runRondo(
      ["import", "customers", join(FIXTURES, "excel-utf8.csv"), "--mode", "create", "--bu", "NOWHERE-9"],
      environment,
    );

    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('No business unit has the code "NOWHERE-9".');
  });

  it("requires --bu when several organizations exist", () => {
    // Its own embedded database with two organizations; the shared server already has many.
    const twoOrganizations = serverUrl
      ? environment
      : { DATA_DIR: mkdtempSync(join(tmpdir(), "rondo-cli-import-")) };
    if (!serverUrl) {
      for (const code of ["NORD", "SUD"]) {
        const created = runRondo(
          [
            "org",
            "create",
            "--name",
            `Org ${code}`,
            "--bu-code",
            code,
            "--bu-name",
            code,
            "--time-zone",
            "Europe/Paris",
            "--country",
            "FR",
            "--language",
            "fr",
            "--admin-email",
            `admin-${code.toLowerCase()}@test.example`,
            "--admin-name",
            "Admin",
            "--admin-password",
            "initial password 42",
          ],
          twoOrganizations,
        );
        expect(created.status).toBe(0);
      }
    }

    const result = runRondo(
      ["import", "customers", join(FIXTURES, "excel-utf8.csv"), "--mode", "create"],
      twoOrganizations,
    );

    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("Several organizations exist; name the business unit with --bu CODE.");
  });
});
