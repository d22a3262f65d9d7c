import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "./database.js";

const migrationsFolder = fileURLToPath(new URL("./migrations/", import.meta.url));

/** Any fixed number works; it only has to differ from other advisory locks of the application. */
const MIGRATION_LOCK_KEY = 7_450_211;

interface JournalEntry {
  idx: number;
  tag: string;
}

/**
 * Applies the committed drizzle-kit migrations that the database lacks, in one transaction
 * under an advisory lock, so that processes starting together do not race. Returns the tags
 * it applied.
 */
export async function migrate(db: Database): Promise<string[]> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}meta/_journal.json`, "utf8")) as {
    entries: JournalEntry[];
  };
  const entries = [...journal.entries].sort((a, b) => a.idx - b.idx);

  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await tx.execute(sql`
      CREATE TABLE IF NOT EXISTS rondo_migrations (
        tag text PRIMARY KEY,
        sha256 text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    const applied = await queryRows<{ tag: string; sha256: string }>(
      tx,
      sql`SELECT tag, sha256 FROM rondo_migrations`,
    );
    const appliedByTag = new Map(applied.map((row) => [row.tag, row.sha256]));

    const newlyApplied: string[] = [];
    for (const entry of entries) {
      const text = readFileSync(`${migrationsFolder}${entry.tag}.sql`, "utf8");
      const digest = createHash("sha256").update(text).digest("hex");
      const known = appliedByTag.get(entry.tag);
      if (known !== undefined) {
        if (known !== digest) {
          throw new Error(
            `Migration ${entry.tag} was changed after it was applied. Committed migrations must not be edited; add a new one.`,
          );
        }
        continue;
      }
      for (const statement of text.split("--> statement-breakpoint")) {
        if (statement.replace(/--[^\n]*/g, "").trim() === "") continue;
        await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`INSERT INTO rondo_migrations (tag, sha256) VALUES (${entry.tag}, ${digest})`);
      newlyApplied.push(entry.tag);
    }
    return newlyApplied;
  });
}
