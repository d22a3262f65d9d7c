import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { type Browser, type BrowserContext, chromium } from "playwright-core";
import { loadConfig } from "../../src/config.js";
import { type DatabaseHandle, openDatabase } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";
import { systemClock } from "../../src/domain/clock.js";
import type { ServiceContext } from "../../src/services/context.js";
import { PasswordHasher, SecretHasher } from "../../src/services/secrets.js";

const projectRoot = join(import.meta.dirname, "..", "..");
const SECRET_KEY = "e2e-secret-key-0123456789abcdef0123456789";

/** The flags this machine needs: no sandbox as root, and no background calls to the network. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  /** Ends the process at once with SIGKILL, as a crash would. */
  kill(): Promise<void>;
  output(): string;
}

export interface E2eDatabase {
  environment: Record<string, string>;
  /** Runs `prepare` against the database the server will use, before the server starts. */
  prepare<T>(prepare: (context: ServiceContext) => Promise<T>): Promise<T>;
  cleanup(): void;
}

/** The server database: the TEST_DATABASE_URL server, or a new embedded one in a temporary folder. */
export function e2eDatabase(): E2eDatabase {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), "rondo-e2e-"));
  const environment: Record<string, string> = serverUrl
    ? { DATABASE_URL: serverUrl, DATA_DIR: dataDir }
    : { DATA_DIR: dataDir };
  return {
    environment,
    async prepare(prepare) {
      const handle: DatabaseHandle = serverUrl
        ? await openDatabase({ kind: "postgres", url: serverUrl, poolSize: 2 })
        : await openDatabase({ kind: "pglite", dataDir, command: "e2e test set-up" });
      try {
        await migrate(handle.db);
        const config = loadConfig({ ...environment, NODE_ENV: "test", SECRET_KEY });
        return await prepare({
          db: handle.db,
          clock: systemClock,
          config,
          logger: pino({ level: "silent" }),
          secrets: new SecretHasher(SECRET_KEY),
          passwords: new PasswordHasher("normal"),
        });
      } finally {
        await handle.close();
      }
    },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts `rondo serve` as a separate process and waits until it answers /readyz. */
export async function startServer(environment: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [join(projectRoot, "bin", "rondo.js"), "serve"], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      PORT: String(port),
      SECRET_KEY,
      ...environment,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`rondo serve exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (Date.now() >= deadline) throw new Error(`rondo serve did not become ready:\n${output}`);

  return {
    url,
    output: () => output,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        // A server that has not exited 10 s after SIGTERM is killed, so a hung stop fails no test run.
        const killTimer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(killTimer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** A fresh browser profile with an English UI, the size of a laptop screen. */
export function newContext(
  browser: Browser,
  options: { locale?: string; width?: number } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    locale: options.locale ?? "en-GB",
    viewport: { width: options.width ?? 1280, height: 800 },
  });
}
