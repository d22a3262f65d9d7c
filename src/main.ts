import { existsSync, readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type Config, ConfigError, loadConfig } from "./config.js";
import { DataDirLockedError } from "./db/lock-file.js";
import { IMPORT_MODES, isImportMode } from "./domain/customers/import/index.js";
import { isRole, type Role } from "./domain/roles.js";
import { createLogger } from "./logger.js";
import {
  businessUnitRepository,
  listOrganizationIdsWithBusinessUnitCode,
} from "./repositories/business-units.js";
import { listOrganizationIdsForCommandLine } from "./repositories/customers.js";
import { listOrganizationIdsOfUser } from "./repositories/memberships.js";
import { findUserByEmail } from "./repositories/staff-accounts.js";
import { attachChangeFeed, startRuntime } from "./runtime.js";
import { buildApp } from "./server/app.js";
import { AppError } from "./server/errors.js";
import type { ServiceContext } from "./services/context.js";
import { importCustomersAsOperator } from "./services/customers/import-service.js";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo, seedDemoIfEmpty } from "./services/demo/seed.js";
import { createOrganization } from "./services/organization-service.js";
import { createMembership } from "./services/user-service.js";

const projectRoot = fileURLToPath(new URL("..", import.meta.url));
const webRoot = `${projectRoot}dist/web`;

const USAGE = `Usage: rondo <command> [options]

Commands:
  serve                 Start the web server (migrates; seeds the demo into an empty
                        database unless NODE_ENV=production)
  migrate               Apply pending database migrations and exit
  seed --demo           Add the demo organization
  org create --name N --bu-code CODE --bu-name N --time-zone ZONE --country CC
             --language en|fr --admin-email E --admin-name N --admin-password P
                        Create an organization with its first business unit and admin
                        (how a production database gets its first organization)
  user add --email E --name N --password P --bu CODE --roles R[,R] [--organization ID]
                        Create a staff account (or add an existing one) with roles in a
                        business unit; roles: admin, planner, field_worker
  import customers FILE --mode MODE [--bu CODE] [--organization ID] [--dry-run]
                        Import customers from a CSV file and print the report as JSON;
                        modes: ${IMPORT_MODES.join(", ")}.
                        --bu may be left out when the database has one organization
                        with one business unit. Exits 0 when the import ran (even with
                        rejected rows), 1 when the file cannot be imported, 2 on bad
                        arguments
  help                  Show this text

Settings come from the environment; see .env.example.`;

/** Runs one command and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "serve":
        return await serve();
      case "migrate":
        return await runMigrate();
      case "seed":
        return await runSeed(rest);
      case "user":
        return await runUser(rest);
      case "org":
        return await runOrganization(rest);
      case "import":
        return await runImport(rest);
      case undefined:
      case "help":
      case "--help":
        console.log(USAGE);
        return 0;
      default:
        console.error(`Unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    return reportFailure(error);
  }
}

function reportFailure(error: unknown): number {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
    return 1;
  }
  if (error instanceof AppError) {
    const fields = error.details?.fields?.map((field) => `  - ${field.path}: ${field.message}`).join("\n");
    console.error(fields ? `${error.message}\n${fields}` : error.message);
    return 1;
  }
  if (error instanceof Error && "code" in error && error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  console.error(error);
  return 1;
}

async function serve(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config);
  await ensureWebAssets(logger);
  const runtime = await startRuntime(config, logger, "rondo serve");
  await attachChangeFeed(runtime);
  if (config.env !== "production") {
    const { seeded } = await seedDemoIfEmpty(runtime.context);
    if (seeded) logger.info("demo organization seeded into the empty database");
  }
  const app = await buildApp({ context: runtime.context, webRoot });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await runtime.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      console.error(
        `Port ${config.port} on ${config.host} is already in use. Stop the other process or set PORT.`,
      );
      return 1;
    }
    throw error;
  }
  printWelcome(config);

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "shutting down");
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await app.close();
  await runtime.close();
  return 0;
}

function printWelcome(config: Config): void {
  const lines = [
    "",
    `Rondo is running at ${config.publicUrl}/`,
    `  API documentation: ${config.publicUrl}/api/docs`,
    `  Database: ${config.databaseUrl ? "PostgreSQL server (DATABASE_URL)" : `embedded, in ${config.dataDir}`}`,
  ];
  if (config.env !== "production") {
    lines.push(`  Demo sign-in (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS)
      lines.push(`    ${account.email.padEnd(30)} ${account.roles.join(", ")}`);
  }
  console.log(`${lines.join("\n")}\n`);
}

/** Builds the web assets with Vite when a checkout has none yet, so `npx rondo serve` just works. */
async function ensureWebAssets(logger: ReturnType<typeof createLogger>): Promise<void> {
  if (existsSync(`${webRoot}/backoffice/index.html`)) return;
  logger.info("web assets missing; building them with Vite (takes about a minute the first time)");
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    throw new Error(
      "The web assets are not built and Vite is not installed. Run `npm install` (with dev dependencies), then `npm run build`.",
    );
  }
  await vite.build({ configFile: `${projectRoot}vite.config.ts`, logLevel: "warn" });
}

async function runMigrate(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config);
  const runtime = await startRuntime(config, logger, "rondo migrate");
  await runtime.close();
  console.log("Database is up to date.");
  return 0;
}

async function runSeed(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { demo: { type: "boolean", default: false } } });
  if (!values.demo) {
    console.error("Say what to seed: rondo seed --demo");
    return 2;
  }
  const config = loadConfig();
  if (config.env === "production") {
    console.error("The demo is not seeded when NODE_ENV=production; its accounts have a published password.");
    return 1;
  }
  const runtime = await startRuntime(config, createLogger(config), "rondo seed");
  try {
    const demoAdmin = await findUserByEmail(runtime.context.db, DEMO_ACCOUNTS[0]!.email);
    if (demoAdmin && (await listOrganizationIdsOfUser(runtime.context.db, demoAdmin.id)).length > 0) {
      console.error(
        "The demo organization already exists in this database. To start again from the demo, stop Rondo and delete DATA_DIR (embedded database).",
      );
      return 1;
    }
    const result = await seedDemo(runtime.context);
    console.log(`Demo organization created (${result.organizationId}).`);
    return 0;
  } finally {
    await runtime.close();
  }
}

async function runUser(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== "add") {
    console.error(`Unknown user command "${subcommand ?? ""}". Try: rondo user add --help`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      bu: { type: "string" },
      roles: { type: "string" },
      organization: { type: "string" },
    },
  });
  const missing = (["email", "name", "password", "bu", "roles"] as const).filter((key) => !values[key]);
  if (missing.length > 0) {
    console.error(
      `Missing option${missing.length > 1 ? "s" : ""}: ${missing.map((key) => `--${key}`).join(", ")}`,
    );
    return 2;
  }
  const roles = values.roles!.split(",").map((role) => role.trim());
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) {
    console.error(
      `Unknown role${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; use admin, planner, field_worker.`,
    );
    return 2;
  }

  const config = loadConfig();
  const runtime = await startRuntime(config, createLogger(config), "rondo user add");
  try {
    const unit = await findBusinessUnitByCode(runtime.context, values.bu!, values.organization);
    const member = await createMembership(
      runtime.context,
      unit.organizationId,
      unit.id,
      {
        email: values.email!,
        name: values.name!,
        password: values.password!,
        roles: roles as Role[],
      },
      { attachAccountOfOtherOrganization: true },
    );
    console.log(`${member.email} has roles ${member.roles.join(", ")} in ${unit.code}.`);
    return 0;
  } finally {
    await runtime.close();
  }
}

async function runImport(argv: string[]): Promise<number> {
  const [subject, ...rest] = argv;
  if (subject !== "customers") {
    console.error(
      `Unknown import "${subject ?? ""}"; the command is: rondo import customers FILE --mode MODE`,
    );
    return 2;
  }
  let parsed: ReturnType<typeof parseImportArguments>;
  try {
    parsed = parseImportArguments(rest);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const { file, mode, bu, organization, dryRun } = parsed;

  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }

  const config = loadConfig();
  const runtime = await startRuntime(config, createLogger(config), "rondo import customers");
  try {
    let unit: Awaited<ReturnType<typeof findBusinessUnitByCode>>;
    try {
      unit = bu
        ? await findBusinessUnitByCode(runtime.context, bu, organization)
        : await findOnlyBusinessUnit(runtime.context, organization);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      return 2;
    }
    const report = await importCustomersAsOperator(runtime.context, unit, {
      fileName: basename(file),
      bytes,
      mode,
      dryRun,
    });
    console.log(JSON.stringify({ businessUnit: unit.code, ...report }, null, 2));
    return 0;
  } finally {
    await runtime.close();
  }
}

function parseImportArguments(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      mode: { type: "string" },
      bu: { type: "string" },
      organization: { type: "string" },
      "dry-run": { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1) {
    throw new Error(`Give exactly one file to import; got ${positionals.length}.`);
  }
  if (!values.mode) throw new Error(`Missing option --mode; use one of ${IMPORT_MODES.join(", ")}.`);
  if (!isImportMode(values.mode)) {
    throw new Error(`Unknown import mode "${values.mode}"; use one of ${IMPORT_MODES.join(", ")}.`);
  }
  return {
    file: positionals[0]!,
    mode: values.mode,
    bu: values.bu,
    organization: values.organization,
    dryRun: values["dry-run"],
  };
}

/** Finds the business unit to use when none is named: the single unit of the single organization. */
async function findOnlyBusinessUnit(context: ServiceContext, organizationId: string | undefined) {
  const organizationIds = organizationId
    ? [organizationId]
    : await listOrganizationIdsForCommandLine(context.db, 2);
  if (organizationIds.length === 0) throw new Error("The database has no organization yet.");
  if (organizationIds.length > 1) {
    throw new Error("Several organizations exist; name the business unit with --bu CODE.");
  }
  const units = await businessUnitRepository(context.db, organizationIds[0]!).list();
  if (units.length !== 1) {
    const codes = units.map((unit) => unit.code).join(", ");
    throw new Error(
      units.length === 0
        ? "The organization has no business unit."
        : `The organization has ${units.length} business units (${codes}); name one with --bu CODE.`,
    );
  }
  return units[0]!;
}

/** Finds a business unit by code; across organizations unless one is named, refusing ambiguity. */
async function findBusinessUnitByCode(
  context: ServiceContext,
  code: string,
  organizationId: string | undefined,
) {
  const organizationIds = organizationId
    ? [organizationId]
    : await listOrganizationIdsWithBusinessUnitCode(context.db, code.toUpperCase());
  if (organizationIds.length > 1) {
    throw new Error(`Several organizations have a business unit "${code}"; add --organization ID.`);
  }
  const unit = organizationIds[0]
    ? await businessUnitRepository(context.db, organizationIds[0]).findByCode(code.toUpperCase())
    : undefined;
  if (!unit) throw new Error(`No business unit has the code "${code}".`);
  return unit;
}

async function runOrganization(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== "create") {
    console.error(`Unknown org command "${subcommand ?? ""}". Usage:\n\n${USAGE}`);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      "bu-code": { type: "string" },
      "bu-name": { type: "string" },
      "time-zone": { type: "string" },
      country: { type: "string" },
      language: { type: "string" },
      "admin-email": { type: "string" },
      "admin-name": { type: "string" },
      "admin-password": { type: "string" },
    },
  });
  const required = [
    "name",
    "bu-code",
    "bu-name",
    "time-zone",
    "country",
    "language",
    "admin-email",
    "admin-name",
    "admin-password",
  ] as const;
  const missing = required.filter((key) => !values[key]);
  if (missing.length > 0) {
    console.error(
      `Missing option${missing.length > 1 ? "s" : ""}: ${missing.map((key) => `--${key}`).join(", ")}`,
    );
    return 2;
  }
  const language = values.language === "fr" ? "fr" : values.language === "en" ? "en" : undefined;
  if (!language) {
    console.error(`Invalid --language "${values.language}": use en or fr.`);
    return 2;
  }
  const config = loadConfig();
  const runtime = await startRuntime(config, createLogger(config), "rondo org create");
  try {
    const { organization, businessUnit } = await createOrganization(runtime.context, {
      name: values.name!.trim(),
      businessUnit: {
        code: values["bu-code"]!.trim().toUpperCase(),
        name: values["bu-name"]!.trim(),
        timeZone: values["time-zone"]!.trim(),
        language,
        country: values.country!.trim().toUpperCase(),
      },
      admin: {
        email: values["admin-email"]!,
        name: values["admin-name"]!,
        password: values["admin-password"]!,
        roles: ["admin", "planner"],
        language,
      },
      attachExistingAccounts: true,
    });
    console.log(
      `Organization "${organization.name}" created (${organization.id}) with business unit ${businessUnit.code}. ` +
        `${values["admin-email"]} must change the initial password at first sign-in.`,
    );
    return 0;
  } finally {
    await runtime.close();
  }
}
