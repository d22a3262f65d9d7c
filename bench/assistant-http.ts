/**
 * HTTP plumbing of the scheduling-assistant benchmark: the server child process on 127.0.0.1,
 * staff sign-in and timed requests.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const SERVER_SCRIPT = join(import.meta.dirname, "assistant-server.ts");
const START_TIMEOUT_MS = 60_000;

export interface BenchServer {
  origin: string;
  /** The server's log (pino JSON lines at level info), kept after the run for inspection. */
  logFile: string;
  stop(): Promise<void>;
}

function logTail(logFile: string): string {
  return readFileSync(logFile, "utf8").split("\n").slice(-20).join("\n");
}

/**
 * Starts bench/assistant-server.ts under tsx, with the settings of a production server
 * (NODE_ENV=production, log level info) on the database at `databaseUrl`, listening on a free
 * port of 127.0.0.1.
 */
export async function startServer(databaseUrl: string): Promise<BenchServer> {
  const folder = mkdtempSync(join(tmpdir(), "rondo-bench-"));
  const logFile = join(folder, "server.log");
  const log = openSync(logFile, "a");
  // BENCH_CPU_PROFILE_DIR makes the server write a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE_DIR;
  const profileArguments = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profileArguments, "--import", "tsx", SERVER_SCRIPT],
    {
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: "0",
        PUBLIC_URL: "http://127.0.0.1",
        DATA_DIR: folder,
        DATABASE_URL: databaseUrl,
        SECRET_KEY: randomBytes(32).toString("base64url"),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", log, log, "ipc"],
    },
  );
  closeSync(log);

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(
        new Error(`The benchmark server did not start within ${START_TIMEOUT_MS} ms:\n${logTail(logFile)}`),
      );
    }, START_TIMEOUT_MS);
    child.once("message", (message: { port?: number }) => {
      clearTimeout(timer);
      if (typeof message.port === "number") resolve(message.port);
      else reject(new Error(`Unexpected message from the benchmark server: ${JSON.stringify(message)}`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(
        new Error(`The benchmark server exited with code ${code} before listening:\n${logTail(logFile)}`),
      );
    });
  });

  return {
    origin: `http://127.0.0.1:${port}`,
    logFile,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Signs in through POST /api/auth/login and returns the Cookie header for later requests. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) {
    throw new Error(`Sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  }
  await response.arrayBuffer();
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

export interface TimedResponse {
  status: number;
  body: string;
  /** From sending the request to the end of the body. */
  ms: number;
}

/** Sends one request and reads the whole body, timing both. */
export async function timedRequest(url: string, init: RequestInit): Promise<TimedResponse> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}
