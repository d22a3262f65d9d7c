import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations, users } from "./tenancy.js";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A signed-in staff session. The cookie carries a random token; only its HMAC is stored, so a
 * leaked table cannot be replayed.
 */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    tokenHash: text("token_hash").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The organization the session works in; a user may belong to several. */
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id),
    createdAt: instant("created_at").notNull(),
    lastSeenAt: instant("last_seen_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (table) => [index("staff_sessions_user_idx").on(table.userId)],
);

/**
 * Fixed-window counters for rate limits, shared by every server process. The key names the
 * limit and an HMAC of the subject (account or address), never the raw value.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    key: text("key").notNull(),
    windowStart: instant("window_start").notNull(),
    count: integer("count").notNull(),
    expiresAt: instant("expires_at").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.key, table.windowStart] }),
    index("rate_limit_expiry_idx").on(table.expiresAt),
  ],
);
