import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Config, loadConfig } from "../config.js";
import { startHousekeeping } from "../jobs/housekeeping.js";
import { createLogger } from "../logger.js";
import { attachChangeFeed, startDispatcher, startRuntime } from "../runtime.js";
import { buildApp } from "../server/app.js";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from "../services/demo/seed.js";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const webRoot = `${projectRoot}dist/web`;

export async function serve(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config);
  await ensureWebAssets(logger);
  const runtime = await startRuntime(config, logger, "rondo serve");
  await attachChangeFeed(runtime);
  if (config.env !== "production") {
    const { seeded } = await seedDemoIfEmpty(runtime.context);
    if (seeded) logger.info("demo organization seeded into the empty database");
  }
  const dispatcher = config.dispatcherInServer ? startDispatcher(runtime) : undefined;
  const stopHousekeeping = startHousekeeping(runtime.context);
  const app = await buildApp({ context: runtime.context, webRoot });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    stopHousekeeping();
    await app.close();
    await dispatcher?.stop();
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
  stopHousekeeping();
  await app.close();
  await dispatcher?.stop();
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
  // Vite bundles React's development runtime when NODE_ENV is anything but "production" (tests
  // start the server with NODE_ENV=test), so the build sets it for its own duration.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await vite.build({ configFile: `${projectRoot}vite.config.ts`, logLevel: "warn", mode: "production" });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
