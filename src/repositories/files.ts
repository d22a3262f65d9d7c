import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../db/database.js";
import { storedFiles } from "../db/schema/index.js";

export type StoredFileRow = typeof storedFiles.$inferSelect;
export type StoredFileSummary = Omit<StoredFileRow, "content">;

/** Files stored in the database, scoped by organization. */
export function fileRepository(db: Executor, organizationId: string) {
  const summaryColumns = {
    organizationId: storedFiles.organizationId,
    id: storedFiles.id,
    businessUnitId: storedFiles.businessUnitId,
    fileName: storedFiles.fileName,
    contentType: storedFiles.contentType,
    sizeBytes: storedFiles.sizeBytes,
    sha256: storedFiles.sha256,
    createdAt: storedFiles.createdAt,
    createdBy: storedFiles.createdBy,
  };
  return {
    async insert(
      values: Omit<typeof storedFiles.$inferInsert, "organizationId" | "id">,
    ): Promise<StoredFileSummary> {
      const [row] = await db
        .insert(storedFiles)
        .values({ ...values, organizationId })
        .returning(summaryColumns);
      return row!;
    },

    async find(id: string): Promise<StoredFileRow | undefined> {
      const [row] = await db
        .select()
        .from(storedFiles)
        .where(and(eq(storedFiles.organizationId, organizationId), eq(storedFiles.id, id)))
        .limit(1);
      return row;
    },

    async existingIds(ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db
        .select({ id: storedFiles.id })
        .from(storedFiles)
        .where(and(eq(storedFiles.organizationId, organizationId), inArray(storedFiles.id, ids)));
      return new Set(rows.map((row) => row.id));
    },
  };
}
