import { and, asc, desc, eq, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { type Executor, queryRows } from "../db/database.js";
import { businessUnitCounters, customerImports, customers, organizations } from "../db/schema/index.js";

export type CustomerRow = typeof customers.$inferSelect;
/** The columns a caller sets; the repository fills the tenant, the unit and the timestamps. */
export type CustomerFields = Omit<
  typeof customers.$inferInsert,
  "organizationId" | "businessUnitId" | "id" | "createdAt" | "updatedAt"
>;
export type CustomerImportRow = typeof customerImports.$inferSelect;
export type CustomerImportSummary = Omit<CustomerImportRow, "report">;

/** Filters and page of a customer list; every filter is optional, and they combine with AND. */
export interface CustomerFilter {
  search?: CustomerSearch;
  /** true: only customers with coordinates; false: only those without. */
  located?: boolean;
  limit: number;
  offset: number;
}

/**
 * One search text in the forms each column is compared in. A customer matches when any
 * column matches.
 */
export interface CustomerSearch {
  /** `searchKey` of the text, matched anywhere in the display name's key. */
  nameKey: string;
  /** Lower-cased text, matched anywhere in the reference. */
  reference: string;
  /** Normalized email text, matched anywhere in the normalized address. */
  email: string;
  /** E.164 numbers the text stands for, matched exactly against phone and mobile. */
  phoneNumbers: string[];
  /** Digits of a partly typed number without its trunk 0, matched anywhere in phone and mobile. */
  phoneDigits?: string;
}

/** The counter that generated customer references are taken from. */
export const CUSTOMER_REFERENCE_COUNTER = "customer_reference";

/** Customers and their imports, scoped by organization inside every query. */
export function customerRepository(db: Executor, organizationId: string) {
  const inUnit = (businessUnitId: string) =>
    and(eq(customers.organizationId, organizationId), eq(customers.businessUnitId, businessUnitId));

  return {
    /** One page of the unit's customers sorted by display name, with the count of all matches. */
    async list(
      businessUnitId: string,
      filter: CustomerFilter,
    ): Promise<{ rows: CustomerRow[]; total: number }> {
      const conditions: (SQL | undefined)[] = [inUnit(businessUnitId)];
      if (filter.search) conditions.push(searchCondition(filter.search));
      if (filter.located === true) conditions.push(isNotNull(customers.latitude));
      if (filter.located === false) conditions.push(isNull(customers.latitude));
      const where = and(...conditions);

      const rows = await db
        .select()
        .from(customers)
        .where(where)
        .orderBy(asc(customers.searchKey), asc(customers.reference))
        .limit(filter.limit)
        .offset(filter.offset);
      const [count] = await db.select({ total: sql<number>`count(*)::int` }).from(customers).where(where);
      return { rows, total: count?.total ?? 0 };
    },

    /** Lists every customer of the unit sorted by display name, for an export. */
    async listAll(businessUnitId: string): Promise<CustomerRow[]> {
      return db
        .select()
        .from(customers)
        .where(inUnit(businessUnitId))
        .orderBy(asc(customers.searchKey), asc(customers.reference));
    },

    async find(businessUnitId: string, id: string): Promise<CustomerRow | undefined> {
      const [row] = await db
        .select()
        .from(customers)
        .where(and(inUnit(businessUnitId), eq(customers.id, id)))
        .limit(1);
      return row;
    },

    /** Finds a customer of the organization in whichever unit it is, for callers that hold only its id. */
    async findInOrganization(id: string): Promise<CustomerRow | undefined> {
      const [row] = await db
        .select()
        .from(customers)
        .where(and(eq(customers.organizationId, organizationId), eq(customers.id, id)))
        .limit(1);
      return row;
    },

    /** Finds, in one query, the unit's customers whose reference is one of `references`. */
    async findByReferences(businessUnitId: string, references: readonly string[]): Promise<CustomerRow[]> {
      if (references.length === 0) return [];
      return db
        .select()
        .from(customers)
        .where(
          and(inUnit(businessUnitId), sql`${customers.reference} = ANY(${sql.param(references)}::text[])`),
        );
    },

    /** Returns those of `references` that a customer of the unit already has. */
    async listTakenReferences(businessUnitId: string, references: readonly string[]): Promise<string[]> {
      if (references.length === 0) return [];
      const rows = await db
        .select({ reference: customers.reference })
        .from(customers)
        .where(
          and(inUnit(businessUnitId), sql`${customers.reference} = ANY(${sql.param(references)}::text[])`),
        );
      return rows.map((row) => row.reference);
    },

    async insert(businessUnitId: string, fields: CustomerFields, now: Date): Promise<CustomerRow> {
      const [row] = await db
        .insert(customers)
        .values({ ...fields, organizationId, businessUnitId, createdAt: now, updatedAt: now })
        .returning();
      return row!;
    },

    /**
     * Inserts customers with one multi-row INSERT; keep batches to a few hundred rows, because
     * each row takes about 25 parameters. The ids are chosen by the caller.
     */
    async insertMany(
      businessUnitId: string,
      rows: readonly (CustomerFields & { id: string })[],
      now: Date,
    ): Promise<void> {
      if (rows.length === 0) return;
      await db.insert(customers).values(
        rows.map((fields) => ({
          ...fields,
          organizationId,
          businessUnitId,
          createdAt: now,
          updatedAt: now,
        })),
      );
    },

    async update(
      businessUnitId: string,
      id: string,
      changes: Partial<CustomerFields>,
      now: Date,
    ): Promise<CustomerRow | undefined> {
      const [row] = await db
        .update(customers)
        .set({ ...changes, updatedAt: now })
        .where(and(inUnit(businessUnitId), eq(customers.id, id)))
        .returning();
      return row;
    },

    /**
     * Overwrites every field of several customers with one UPDATE that reads the new values from a
     * JSON parameter. Returns the number of rows updated, which is lower than `rows.length` when a
     * customer no longer exists.
     */
    async updateMany(
      businessUnitId: string,
      rows: readonly (CustomerFields & { id: string })[],
      now: Date,
    ): Promise<number> {
      if (rows.length === 0) return 0;
      const values = JSON.stringify(rows.map(toSnakeCaseRecord));
      const updated = await queryRows<{ id: string }>(
        db,
        sql`UPDATE customers AS c SET
              reference = v.reference, type = v.type, first_name = v.first_name,
              last_name = v.last_name, company_name = v.company_name, display_name = v.display_name,
              search_key = v.search_key, email = v.email, email_normalized = v.email_normalized,
              phone = v.phone, mobile = v.mobile, address_line1 = v.address_line1,
              address_line2 = v.address_line2, postcode = v.postcode, city = v.city,
              country = v.country, latitude = v.latitude, longitude = v.longitude,
              language = v.language, time_zone = v.time_zone,
              custom_fields = coalesce(v.custom_fields, '{}'::jsonb), comments = v.comments,
              portal_access = v.portal_access, updated_at = ${now.toISOString()}::timestamptz
            FROM jsonb_to_recordset(${values}::jsonb) AS v(
              id uuid, reference text, type text, first_name text, last_name text,
              company_name text, display_name text, search_key text, email text,
              email_normalized text, phone text, mobile text, address_line1 text,
              address_line2 text, postcode text, city text, country text,
              latitude double precision, longitude double precision, language text,
              time_zone text, custom_fields jsonb, comments text, portal_access boolean)
            WHERE c.organization_id = ${organizationId} AND c.business_unit_id = ${businessUnitId}
              AND c.id = v.id
            RETURNING c.id`,
      );
      return updated.length;
    },

    async delete(businessUnitId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(customers)
        .where(and(inUnit(businessUnitId), eq(customers.id, id)))
        .returning({ id: customers.id });
      return rows.length > 0;
    },

    /**
     * Advances a per-unit counter by `count` and returns its new value, so the caller owns the
     * values from `value - count + 1` to `value`. The upsert locks the counter row until the
     * transaction ends, so concurrent callers get distinct values.
     */
    async advanceCounter(businessUnitId: string, name: string, count: number): Promise<number> {
      const [row] = await db
        .insert(businessUnitCounters)
        .values({ organizationId, businessUnitId, name, value: count })
        .onConflictDoUpdate({
          target: [
            businessUnitCounters.organizationId,
            businessUnitCounters.businessUnitId,
            businessUnitCounters.name,
          ],
          set: { value: sql`${businessUnitCounters.value} + ${count}` },
        })
        .returning({ value: businessUnitCounters.value });
      return row!.value;
    },

    async insertImport(
      values: Omit<typeof customerImports.$inferInsert, "organizationId">,
    ): Promise<CustomerImportRow> {
      const [row] = await db
        .insert(customerImports)
        .values({ ...values, organizationId })
        .returning();
      return row!;
    },

    async findImport(businessUnitId: string, id: string): Promise<CustomerImportRow | undefined> {
      const [row] = await db
        .select()
        .from(customerImports)
        .where(
          and(
            eq(customerImports.organizationId, organizationId),
            eq(customerImports.businessUnitId, businessUnitId),
            eq(customerImports.id, id),
          ),
        )
        .limit(1);
      return row;
    },

    /** Lists the unit's latest imports, newest first, without their reports. */
    async listImports(businessUnitId: string, limit: number): Promise<CustomerImportSummary[]> {
      return db
        .select({
          organizationId: customerImports.organizationId,
          id: customerImports.id,
          businessUnitId: customerImports.businessUnitId,
          fileName: customerImports.fileName,
          mode: customerImports.mode,
          encoding: customerImports.encoding,
          separator: customerImports.separator,
          dryRun: customerImports.dryRun,
          created: customerImports.created,
          updated: customerImports.updated,
          skipped: customerImports.skipped,
          rejected: customerImports.rejected,
          createdAt: customerImports.createdAt,
          createdBy: customerImports.createdBy,
        })
        .from(customerImports)
        .where(
          and(
            eq(customerImports.organizationId, organizationId),
            eq(customerImports.businessUnitId, businessUnitId),
          ),
        )
        .orderBy(desc(customerImports.createdAt), desc(customerImports.id))
        .limit(limit);
    },
  };
}

function searchCondition(search: CustomerSearch): SQL | undefined {
  const contains = (text: string) => `%${escapeLike(text)}%`;
  const matches: (SQL | undefined)[] = [
    sql`${customers.searchKey} LIKE ${contains(search.nameKey)}`,
    sql`lower(${customers.reference}) LIKE ${contains(search.reference)}`,
    sql`${customers.emailNormalized} LIKE ${contains(search.email)}`,
  ];
  if (search.phoneNumbers.length > 0) {
    matches.push(
      sql`${customers.phone} = ANY(${sql.param(search.phoneNumbers)}::text[])`,
      sql`${customers.mobile} = ANY(${sql.param(search.phoneNumbers)}::text[])`,
    );
  }
  if (search.phoneDigits) {
    matches.push(
      sql`${customers.phone} LIKE ${contains(search.phoneDigits)}`,
      sql`${customers.mobile} LIKE ${contains(search.phoneDigits)}`,
    );
  }
  return or(...matches);
}

/** Escapes the LIKE wildcards, with the backslash that PostgreSQL takes as the default escape. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function toSnakeCaseRecord(row: CustomerFields & { id: string }): Record<string, unknown> {
  return {
    id: row.id,
    reference: row.reference,
    type: row.type,
    first_name: row.firstName ?? null,
    last_name: row.lastName ?? null,
    company_name: row.companyName ?? null,
    display_name: row.displayName,
    search_key: row.searchKey,
    email: row.email ?? null,
    email_normalized: row.emailNormalized ?? null,
    phone: row.phone ?? null,
    mobile: row.mobile ?? null,
    address_line1: row.addressLine1 ?? null,
    address_line2: row.addressLine2 ?? null,
    postcode: row.postcode ?? null,
    city: row.city ?? null,
    country: row.country,
    latitude: row.latitude ?? null,
    longitude: row.longitude ?? null,
    language: row.language,
    time_zone: row.timeZone ?? null,
    custom_fields: row.customFields ?? {},
    comments: row.comments ?? null,
    portal_access: row.portalAccess,
  };
}

/**
 * Ids of the organizations, at most `limit` of them. Only the command line uses it, to choose
 * the business unit when the database contains a single organization; the API always works
 * inside one organization.
 */
export async function listOrganizationIdsForCommandLine(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .orderBy(asc(organizations.id))
    .limit(limit);
  return rows.map((row) => row.id);
}
