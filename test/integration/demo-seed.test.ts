import { type SQL, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { estimateTravel } from "../../src/domain/scheduling/travel.js";
import { dayAvailability, isWithinWorkingTime } from "../../src/domain/scheduling/working-time/index.js";
import { activityRepository } from "../../src/repositories/activities.js";
import { type BusinessUnitRow, businessUnitRepository } from "../../src/repositories/business-units.js";
import { teamRepository } from "../../src/repositories/team.js";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "../../src/services/demo/seed.js";
import { loadWorkingTimeInput } from "../../src/services/team-service.js";
import { createTestContext, type TestContext } from "../helpers/context.js";

/**
 * Thursday 11:00 in Paris. The demo's two weeks (19 March to 2 April 2026) cross the switch to
 * summer time on Sunday 29 March.
 */
const CLOCK = "2026-03-26T10:00:00Z";

let context: TestContext;
let organizationId: string;
let repeatOrganizationId: string;
let lyon: BusinessUnitRow;
let village: BusinessUnitRow;

beforeAll(async () => {
  context = await createTestContext();
  context.clock.set(CLOCK);
  // On a shared server the demo accounts may exist already: they only gain memberships.
  organizationId = (await seedDemo(context)).organizationId!;
  repeatOrganizationId = (await seedDemo(context)).organizationId!;
  const units = businessUnitRepository(context.db, organizationId);
  lyon = (await units.findByCode("LYON"))!;
  village = (await units.findByCode("MONTBONVILLERS"))!;
});

afterAll(async () => {
  await context.close();
});

function rows<T>(query: SQL): Promise<T[]> {
  return queryRows<T>(context.db, query);
}

interface Visit {
  id: string;
  reference: string;
  status: string;
  assignee_id: string;
  start_at: string;
  end_at: string;
  latitude: number | null;
  longitude: number | null;
}

/** Visits of a unit that hold their slot: every assigned activity but the canceled ones. */
function visitsOf(unit: BusinessUnitRow): Promise<Visit[]> {
  return rows<Visit>(sql`
    SELECT id, reference, status, assignee_id,
      to_char(start_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS start_at,
      to_char(end_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS end_at,
      latitude, longitude
    FROM activities
    WHERE organization_id = ${unit.organizationId} AND business_unit_id = ${unit.id}
      AND assignee_id IS NOT NULL AND status <> 'canceled'
    ORDER BY assignee_id, start_at`);
}

/** Computes the working days of a unit's worker over the dates its visits touch. */
async function workingDays(unit: BusinessUnitRow, userId: string, visits: Visit[]) {
  const dates = visits.map((visit) => DateTime.fromISO(visit.start_at, { zone: unit.timeZone }).toISODate()!);
  const sorted = [...dates].sort();
  const range = { from: sorted[0]!, to: sorted.at(-1)! };
  const input = await loadWorkingTimeInput(context.db, unit.organizationId, unit, userId, range);
  return dayAvailability(input, range);
}

function groupByWorker(visits: Visit[]): Map<string, Visit[]> {
  const groups = new Map<string, Visit[]>();
  for (const visit of visits)
    groups.set(visit.assignee_id, [...(groups.get(visit.assignee_id) ?? []), visit]);
  return groups;
}

describe("demo seed", () => {
  it("creates the LYON and MONTBONVILLERS units", async () => {
    const units = await businessUnitRepository(context.db, organizationId).list();

    expect(units.map((unit) => unit.code)).toEqual(["LYON", "MONTBONVILLERS"]);
    expect(lyon).toMatchObject({
      timeZone: "Europe/Paris",
      language: "fr",
      country: "FR",
      portalAccessByDefault: true,
    });
    expect(village).toMatchObject({ timeZone: "Europe/Paris", postcode: "54111", city: "Mont-Bonvillers" });
  });

  it("gives LYON eight configured field workers", async () => {
    const workers = await teamRepository(context.db, organizationId).listFieldWorkers(lyon.id);

    expect(workers).toHaveLength(8);
    expect(workers.map((worker) => worker.email)).toContain("tech@rondo-demo.example");
    expect(workers.every((worker) => worker.profile?.baseLatitude != null)).toBe(true);
    expect(new Set(workers.map((worker) => worker.profile?.colour)).size).toBe(8);
  });

  it("lets demo accounts sign in without a password change", async () => {
    const accounts = await rows<{ email: string; must_change_password: boolean; password_hash: string }>(sql`
      SELECT email, must_change_password, password_hash FROM users
      WHERE email IN (${sql.join(
        DEMO_ACCOUNTS.map((account) => sql`${account.email}`),
        sql`, `,
      )})`);

    expect(accounts).toHaveLength(3);
    for (const account of accounts) {
      expect(account.must_change_password).toBe(false);
      expect(await context.passwords.verify(account.password_hash, DEMO_PASSWORD)).toBe(true);
    }
  });

  it("stores at least 300 LYON customers with valid contacts", async () => {
    const customers = await rows<{
      reference: string;
      email: string | null;
      mobile: string | null;
      latitude: number | null;
    }>(sql`
      SELECT reference, email, mobile, latitude FROM customers
      WHERE organization_id = ${organizationId} AND business_unit_id = ${lyon.id}
      ORDER BY reference`);

    expect(customers.length).toBeGreaterThanOrEqual(300);
    expect(customers[0]!.reference).toBe("C000001");
    expect(customers.at(-1)!.reference).toBe(`C${String(customers.length).padStart(6, "0")}`);
    expect(customers.filter((customer) => customer.latitude === null).length).toBeGreaterThan(0);
    for (const customer of customers) {
      if (customer.email !== null) expect(customer.email).toMatch(/^[a-z0-9.-]+@example\.com$/);
      if (customer.mobile !== null) expect(customer.mobile).toMatch(/^\+33[67]\d{8}$/);
    }
  });

  it("names the survey as follow-up of maintenance", async () => {
    const types = await rows<{
      id: string;
      name: string;
      operating_mode: string;
      follow_up_type_id: string | null;
    }>(
      sql`SELECT id, name, operating_mode, follow_up_type_id FROM activity_types
          WHERE organization_id = ${organizationId} AND business_unit_id = ${lyon.id} ORDER BY name_key`,
    );
    const survey = types.find((type) => type.name === "Enquête de satisfaction");
    const maintenance = types.find((type) => type.name === "Entretien chaudière");

    expect(types.map((type) => type.name)).toEqual([
      "Demande de report",
      "Dépannage",
      "Enquête de satisfaction",
      "Entretien chaudière",
      "Installation pompe à chaleur",
    ]);
    expect(survey?.operating_mode).toBe("remote");
    expect(maintenance?.follow_up_type_id).toBe(survey?.id);
  });

  it("creates one survey per closed maintenance visit", async () => {
    const [counts] = await rows<{ closed: number; surveys: number; orphans: number }>(sql`
      SELECT
        (SELECT count(*)::int FROM activities a JOIN activity_types t
           ON t.organization_id = a.organization_id AND t.id = a.activity_type_id
         WHERE a.organization_id = ${organizationId} AND a.business_unit_id = ${lyon.id}
           AND t.name = 'Entretien chaudière' AND a.status = 'terminated') AS closed,
        (SELECT count(*)::int FROM activities s JOIN activities p
           ON p.organization_id = s.organization_id AND p.id = s.parent_id
         WHERE s.organization_id = ${organizationId} AND s.business_unit_id = ${lyon.id}) AS surveys,
        (SELECT count(*)::int FROM activities s JOIN activity_types t
           ON t.organization_id = s.organization_id AND t.id = s.activity_type_id
         WHERE s.organization_id = ${organizationId} AND t.name = 'Enquête de satisfaction'
           AND s.parent_id IS NULL) AS orphans`);

    expect(counts!.closed).toBeGreaterThan(0);
    expect(counts!.surveys).toBe(counts!.closed);
    expect(counts!.orphans).toBe(0);
  });

  it("leaves at least 20 jobs to schedule", async () => {
    const [row] = await rows<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM activities a JOIN activity_types t
        ON t.organization_id = a.organization_id AND t.id = a.activity_type_id
      WHERE a.organization_id = ${organizationId} AND a.business_unit_id = ${lyon.id}
        AND a.assignee_id IS NULL AND a.status = 'pending' AND t.operating_mode = 'on_site'`);

    expect(row!.count).toBeGreaterThanOrEqual(20);
  });

  it("shows visits in every state", async () => {
    const repository = activityRepository(context.db, organizationId);
    for (const state of [
      "scheduled",
      "in_progress",
      "to_close",
      "terminated",
      "canceled",
      "unscheduled",
    ] as const) {
      const { total } = await repository.list(
        lyon.id,
        { states: [state], limit: 1, offset: 0 },
        context.clock.now(),
      );
      expect(total, state).toBeGreaterThan(0);
    }
  });

  it("never overlaps two open visits of a worker", async () => {
    const [row] = await rows<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM activities a JOIN activities b
        ON b.organization_id = a.organization_id AND b.assignee_id = a.assignee_id AND a.id < b.id
      WHERE a.organization_id = ${organizationId}
        AND a.status IN ('pending', 'in_progress') AND b.status IN ('pending', 'in_progress')
        AND a.start_at < b.end_at AND b.start_at < a.end_at`);

    expect(row!.count).toBe(0);
  });

  it("places every visit inside working time", async () => {
    for (const unit of [lyon, village]) {
      for (const [userId, visits] of groupByWorker(await visitsOf(unit))) {
        const days = await workingDays(unit, userId, visits);
        for (const visit of visits) {
          expect(
            isWithinWorkingTime(days, visit.start_at, visit.end_at),
            `${visit.reference} ${visit.start_at}`,
          ).toBe(true);
        }
      }
    }
  });

  it("leaves travel time from base, between visits and back", async () => {
    for (const unit of [lyon, village]) {
      const workers = await teamRepository(context.db, organizationId).listFieldWorkers(unit.id);
      for (const [userId, visits] of groupByWorker(await visitsOf(unit))) {
        const profile = workers.find((worker) => worker.userId === userId)!.profile!;
        const base = { latitude: profile.baseLatitude!, longitude: profile.baseLongitude! };
        const days = await workingDays(unit, userId, visits);
        for (const day of days) {
          const route = visits.filter(
            (visit) => DateTime.fromISO(visit.start_at, { zone: unit.timeZone }).toISODate() === day.date,
          );
          if (route.length === 0) continue;
          const stops = [
            base,
            ...route.map((visit) => ({ latitude: visit.latitude!, longitude: visit.longitude! })),
            base,
          ];
          const times = [
            Date.parse(day.working[0]!.start),
            ...route.flatMap((visit) => [Date.parse(visit.start_at), Date.parse(visit.end_at)]),
            Date.parse(day.working.at(-1)!.end),
          ];
          for (let leg = 0; leg < stops.length - 1; leg++) {
            const freeMinutes = (times[2 * leg + 1]! - times[2 * leg]!) / 60_000;
            const travel = estimateTravel(stops[leg]!, stops[leg + 1]!);
            expect(freeMinutes, `${day.date} leg ${leg} of ${userId}`).toBeGreaterThanOrEqual(travel.minutes);
          }
        }
      }
    }
  });

  it("keeps the leave week free of visits", async () => {
    const [leave] = await rows<{ user_id: string; start_at: Date; end_at: Date }>(sql`
      SELECT user_id, start_at, end_at FROM unavailabilities WHERE organization_id = ${organizationId}`);
    const visits = (await visitsOf(lyon)).filter((visit) => visit.assignee_id === leave!.user_id);

    expect(new Date(leave!.end_at).getTime() - new Date(leave!.start_at).getTime()).toBe(7 * 86_400_000);
    expect(visits.length).toBeGreaterThan(0);
    for (const visit of visits) {
      const overlaps =
        Date.parse(visit.start_at) < new Date(leave!.end_at).getTime() &&
        Date.parse(visit.end_at) > new Date(leave!.start_at).getTime();
      expect(overlaps, visit.reference).toBe(false);
    }
  });

  it("builds MONTBONVILLERS on the village addresses", async () => {
    const workers = await teamRepository(context.db, organizationId).listFieldWorkers(village.id);
    const customers = await rows<{ postcode: string; city: string; latitude: number }>(sql`
      SELECT postcode, city, latitude FROM customers
      WHERE organization_id = ${organizationId} AND business_unit_id = ${village.id}`);
    const [types] = await rows<{ count: number }>(sql`
      SELECT count(*)::int AS count FROM activity_types
      WHERE organization_id = ${organizationId} AND business_unit_id = ${village.id}`);

    expect(workers).toHaveLength(2);
    expect(customers).toHaveLength(30);
    expect(new Set(customers.map((customer) => `${customer.postcode} ${customer.city}`))).toEqual(
      new Set(["54111 Mont-Bonvillers"]),
    );
    expect(types!.count).toBe(2);
    expect((await visitsOf(village)).length).toBeGreaterThan(10);
  });

  it("repeats the same data at the same clock", async () => {
    const customers = (id: string) =>
      rows<{ reference: string; display_name: string; mobile: string | null; latitude: number | null }>(sql`
        SELECT c.reference, c.display_name, c.mobile, c.latitude FROM customers c
        JOIN business_units b ON b.organization_id = c.organization_id AND b.id = c.business_unit_id
        WHERE c.organization_id = ${id} ORDER BY b.code, c.reference`);
    const activities = (id: string) =>
      rows<{
        reference: string;
        type: string;
        assignee_id: string | null;
        start_at: string | null;
        status: string;
      }>(sql`
        SELECT a.reference, t.name AS type, a.assignee_id, a.status,
          to_char(a.start_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS start_at
        FROM activities a
        JOIN business_units b ON b.organization_id = a.organization_id AND b.id = a.business_unit_id
        JOIN activity_types t ON t.organization_id = a.organization_id AND t.id = a.activity_type_id
        WHERE a.organization_id = ${id} ORDER BY b.code, a.reference`);

    const firstCustomers = await customers(organizationId);
    const firstActivities = await activities(organizationId);

    expect(firstActivities.length).toBeGreaterThan(300);
    expect(await customers(repeatOrganizationId)).toEqual(firstCustomers);
    expect(await activities(repeatOrganizationId)).toEqual(firstActivities);
  });
});

describe("demo customer portal", () => {
  it("opens LYON's portal with its types shown and the two customers the README lists", async () => {
    expect(lyon.portalEnabled).toBe(true);
    expect(lyon.portalSlug).toMatch(/^thermique-rhone(-[0-9a-f]{8})?$/);
    expect(lyon.portalLogoFileId).not.toBeNull();
    expect(village.portalEnabled).toBe(false);
    const shown = await rows<{ name: string }>(sql`
      SELECT name FROM activity_types
      WHERE organization_id = ${organizationId} AND business_unit_id = ${lyon.id}
        AND portal_display ->> 'shown' = 'true'
      ORDER BY name`);
    expect(shown.map((type) => type.name)).toEqual([
      "Demande de report",
      "Dépannage",
      "Enquête de satisfaction",
      "Entretien chaudière",
      "Installation pompe à chaleur",
    ]);
    const portalCustomers = await rows<{ email: string; mobile: string; open: number; closed: number }>(sql`
      SELECT c.email, c.mobile,
        count(*) FILTER (WHERE a.status = 'pending' AND a.start_at > ${new Date(CLOCK)})::int AS open,
        count(*) FILTER (WHERE a.status = 'terminated')::int AS closed
      FROM customers c JOIN activities a ON a.organization_id = c.organization_id AND a.customer_id = c.id
      WHERE c.organization_id = ${organizationId} AND c.portal_access
        AND c.email IN ('portail.demo@example.com', 'portail.sms@example.com')
      GROUP BY c.email, c.mobile ORDER BY c.email`);
    expect(portalCustomers).toEqual([
      { email: "portail.demo@example.com", mobile: "+33600000001", open: 1, closed: 0 },
      { email: "portail.sms@example.com", mobile: "+33600000002", open: 0, closed: 1 },
    ]);
    const actions = await rows<{ name: string; labels: string[] }>(sql`
      SELECT name, array(SELECT a ->> 'effect' FROM jsonb_array_elements(portal_actions) a) AS labels
      FROM activity_types
      WHERE organization_id = ${organizationId} AND business_unit_id = ${lyon.id}
        AND jsonb_array_length(portal_actions) > 0
      ORDER BY name`);
    expect(actions).toEqual([
      { name: "Enquête de satisfaction", labels: ["close_activity"] },
      { name: "Entretien chaudière", labels: ["create_activity", "create_linked_activity"] },
    ]);
    const repeat = (await businessUnitRepository(context.db, repeatOrganizationId).findByCode("LYON"))!;
    expect(repeat.portalSlug).toBe(`thermique-rhone-${repeatOrganizationId.slice(0, 8)}`);
  });
});
