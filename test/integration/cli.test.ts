import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { acquireDataDirLock } from "../../src/db/lock-file.js";
import { businessUnitRepository } from "../../src/repositories/business-units.js";
import { findUserByEmail } from "../../src/repositories/staff-accounts.js";
import { createTestContext, uniqueSuffix } from "../helpers/context.js";
import { createTestOrganization } from "../helpers/factories.js";

const rondo = join(import.meta.dirname, "..", "..", "bin", "rondo.js");

/** Runs the `rondo` command as a separate process, as an operator would. */
function runRondo(args: string[], environment: Record<string, string>) {
  const result = spawnSync(process.execPath, [rondo, ...args], {
    env: { PATH: process.env.PATH, NODE_ENV: "test", LOG_LEVEL: "silent", ...environment },
    encoding: "utf8",
    timeout: 110_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function databaseEnvironment(dataDir: string): Record<string, string> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? { DATA_DIR: dataDir, DATABASE_URL: serverUrl } : { DATA_DIR: dataDir };
}

/**
 * Makes a business unit for the command to find: the demo's LYON in a new embedded database,
 * or a unit with a code of its own on the shared server, where other tests' units live too.
 */
async function prepareBusinessUnit(environment: Record<string, string>): Promise<string> {
  if (!environment.DATABASE_URL) {
    expect(runRondo(["seed", "--demo"], environment).status).toBe(0);
    return "LYON";
  }
  const context = await createTestContext();
  try {
    const organization = await createTestOrganization(context);
    const code = `CLI-${organization.suffix}`;
    await businessUnitRepository(context.db, organization.organizationId).update(
      organization.businessUnitId,
      { code },
      context.clock.now(),
    );
    return code;
  } finally {
    await context.close();
  }
}

// Each command starts a process that opens its own database, which takes seconds on a busy machine.
describe("rondo command line", { timeout: 120_000 }, () => {
  it("migrates a new database and reports it up to date", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rondo-cli-"));

    const result = runRondo(["migrate"], databaseEnvironment(dataDir));

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe("Database is up to date.");
  });

  it("stops a second process on the same embedded database, naming the holder", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rondo-cli-"));
    const release = acquireDataDirLock(dataDir, "rondo serve");
    try {
      const result = runRondo(["migrate"], { DATA_DIR: dataDir });

      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`is in use by process ${process.pid} ("rondo serve"`);
    } finally {
      release();
    }
  });

  it("stops on invalid settings, listing each one", () => {
    const result = runRondo(["migrate"], { PORT: "abc", DATABASE_URL: "mysql://x" });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid configuration:");
    expect(result.stderr).toContain("PORT: ");
    expect(result.stderr).toContain(
      'DATABASE_URL: must start with postgres:// or postgresql:// (got "mysql://x")',
    );
  });

  it("adds a user to a business unit by its code", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rondo-cli-"));
    const environment = databaseEnvironment(dataDir);
    const code = await prepareBusinessUnit(environment);
    const email = `cli-${uniqueSuffix()}@test.example`;

    const result = runRondo(
      [
        "user",
        "add",
        "--email",
        email,
        "--name",
        "Cli User",
        "--password",
        "long enough secret",
        "--bu",
        code,
        "--roles",
        "planner,field_worker",
      ],
      environment,
    );

    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe(`${email} has roles planner, field_worker in ${code}.`);
  });

  it("creates an organization whose admin must change the initial password", async () => {
    const environment = databaseEnvironment(mkdtempSync(join(tmpdir(), "rondo-cli-")));
    const suffix = uniqueSuffix();
    const email = `owner-${suffix}@test.example`;

    const result = runRondo(
      [
        "org",
        "create",
        "--name",
        "Chauffage Martin",
        "--bu-code",
        `nord-${suffix}`,
        "--bu-name",
        "Nord",
        "--time-zone",
        "europe/paris",
        "--country",
        "fr",
        "--language",
        "fr",
        "--admin-email",
        email,
        "--admin-name",
        "Jeanne Martin",
        "--admin-password",
        "initial password 42",
      ],
      environment,
    );

    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`with business unit NORD-${suffix.toUpperCase()}.`);
    const database = environment.DATABASE_URL
      ? await openDatabase({ kind: "postgres", url: environment.DATABASE_URL, poolSize: 1 })
      : await openDatabase({ kind: "pglite", dataDir: environment.DATA_DIR!, command: "cli test" });
    try {
      const user = await findUserByEmail(database.db, email);
      expect(user?.mustChangePassword).toBe(true);
    } finally {
      await database.close();
    }
  });

  it("refuses to seed the demo twice", () => {
    const environment = { DATA_DIR: mkdtempSync(join(tmpdir(), "rondo-cli-")) };
    expect(runRondo(["seed", "--demo"], environment).status).toBe(0);

    const second = runRondo(["seed", "--demo"], environment);

    expect(second.status).toBe(1);
    expect(second.stderr.trim()).toBe(
      "The demo organization already exists in this database. To start again from the demo, stop Rondo and delete DATA_DIR (embedded database).",
    );
  });

  it("rejects an unknown role before touching the database", () => {
    const result = runRondo(
      [
        "user",
        "add",
        "--email",
        "a@b.example",
        "--name",
        "A",
        "--password",
        "long enough secret",
        "--bu",
        "LYON",
        "--roles",
        "boss",
      ],
      { DATA_DIR: mkdtempSync(join(tmpdir(), "rondo-cli-")) },
    );

    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe("Unknown role boss; use admin, planner, field_worker.");
  });
});
