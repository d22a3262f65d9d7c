/**
 * Benchmark of the customer spreadsheet import: 10,000 rows created, then the same rows updated,
 * through the HTTP API on an embedded PGlite database (and on the PostgreSQL server named by
 * BENCH_DATABASE_URL when set). Writes bench/results/customer-import.json.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { type DatabaseHandle, openDatabase } from "../src/db/database.js";
import { migrate } from "../src/db/migrate.js";
import { systemClock } from "../src/domain/clock.js";
import { buildApp } from "../src/server/app.js";
import type { ServiceContext } from "../src/services/context.js";
import { createOrganization } from "../src/services/organization-service.js";
import { PasswordHasher, SecretHasher } from "../src/services/secrets.js";
import { type BenchResult, machineDescription, percentile, writeResult } from "./support.js";

const ROW_COUNT = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? (process.argv.includes("--quick") ? 1 : 3));

/** A French Excel export: semicolons, decimal commas, national mobile numbers, accents. */
function spreadsheet(rows: number, city: string): Buffer {
  const lines = ["Référence;Nom;Prénom;Email;Portable;Adresse;Code postal;Ville;Latitude;Longitude"];
  for (let index = 0; index < rows; index++) {
    lines.push(
      `C${String(index + 1).padStart(6, "0")};Lefèvre-${index};Hélène;h.lefevre${index}@example.fr;` +
        `06${String(index).padStart(8, "0")};${index} rue de l'Église;69002;${city};` +
        `45,${String(7000 + (index % 1000))};4,${String(8300 + (index % 100))}`,
    );
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

async function measure(engine: "pglite" | "postgres"): Promise<BenchResult> {
  const createMs: number[] = [];
  const updateMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const database: DatabaseHandle =
      engine === "postgres"
        ? await openDatabase({ kind: "postgres", url: process.env.BENCH_DATABASE_URL!, poolSize: 4 })
        : await openDatabase({ kind: "pglite-memory" });
    await migrate(database.db);
    const config = loadConfig({
      NODE_ENV: "test",
      SECRET_KEY: "bench-secret-key-0123456789abcdef012345",
      PASSWORD_HASH_COST: "low",
    });
    const context: ServiceContext = {
      db: database.db,
      clock: systemClock,
      config,
      logger: pino({ level: "silent" }),
      secrets: new SecretHasher(config.secretKey),
      passwords: new PasswordHasher("low"),
    };
    const email = `bench-${randomUUID().slice(0, 8)}@bench.example`;
    const { businessUnit } = await createOrganization(context, {
      name: "Bench",
      businessUnit: { code: "BENCH", name: "Bench", timeZone: "Europe/Paris", language: "fr", country: "FR" },
      admin: { email, name: "Bench Admin", password: "bench password 123", roles: ["admin"] },
      passwordsAlreadyChosen: true,
    });
    const app = await buildApp({ context });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: "bench password 123" },
    });
    const cookie = login.cookies.map((entry) => `${entry.name}=${entry.value}`).join("; ");
    const url = `/api/business-units/${businessUnit.id}/customer-imports`;
    for (const [mode, city, sink] of [
      ["create", "Lyon", createMs],
      ["update", "Villeurbanne", updateMs],
    ] as const) {
      const payload = {
        fileName: "clients.csv",
        contentBase64: spreadsheet(ROW_COUNT, city).toString("base64"),
        mode,
      };
      const started = performance.now();
      const response = await app.inject({ method: "POST", url, headers: { cookie }, payload });
      sink.push(performance.now() - started);
      const report = response.json() as { created: number; updated: number; rejected: number };
      const expected = mode === "create" ? report.created : report.updated;
      if (response.statusCode !== 200 || expected !== ROW_COUNT || report.rejected !== 0) {
        throw new Error(`${mode} import failed: ${response.statusCode} ${response.body.slice(0, 300)}`);
      }
    }
    await app.close();
    await database.close();
  }
  return {
    scenario: `customer import ${ROW_COUNT} rows (${engine})`,
    engine,
    rows: ROW_COUNT,
    runs: RUNS,
    createP50Ms: Math.round(percentile(createMs, 50)),
    createMaxMs: Math.round(Math.max(...createMs)),
    updateP50Ms: Math.round(percentile(updateMs, 50)),
    updateMaxMs: Math.round(Math.max(...updateMs)),
    goalMs: 30_000,
  };
}

export async function runCustomerImportBench(): Promise<BenchResult[]> {
  const results = [await measure("pglite")];
  if (process.env.BENCH_DATABASE_URL) results.push(await measure("postgres"));
  writeResult("customer-import.json", {
    machine: machineDescription(),
    date: new Date().toISOString(),
    results,
  });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await runCustomerImportBench());
}
