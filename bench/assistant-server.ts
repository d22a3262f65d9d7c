/**
 * The HTTP server of the scheduling-assistant benchmark, run as a child process of
 * bench/assistant.ts so that the clients do not share its event loop. It starts the runtime of
 * `rondo serve` (settings from the environment, PostgreSQL from DATABASE_URL, change feed) but
 * serves no web assets, so it needs no `npm run build`. Once listening it sends
 * `{ port }` to the parent over IPC. SIGTERM, or the end of the parent, stops it.
 */
import type { AddressInfo } from "node:net";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { attachChangeFeed, startRuntime } from "../src/runtime.js";
import { buildApp } from "../src/server/app.js";

const config = loadConfig();
const logger = createLogger(config);
const runtime = await startRuntime(config, logger, "assistant benchmark server");
await attachChangeFeed(runtime);
const app = await buildApp({ context: runtime.context });
await app.listen({ host: config.host, port: config.port });
const { port } = app.server.address() as AddressInfo;
logger.info({ port }, "assistant benchmark server listening");
process.send?.({ port });

function stop(reason: string): void {
  logger.info({ reason }, "assistant benchmark server stopping");
  void app
    .close()
    .then(() => runtime.close())
    .finally(() => process.exit(0));
}

process.once("SIGTERM", () => stop("SIGTERM"));
// The parent benchmark ended without stopping the server, for example after a crash.
process.once("disconnect", () => stop("parent disconnected"));
