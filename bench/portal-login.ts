/**
 * Benchmark of C39 (account enumeration through code requests): the latency of
 * `POST /portal-api/auth/code` for known and unknown emails and phone numbers, interleaved, each
 * request from its own client address, on an embedded PGlite database. The answer leaves before
 * the lookup, so the distributions should match. Writes bench/results/portal-login.json.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import pino from "pino";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/database.js";
import { migrate } from "../src/db/migrate.js";
import { businessUnits, customers } from "../src/db/schema/index.js";
import { systemClock } from "../src/domain/clock.js";
import { buildApp } from "../src/server/app.js";
import type { ServiceContext } from "../src/services/context.js";
import { createOrganization } from "../src/services/organization-service.js";
import { settlePortalCodeRequests } from "../src/services/portal/login-service.js";
import { PasswordHasher, SecretHasher } from "../src/services/secrets.js";
import { type BenchResult, machineDescription, percentile, writeResult } from "./support.js";

const RUNS = process.argv.includes("--quick") ? 50 : 300;

export async function runPortalLoginBench(): Promise<BenchResult[]> {
  const database = await openDatabase({ kind: "pglite-memory" });
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
  const { organization, businessUnit } = await createOrganization(context, {
    name: "Bench",
    businessUnit: { code: "BENCH", name: "Bench", timeZone: "Europe/Paris", language: "fr", country: "FR" },
    admin: {
      email: `bench-${randomUUID().slice(0, 8)}@bench.example`,
      name: "Admin",
      password: "bench password 123",
      roles: ["admin"],
    },
    passwordsAlreadyChosen: true,
  });
  await context.db
    .update(businessUnits)
    .set({ portalEnabled: true })
    .where(eq(businessUnits.id, businessUnit.id));
  const now = new Date();
  await context.db.insert(customers).values({
    organizationId: organization.id,
    businessUnitId: businessUnit.id,
    reference: "C000001",
    type: "individual",
    firstName: "Léa",
    lastName: "Dupré",
    displayName: "Léa Dupré",
    searchKey: "lea dupre",
    email: "lea.dupre@example.com",
    emailNormalized: "lea.dupre@example.com",
    mobile: "+33612345678",
    country: "FR",
    language: "fr",
    portalAccess: true,
    createdAt: now,
    updatedAt: now,
  });
  const app = await buildApp({ context });
  const identifiers = {
    "known email": "lea.dupre@example.com",
    "unknown email": "nobody@example.com",
    "known phone": "06 12 34 56 78",
    "unknown phone": "06 98 76 54 32",
  } as const;
  const samples = new Map<string, number[]>(Object.keys(identifiers).map((kind) => [kind, []]));
  let address = 0;
  for (let run = 0; run < RUNS; run++) {
    for (const [kind, identifier] of Object.entries(identifiers)) {
      address++;
      const started = performance.now();
      const response = await app.inject({
        method: "POST",
        url: "/portal-api/auth/code",
        payload: { identifier },
        remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
      });
      samples.get(kind)!.push(performance.now() - started);
      if (response.statusCode !== 202) throw new Error(`${kind}: ${response.statusCode} ${response.body}`);
      await settlePortalCodeRequests();
    }
  }
  await app.close();
  await database.close();
  const results: BenchResult[] = [...samples].map(([kind, values]) => ({
    identifier: kind,
    requests: values.length,
    p50Ms: Number(percentile(values, 50).toFixed(2)),
    p95Ms: Number(percentile(values, 95).toFixed(2)),
  }));
  writeResult("portal-login.json", {
    machine: machineDescription(),
    date: new Date().toISOString(),
    results,
  });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await runPortalLoginBench());
