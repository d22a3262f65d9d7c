import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/database.js";
import { migrate } from "../../src/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** File holding a migrated PGlite data directory, loaded by each test file. */
    pgliteDumpPath: string;
  }
}

/**
 * Migrates once for the whole run. On PGlite, the migrated data directory is dumped so that
 * each test file loads it in well under a second instead of migrating again.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const handle = await openDatabase({ kind: "postgres", url: serverUrl, poolSize: 1 });
    await migrate(handle.db);
    await handle.close();
    project.provide("pgliteDumpPath", "");
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), "rondo-test-"));
  const handle = await openDatabase({ kind: "pglite-memory" });
  await migrate(handle.db);
  const dump = await handle.pglite!.dumpDataDir("none");
  const dumpPath = join(folder, "migrated.tar");
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide("pgliteDumpPath", dumpPath);
  return () => rmSync(folder, { recursive: true, force: true });
}
