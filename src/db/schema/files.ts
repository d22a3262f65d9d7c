import { sql } from "drizzle-orm";
import { customType, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { instant } from "./columns.js";
import { organizations } from "./tenancy.js";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/**
 * Uploaded files (photos, signatures, logos) kept in the database so that it stays the only
 * store; the service enforces the size limits before writing.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    businessUnitId: uuid("business_unit_id"),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    createdAt: instant("created_at").notNull(),
    createdBy: uuid("created_by"),
  },
  (table) => [primaryKey({ columns: [table.organizationId, table.id] })],
);
