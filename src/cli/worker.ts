import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { attachChangeFeed, startDispatcher, startRuntime } from "../runtime.js";

/**
 * `rondo worker`: drains the outbox in its own process, beside servers started with
 * DISPATCHER_IN_SERVER=false. Needs a PostgreSQL server, since the embedded database admits one
 * process only.
 */
export async function runWorker(): Promise<number> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    console.error(
      "rondo worker needs a PostgreSQL server (set DATABASE_URL): the embedded database admits one process, and `rondo serve` already drains the outbox.",
    );
    return 1;
  }
  const logger = createLogger(config);
  const runtime = await startRuntime(config, logger, "rondo worker");
  await attachChangeFeed(runtime);
  const dispatcher = startDispatcher(runtime);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "worker shutting down");
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await dispatcher.stop();
  await runtime.close();
  return 0;
}
