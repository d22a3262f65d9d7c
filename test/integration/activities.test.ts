import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/database.js";
import { activities } from "../../src/db/schema/index.js";
import { type ActivityStatus, deriveState } from "../../src/domain/activities/lifecycle.js";
import { activityRepository } from "../../src/repositories/activities.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import {
  addTestMember,
  createTestCustomer,
  createTestOrganization,
  type TestOrganization,
} from "../helpers/factories.js";
import { buildTestApp, signIn, type TestApp } from "../helpers/http.js";

let context: TestContext;
let app: TestApp;

beforeAll(async () => {
  context = await createTestContext();
  app = await buildTestApp(context);
});

afterAll(async () => {
  await app.close();
  await context.close();
});

interface Unit {
  organization: TestOrganization;
  cookie: string;
  base: string;
  workerId: string;
  workerEmail: string;
  typeId: string;
  customerId: string;
}

const BELLECOUR = { latitude: 45.7578, longitude: 4.832 };
/** Villefranche-sur-Saône, 27 km from Bellecour as the crow flies: 59 minutes by the built-in estimate. */
const VILLEFRANCHE = { latitude: 45.9899, longitude: 4.7189 };

async function createUnit(): Promise<Unit> {
  const organization = await createTestOrganization(context);
  const worker = await addTestMember(context, organization, ["field_worker"], {
    name: "Léa Tech",
    passwordChosen: true,
  });
  const cookie = await signIn(app, organization.admin.email);
  const base = `/api/business-units/${organization.businessUnitId}`;
  await app.inject({
    method: "PATCH",
    url: `${base}/workers/${worker.id}`,
    headers: { cookie },
    payload: {
      baseLatitude: BELLECOUR.latitude,
      baseLongitude: BELLECOUR.longitude,
      weeklyHours: {
        days: Object.fromEntries(
          ["1", "2", "3", "4", "5"].map((day) => [day, [{ start: "08:00", end: "18:00" }]]),
        ),
        lunch: { start: "12:00", end: "13:00" },
      },
    },
  });
  const type = await app.inject({
    method: "POST",
    url: `${base}/activity-types`,
    headers: { cookie },
    payload: { name: "Entretien", defaultDurationMinutes: 60 },
  });
  const customer = await createTestCustomer(context, organization, BELLECOUR);
  return {
    organization,
    cookie,
    base,
    workerId: worker.id,
    workerEmail: worker.email,
    typeId: type.json().id,
    customerId: customer.id,
  };
}

async function createActivity(unit: Unit, extra: Record<string, unknown> = {}) {
  const response = await app.inject({
    method: "POST",
    url: `${unit.base}/activities`,
    headers: { cookie: unit.cookie },
    payload: { activityTypeId: unit.typeId, customerId: unit.customerId, ...extra },
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

function schedule(unit: Unit, activityId: string, startAt: string, acceptWarnings?: boolean) {
  return app.inject({
    method: "POST",
    url: `${unit.base}/activities/${activityId}/schedule`,
    headers: { cookie: unit.cookie },
    payload: { assigneeId: unit.workerId, startAt, ...(acceptWarnings ? { acceptWarnings } : {}) },
  });
}

describe("creating and scheduling", () => {
  it("copies the customer's address and starts unscheduled", async () => {
    const unit = await createUnit();

    const activity = await createActivity(unit, { comment: "  Boiler noisy  " });

    expect(activity).toMatchObject({
      reference: "A000001",
      state: "unscheduled",
      status: "pending",
      durationMinutes: 60,
      comment: "Boiler noisy",
      address: { city: "Lyon", latitude: BELLECOUR.latitude, longitude: BELLECOUR.longitude },
    });
    expect(activity.history.map((entry: { action: string }) => entry.action)).toEqual(["created"]);
  });

  it("schedules a visit inside hours with the end taken from the duration", async () => {
    const unit = await createUnit();
    const activity = await createActivity(unit);

    const response = await schedule(unit, activity.id, "2026-03-03T09:00:00+01:00");

    expect(response.statusCode).toBe(200);
    expect(response.json().warnings).toEqual([]);
    expect(response.json().activity).toMatchObject({
      state: "scheduled",
      startAt: "2026-03-03T08:00:00.000Z",
      endAt: "2026-03-03T09:00:00.000Z",
      assignee: { id: unit.workerId, name: "Léa Tech" },
    });
  });

  it("warns about missing travel time and places the visit once staff accept", async () => {
    const unit = await createUnit();
    const first = await createActivity(unit);
    await schedule(unit, first.id, "2026-03-03T09:00:00+01:00");
    const far = await createTestCustomer(context, unit.organization, {
      ...VILLEFRANCHE,
      city: "Villefranche-sur-Saône",
    });
    const second = await createActivity(unit, { customerId: far.id });

    const warned = await schedule(unit, second.id, "2026-03-03T10:15:00+01:00");
    const unchanged = await app.inject({
      method: "GET",
      url: `${unit.base}/activities/${second.id}`,
      headers: { cookie: unit.cookie },
    });
    const placed = await schedule(unit, second.id, "2026-03-03T10:15:00+01:00", true);

    expect(warned.statusCode).toBe(409);
    expect(warned.json().error.code).toBe("schedule_warnings");
    const travel = warned.json().error.details.warnings[0];
    expect(travel).toMatchObject({
      code: "travel_from_previous",
      neededMinutes: 59,
      availableMinutes: 15,
      activityId: first.id,
    });
    expect(travel.message).toBe(`Needs 59 min travel from visit ${first.reference}, 15 available.`);
    expect(unchanged.json().state).toBe("unscheduled");
    expect(placed.statusCode).toBe(200);
    expect(placed.json().activity.state).toBe("scheduled");
    expect(placed.json().activity.history.at(-1).note).toContain("Placed past warnings");
  });

  it("warns when the visit runs into lunch or lies outside hours", async () => {
    const unit = await createUnit();
    const lunch = await createActivity(unit);
    const evening = await createActivity(unit);

    const intoLunch = await schedule(unit, lunch.id, "2026-03-03T11:30:00+01:00");
    const late = await schedule(unit, evening.id, "2026-03-03T18:30:00+01:00");

    expect(intoLunch.json().error.details.warnings[0].code).toBe("lunch");
    expect(late.json().error.details.warnings[0].code).toBe("outside_hours");
  });

  it("names the public holiday a visit falls on", async () => {
    const unit = await createUnit();
    const activity = await createActivity(unit);

    const response = await schedule(unit, activity.id, "2026-04-06T09:00:00+02:00");

    expect(response.json().error.details.warnings[0]).toMatchObject({
      code: "public_holiday",
      label: "Easter Monday",
    });
  });

  it("refuses an overlap with another open visit, even when staff accept warnings", async () => {
    const unit = await createUnit();
    const first = await createActivity(unit);
    const second = await createActivity(unit);
    await schedule(unit, first.id, "2026-03-03T09:00:00+01:00");

    const overlapping = await schedule(unit, second.id, "2026-03-03T09:30:00+01:00", true);

    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().error.code).toBe("schedule_conflict");
    expect(overlapping.json().error.details.overlapping.id).toBe(first.id);
  });

  it("accepts a visit starting when the previous one ends", async () => {
    const unit = await createUnit();
    const first = await createActivity(unit);
    const second = await createActivity(unit);
    await schedule(unit, first.id, "2026-03-03T09:00:00+01:00");

    const adjacent = await schedule(unit, second.id, "2026-03-03T10:00:00+01:00");

    expect(adjacent.statusCode).toBe(200);
  });

  it("moves a visit onto part of its own old time", async () => {
    const unit = await createUnit();
    const activity = await createActivity(unit);
    await schedule(unit, activity.id, "2026-03-03T09:00:00+01:00");

    const moved = await schedule(unit, activity.id, "2026-03-03T09:30:00+01:00");

    expect(moved.statusCode).toBe(200);
    expect(moved.json().activity.startAt).toBe("2026-03-03T08:30:00.000Z");
  });
});

describe("the database's overlap rule", () => {
  it("has the exclusion constraint", async () => {
    const rows = await queryRows<{ conname: string; contype: string }>(
      context.db,
      sql`SELECT conname, contype FROM pg_constraint WHERE conname = 'activities_no_overlap'`,
    );

    expect(rows).toEqual([{ conname: "activities_no_overlap", contype: "x" }]);
  });

  it("rejects an overlapping open visit written past the service", async () => {
    const unit = await createUnit();
    const first = await createActivity(unit);
    const second = await createActivity(unit);
    await schedule(unit, first.id, "2026-03-03T09:00:00+01:00");

    let state: string | undefined;
    try {
      await context.db
        .update(activities)
        .set({
          assigneeId: unit.workerId,
          startAt: new Date("2026-03-03T08:30:00Z"),
          endAt: new Date("2026-03-03T09:30:00Z"),
        })
        .where(sql`${activities.id} = ${second.id}`);
    } catch (error) {
      state = ((error as { cause?: { code?: string } }).cause ?? (error as { code?: string })).code;
    }

    expect(state).toBe("23P01");
  });
});

describe("derived state", () => {
  it("is the same in SQL and in the domain for every state", async () => {
    const unit = await createUnit();
    const repository = activityRepository(context.db, unit.organization.organizationId);
    const cases: { status: ActivityStatus; scheduled: boolean }[] = [
      { status: "pending", scheduled: false },
      { status: "pending", scheduled: true },
      { status: "in_progress", scheduled: true },
      { status: "terminated", scheduled: true },
      { status: "canceled", scheduled: false },
    ];
    const instants = ["2026-03-03T07:00:00Z", "2026-03-03T09:00:00Z", "2026-03-03T12:00:00Z"].map(
      (text) => new Date(text),
    );
    let day = 10;

    for (const testCase of cases) {
      const created = await createActivity(unit);
      const startAt = new Date(`2026-03-${day}T08:00:00Z`);
      day += 1;
      const row = await repository
        .update(
          created.id,
          {
            status: testCase.status,
            ...(testCase.scheduled
              ? {
                  assigneeId: unit.workerId,
                  startAt: new Date("2026-03-03T08:00:00Z"),
                  endAt: new Date("2026-03-03T09:00:00Z"),
                }
              : {}),
          },
          context.clock.now(),
        )
        .catch(async () =>
          // Two open scheduled cases share the slot; place the second one on another day.
          repository.update(
            created.id,
            {
              status: testCase.status,
              assigneeId: unit.workerId,
              startAt,
              endAt: new Date(startAt.getTime() + 3_600_000),
            },
            context.clock.now(),
          ),
        );
      for (const now of instants) {
        const expected = deriveState({ ...row, status: row.status as ActivityStatus }, now);
        expect(await repository.derivedState(created.id, now)).toBe(expected);
      }
    }
  });
});

describe("lifecycle", () => {
  it("lets the assigned field worker start and close the visit", async () => {
    const unit = await createUnit();
    const activity = await createActivity(unit);
    await schedule(unit, activity.id, "2026-03-02T09:00:00+01:00");
    const workerCookie = await signIn(app, unit.workerEmail);

    const started = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${activity.id}/start`,
      headers: { cookie: workerCookie },
    });
    const closed = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${activity.id}/close`,
      headers: { cookie: workerCookie },
      payload: {
        answers: {
          actual_start: "2026-03-02T09:05:00+01:00",
          actual_end: "2026-03-02T09:55:00+01:00",
          result: "ko",
        },
      },
    });

    expect(started.json().state).toBe("in_progress");
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      state: "terminated",
      result: "ko",
      closingAnswers: {
        actual_start: "2026-03-02T08:05:00Z",
        actual_end: "2026-03-02T08:55:00Z",
        result: "ko",
      },
    });
    expect(closed.json().history.map((entry: { action: string }) => entry.action)).toEqual([
      "created",
      "scheduled",
      "started",
      "closed",
    ]);
    expect(closed.json().history.at(-1).actorName).toBe("Léa Tech");
  });

  it("rejects a closing form without a result", async () => {
    const unit = await createUnit();
    const activity = await createActivity(unit);

    const response = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${activity.id}/close`,
      headers: { cookie: unit.cookie },
      payload: {
        answers: { actual_start: "2026-03-02T09:05:00+01:00", actual_end: "2026-03-02T09:55:00+01:00" },
      },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0]).toMatchObject({
      path: "answers.result",
      code: "required",
    });
  });

  it("creates the follow-up of the type when a visit closes", async () => {
    const unit = await createUnit();
    const survey = await app.inject({
      method: "POST",
      url: `${unit.base}/activity-types`,
      headers: { cookie: unit.cookie },
      payload: { name: "Enquête de satisfaction", operatingMode: "remote", defaultDurationMinutes: 5 },
    });
    const linked = await app.inject({
      method: "PATCH",
      url: `${unit.base}/activity-types/${unit.typeId}`,
      headers: { cookie: unit.cookie },
      payload: { followUpTypeId: survey.json().id },
    });
    expect(linked.json().followUpTypeId).toBe(survey.json().id);
    const activity = await createActivity(unit);

    const closed = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${activity.id}/close`,
      headers: { cookie: unit.cookie },
      payload: {
        answers: {
          actual_start: "2026-03-02T09:05:00+01:00",
          actual_end: "2026-03-02T09:55:00+01:00",
          result: "ok",
        },
      },
    });

    const children = closed.json().children;
    expect(children).toHaveLength(1);
    expect(children[0]).toMatchObject({ activityTypeId: survey.json().id, state: "unscheduled" });
    const followUp = await app.inject({
      method: "GET",
      url: `${unit.base}/activities/${children[0].id}`,
      headers: { cookie: unit.cookie },
    });
    expect(followUp.json().parent.id).toBe(activity.id);
    expect(followUp.json().customer.id).toBe(unit.customerId);
  });

  it("cancels with a reason, frees the slot and reopens unscheduled once it is taken", async () => {
    const unit = await createUnit();
    const first = await createActivity(unit);
    const second = await createActivity(unit);
    await schedule(unit, first.id, "2026-03-03T09:00:00+01:00");

    const canceled = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${first.id}/cancel`,
      headers: { cookie: unit.cookie },
      payload: { reason: "missing_equipment", details: "Part not delivered" },
    });
    const takesSlot = await schedule(unit, second.id, "2026-03-03T09:00:00+01:00");
    const reopened = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${first.id}/reopen`,
      headers: { cookie: unit.cookie },
    });
    const reopenedAgain = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${first.id}/reopen`,
      headers: { cookie: unit.cookie },
    });

    expect(canceled.json()).toMatchObject({
      state: "canceled",
      cancelReason: "missing_equipment",
      cancelDetails: "Part not delivered",
    });
    expect(takesSlot.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({
      state: "unscheduled",
      cancelReason: null,
      startAt: null,
      assignee: null,
    });
    expect(reopened.json().history.at(-1).note).toBe(
      "Reopened unscheduled: another visit of the worker now takes this time.",
    );
    expect(reopenedAgain.statusCode).toBe(409);
    expect(reopenedAgain.json().error.code).toBe("invalid_state");
  });

  it("reopens a closed visit on its own time when the slot is still free", async () => {
    const unit = await createUnit();
    const activity = await createActivity(unit);
    await schedule(unit, activity.id, "2026-03-03T09:00:00+01:00");
    await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${activity.id}/close`,
      headers: { cookie: unit.cookie },
      payload: {
        answers: {
          actual_start: "2026-03-03T09:00:00+01:00",
          actual_end: "2026-03-03T10:00:00+01:00",
          result: "ok",
        },
      },
    });

    const reopened = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${activity.id}/reopen`,
      headers: { cookie: unit.cookie },
    });

    expect(reopened.json()).toMatchObject({
      state: "scheduled",
      result: null,
      startAt: "2026-03-03T08:00:00.000Z",
    });
  });

  it("refuses to start an unscheduled visit with a message saying why", async () => {
    const unit = await createUnit();
    const activity = await createActivity(unit);

    const response = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${activity.id}/start`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe(
      "A000001: schedule the activity (worker and time) before starting it.",
    );
  });
});

describe("listing", () => {
  it("filters by state, worker and date range, and searches", async () => {
    const unit = await createUnit();
    const scheduled = await createActivity(unit, { comment: "Chaudière Viessmann" });
    await createActivity(unit);
    await schedule(unit, scheduled.id, "2026-03-03T09:00:00+01:00");
    const list = (query: string) =>
      app.inject({
        method: "GET",
        url: `${unit.base}/activities?${query}`,
        headers: { cookie: unit.cookie },
      });

    const byState = await list("state=scheduled");
    const unscheduled = await list("state=unscheduled&state=to_close");
    const byRange = await list(
      `from=${encodeURIComponent("2026-03-03T00:00:00+01:00")}&to=${encodeURIComponent("2026-03-04T00:00:00+01:00")}`,
    );
    const bySearch = await list("q=viessmann");
    const byWorker = await list(`assigneeId=${unit.workerId}&state=open`);

    expect(byState.json().items.map((item: { id: string }) => item.id)).toEqual([scheduled.id]);
    expect(unscheduled.json().total).toBe(1);
    expect(byRange.json().items.map((item: { id: string }) => item.id)).toEqual([scheduled.id]);
    expect(bySearch.json().items.map((item: { id: string }) => item.id)).toEqual([scheduled.id]);
    expect(byWorker.json().total).toBe(1);
  });

  it("shows a field worker only their own visits", async () => {
    const unit = await createUnit();
    const mine = await createActivity(unit);
    const other = await createActivity(unit);
    await schedule(unit, mine.id, "2026-03-03T09:00:00+01:00");
    const workerCookie = await signIn(app, unit.workerEmail);

    const list = await app.inject({
      method: "GET",
      url: `${unit.base}/activities`,
      headers: { cookie: workerCookie },
    });
    const hidden = await app.inject({
      method: "GET",
      url: `${unit.base}/activities/${other.id}`,
      headers: { cookie: workerCookie },
    });

    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([mine.id]);
    expect(hidden.statusCode).toBe(404);
  });

  it("hides another organization's activity", async () => {
    const unit = await createUnit();
    const other = await createUnit();
    const activity = await createActivity(other);

    const response = await app.inject({
      method: "GET",
      url: `${unit.base}/activities/${activity.id}`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(404);
  });
});
