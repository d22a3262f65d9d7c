import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { type ExtractTablesWithRelations, type SQL, sql } from "drizzle-orm";
import { drizzle as drizzleNodePostgres } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { acquireDataDirLock } from "./lock-file.js";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  engine: "pglite" | "postgres";
  /** The PGlite instance when embedded, for in-process notifications and dumps. */
  pglite?: PGlite;
  /** The pool when on a server, for dedicated LISTEN connections. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export type DatabaseLocation =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string; command: string }
  | { kind: "pglite-memory"; loadDataDir?: Blob };

// `date` columns stay strings (YYYY-MM-DD) on the pg driver, as they are on PGlite through drizzle.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/** Opens the database; every PGlite open in the application and its tests goes through here. */
export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  if (location.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: location.url,
      max: location.poolSize ?? 10,
      options: "-c TimeZone=UTC",
    });
    pool.on("error", () => {
      // An idle client lost its connection; the pool replaces it on the next query.
    });
    const db = drizzleNodePostgres(pool, { schema }) as unknown as Database;
    return { db, engine: "postgres", pool, close: () => pool.end() };
  }

  let release: (() => void) | undefined;
  let dataDir: string | undefined;
  if (location.kind === "pglite") {
    release = acquireDataDirLock(location.dataDir, location.command);
    dataDir = join(location.dataDir, "pglite");
  }
  try {
    const pglite = await PGlite.create({
      dataDir,
      extensions: { btree_gist },
      ...(location.kind === "pglite-memory" && location.loadDataDir
        ? { loadDataDir: location.loadDataDir }
        : {}),
    });
    await pglite.exec("SET TimeZone = 'UTC'");
    const db = drizzlePglite(pglite, { schema }) as unknown as Database;
    return {
      db,
      engine: "pglite",
      pglite,
      close: async () => {
        await pglite.close();
        release?.();
      },
    };
  } catch (error) {
    release?.();
    throw error;
  }
}

/** Checks that the database answers; used by the readiness probe. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.execute(sql`SELECT 1`);
}

/**
 * Runs a raw SQL query and returns its rows, whichever engine answers. Numbers from
 * `count(*)` arrive as strings from `pg`: cast them in SQL (`count(*)::int`).
 */
export async function queryRows<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
