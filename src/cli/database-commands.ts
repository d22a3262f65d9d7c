import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { listOrganizationIdsOfUser } from "../repositories/memberships.js";
import { findUserByEmail } from "../repositories/staff-accounts.js";
import { startRuntime } from "../runtime.js";
import { DEMO_ACCOUNTS, seedDemo } from "../services/demo/seed.js";
export async function runMigrate(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config);
  const runtime = await startRuntime(config, logger, "rondo migrate");
  await runtime.close();
  console.log("Database is up to date.");
  return 0;
}

export async function runSeed(argv: string[]): Promise<number> {
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
