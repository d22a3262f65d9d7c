import { and, eq, inArray, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities } from "../../src/db/schema/index.js";
import { customerMayChange } from "../../src/domain/scheduling/assistant/index.js";
import { bookUnderPolicy } from "../../src/services/scheduling/booking-service.js";
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

const PARIS = "Europe/Paris";
const BELLECOUR = { latitude: 45.7578, longitude: 4.832 };
const WEEKDAYS_9_TO_5 = {
  days: Object.fromEntries(["1", "2", "3", "4", "5"].map((day) => [day, [{ start: "09:00", end: "17:00" }]])),
};

interface Unit {
  organization: TestOrganization;
  cookie: string;
  base: string;
  typeId: string;
  customerId: string;
}

async function createUnit(settings?: { stepMinutes: number }): Promise<Unit> {
  const organization = await createTestOrganization(context);
  const cookie = await signIn(app, organization.admin.email);
  const base = `/api/business-units/${organization.businessUnitId}`;
  const type = await app.inject({
    method: "POST",
    url: `${base}/activity-types`,
    headers: { cookie },
    payload: { name: "Entretien", defaultDurationMinutes: 60 },
  });
  expect(type.statusCode).toBe(201);
  if (settings) {
    const saved = await app.inject({
      method: "PUT",
      url: `${base}/scheduling-settings`,
      headers: { cookie },
      payload: settings,
    });
    expect(saved.statusCode).toBe(200);
  }
  const customer = await createTestCustomer(context, organization, BELLECOUR);
  return { organization, cookie, base, typeId: type.json().id, customerId: customer.id };
}

async function addWorker(
  unit: Unit,
  weeklyHours: object = WEEKDAYS_9_TO_5,
  name = "Léa Tech",
): Promise<string> {
  const worker = await addTestMember(context, unit.organization, ["field_worker"], {
    name,
    passwordChosen: true,
  });
  const response = await app.inject({
    method: "PATCH",
    url: `${unit.base}/workers/${worker.id}`,
    headers: { cookie: unit.cookie },
    payload: { baseLatitude: BELLECOUR.latitude, baseLongitude: BELLECOUR.longitude, weeklyHours },
  });
  expect(response.statusCode).toBe(200);
  return worker.id;
}

async function setPolicy(unit: Unit, policy: object) {
  const response = await app.inject({
    method: "PUT",
    url: `${unit.base}/activity-types/${unit.typeId}/booking-policy`,
    headers: { cookie: unit.cookie },
    payload: policy,
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function createActivity(unit: Unit, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await app.inject({
    method: "POST",
    url: `${unit.base}/activities`,
    headers: { cookie: unit.cookie },
    payload: { activityTypeId: unit.typeId, customerId: unit.customerId, ...extra },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

function book(unit: Unit, activityId: string, body: object, cookie = unit.cookie) {
  return app.inject({
    method: "POST",
    url: `${unit.base}/activities/${activityId}/book`,
    headers: { cookie },
    payload: body,
  });
}

function schedule(
  unit: Unit,
  activityId: string,
  assigneeId: string,
  startAt: string,
  acceptWarnings?: boolean,
) {
  return app.inject({
    method: "POST",
    url: `${unit.base}/activities/${activityId}/schedule`,
    headers: { cookie: unit.cookie },
    payload: { assigneeId, startAt, ...(acceptWarnings ? { acceptWarnings } : {}) },
  });
}

function offers(unit: Unit, activityId: string, query: string) {
  return app.inject({
    method: "GET",
    url: `${unit.base}/activities/${activityId}/offers?${query}`,
    headers: { cookie: unit.cookie },
  });
}

/** Local "yyyy-MM-dd HH:mm" of each window start, in `zone`. */
function windowStarts(body: { windows: { start: string }[] }, zone = PARIS): string[] {
  return body.windows.map((window) => DateTime.fromISO(window.start, { zone }).toFormat("yyyy-MM-dd HH:mm"));
}

async function openVisitsOverlapping(workerId: string, start: string, end: string) {
  return context.db
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.assigneeId, workerId),
        inArray(activities.status, ["pending", "in_progress"]),
        sql`${activities.startAt} < ${end}::timestamptz AND ${activities.endAt} > ${start}::timestamptz`,
      ),
    );
}

describe("C05: past, notice and working hours are checked when booking, whatever the process zone", () => {
  const requests = [
    { start: "2026-06-10T09:00:00+02:00", status: 422, code: "slot_refused", reason: "in_past" },
    { start: "2026-06-10T11:00:00+02:00", status: 422, code: "slot_refused", reason: "inside_notice" },
    { start: "2026-06-10T12:00:00+02:00", status: 201 },
    { start: "2026-06-10T17:00:00+02:00", status: 422, code: "slot_refused", reason: "outside_hours" },
    { start: "2026-06-10T12:00:00", status: 422, code: "invalid_time" },
  ];

  for (const zone of ["Pacific/Kiritimati", "America/Los_Angeles"]) {
    it(`answers 422, 422, 201, 422, 422 with the process in ${zone}`, async () => {
      const original = process.env.TZ;
      process.env.TZ = zone;
      try {
        expect(new Date("2026-06-10T12:00:00Z").getTimezoneOffset()).toBe(
          zone === "Pacific/Kiritimati" ? -840 : 420,
        );
        context.clock.set("2026-06-10T07:50:00Z");
        const unit = await createUnit();
        await setPolicy(unit, { minimumNoticeMinutes: 120, arrivalWindowMinutes: 60, choices: 3 });

        const listWorker = await addWorker(unit);
        const listed = await offers(unit, await createActivity(unit), "from=2026-06-10&to=2026-06-10");
        expect(listed.statusCode).toBe(200);
        expect(windowStarts(listed.json())).toEqual([
          "2026-06-10 12:00",
          "2026-06-10 13:00",
          "2026-06-10 14:00",
        ]);
        await app.inject({
          method: "DELETE",
          url: `${unit.base}/users/${listWorker}`,
          headers: { cookie: unit.cookie },
        });

        const answers = [];
        for (const request of requests) {
          const workerId = await addWorker(unit);
          const response = await book(unit, await createActivity(unit), { workerId, start: request.start });
          const body = response.json();
          answers.push({
            status: response.statusCode,
            code: body.error?.code,
            reason: body.error?.details?.reasons?.[0]?.code,
            startAt: body.startAt,
          });
        }
        expect(answers).toEqual([
          { status: 422, code: "slot_refused", reason: "in_past", startAt: undefined },
          { status: 422, code: "slot_refused", reason: "inside_notice", startAt: undefined },
          { status: 201, code: undefined, reason: undefined, startAt: "2026-06-10T10:00:00.000Z" },
          { status: 422, code: "slot_refused", reason: "outside_hours", startAt: undefined },
          { status: 422, code: "invalid_time", reason: undefined, startAt: undefined },
        ]);
      } finally {
        if (original === undefined) delete process.env.TZ;
        else process.env.TZ = original;
      }
    });
  }

  it("names the field and the value when the start has no offset", async () => {
    context.clock.set("2026-06-10T07:50:00Z");
    const unit = await createUnit();
    const workerId = await addWorker(unit);
    const response = await book(unit, await createActivity(unit), { workerId, start: "2026-06-10T12:00:00" });
    expect(response.json().error.details.fields).toEqual([
      { path: "start", message: "expected an ISO 8601 instant with an offset", value: "2026-06-10T12:00:00" },
    ]);
  });
});

describe("C01: concurrent bookings of one slot", () => {
  it("accepts exactly one of 20 parallel bookings of W1 at 09:00 and one of two overlapping on W2", async () => {
    context.clock.set("2026-06-01T08:00:00Z");
    const unit = await createUnit();
    const w1 = await addWorker(unit, WEEKDAYS_9_TO_5, "W1");
    const w2 = await addWorker(unit, WEEKDAYS_9_TO_5, "W2");
    const planner1 = await addTestMember(context, unit.organization, ["planner"], { passwordChosen: true });
    const planner2 = await addTestMember(context, unit.organization, ["planner"], { passwordChosen: true });
    const cookies = [await signIn(app, planner1.email), await signIn(app, planner2.email)];
    const ids = await Promise.all(Array.from({ length: 20 }, () => createActivity(unit)));

    const responses = await Promise.all(
      ids.map((id, index) =>
        book(unit, id, { workerId: w1, start: "2026-06-10T09:00:00+02:00" }, cookies[index % 2]),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    expect(
      responses
        .filter((response) => response.statusCode === 409)
        .map((response) => response.json().error.code),
    ).toEqual(Array(19).fill("schedule_conflict"));
    expect(await openVisitsOverlapping(w1, "2026-06-10T07:00:00Z", "2026-06-10T08:00:00Z")).toHaveLength(1);

    const [first, second] = await Promise.all([createActivity(unit), createActivity(unit)]);
    const pair = await Promise.all([
      book(unit, first as string, { workerId: w2, start: "2026-06-10T09:00:00+02:00" }, cookies[0]),
      book(unit, second as string, { workerId: w2, start: "2026-06-10T09:30:00+02:00" }, cookies[1]),
    ]);
    expect(pair.map((response) => response.statusCode).sort()).toEqual([201, 409]);
    expect(await openVisitsOverlapping(w2, "2026-06-10T07:00:00Z", "2026-06-10T08:30:00Z")).toHaveLength(1);
  });

  it("lets staff scheduling race the same way: one success, the rest 409", async () => {
    context.clock.set("2026-06-01T08:00:00Z");
    const unit = await createUnit();
    const w1 = await addWorker(unit);
    const ids = await Promise.all(Array.from({ length: 6 }, () => createActivity(unit)));
    const responses = await Promise.all(
      ids.map((id) => schedule(unit, id, w1, "2026-06-10T09:00:00+02:00", true)),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await openVisitsOverlapping(w1, "2026-06-10T07:00:00Z", "2026-06-10T08:00:00Z")).toHaveLength(1);
  });
});

describe("C02: a request holds nothing; scheduling re-checks the slot", () => {
  it("refuses the second request at 14:00, shows fresh slots, and stops offering 14:00", async () => {
    context.clock.set("2026-06-01T08:00:00Z");
    const unit = await createUnit();
    await setPolicy(unit, { arrivalWindowMinutes: 60, choices: 20 });
    const w1 = await addWorker(unit, WEEKDAYS_9_TO_5, "W1");
    const preferring = { comment: "Prefers Thu 2026-06-11 14:00-15:00" };
    const k1 = await createActivity(unit, preferring);
    const k2 = await createActivity(unit, preferring);
    const k3 = await createActivity(unit);

    expect((await schedule(unit, k1, w1, "2026-06-11T14:00:00+02:00")).statusCode).toBe(200);
    const refused = await schedule(unit, k2, w1, "2026-06-11T14:00:00+02:00");
    expect(refused.statusCode).toBe(409);
    const error = refused.json().error;
    expect(error.code).toBe("schedule_conflict");
    expect(
      error.details.freshSlots.map((slot: { workerId: string; start: string }) => [
        slot.workerId,
        slot.start,
      ]),
    ).toEqual([
      [w1, "2026-06-11T13:00:00.000Z"],
      [w1, "2026-06-11T13:15:00.000Z"],
      [w1, "2026-06-11T13:30:00.000Z"],
      [w1, "2026-06-11T13:45:00.000Z"],
      [w1, "2026-06-11T14:00:00.000Z"],
    ]);

    const listed = await offers(unit, k3, "from=2026-06-11&to=2026-06-11");
    expect(windowStarts(listed.json())).toEqual([
      "2026-06-11 09:00",
      "2026-06-11 10:00",
      "2026-06-11 11:00",
      "2026-06-11 12:00",
      "2026-06-11 13:00",
      "2026-06-11 15:00",
      "2026-06-11 16:00",
    ]);
  });
});

describe("C04: changes after the cut-off or after the start", () => {
  const A1_START = "2026-06-12T07:00:00Z";

  /** A fresh copy of A1, on a worker of its own so that the copies do not overlap. */
  async function bookedCopy(unit: Unit): Promise<{ id: string; workerId: string }> {
    context.clock.set("2026-06-01T08:00:00Z");
    // The clock went forward past the session's lifetime in the previous round: sign in again.
    unit.cookie = await signIn(app, unit.organization.admin.email);
    const workerId = await addWorker(unit);
    const id = await createActivity(unit);
    expect((await schedule(unit, id, workerId, A1_START)).statusCode).toBe(200);
    return { id, workerId };
  }

  it("follows now < start − 24 h for the customer and lets the dispatcher override, logged", async () => {
    const unit = await createUnit();
    await setPolicy(unit, { rescheduleCutoffHours: 24, minimumNoticeMinutes: 0 });
    const customer = {
      kind: "customer" as const,
      organizationId: unit.organization.organizationId,
      customerId: unit.customerId,
      name: "Camille Durand",
    };

    const outcomes = [];
    for (const now of ["2026-06-11T06:59:00Z", "2026-06-11T07:00:00Z", "2026-06-12T07:30:00Z"]) {
      const { id } = await bookedCopy(unit);
      context.clock.set(now);
      const outcome = await bookUnderPolicy(context, customer, unit.organization.businessUnitId, id, {
        start: "2026-06-15T09:00:00+02:00",
      }).then(
        (booking) => booking.startAt,
        (error: { code: string }) => error.code,
      );
      outcomes.push([now, outcome, customerMayChange(new Date(A1_START), new Date(now), 24)]);
    }
    expect(outcomes).toEqual([
      ["2026-06-11T06:59:00Z", "2026-06-15T07:00:00.000Z", true],
      ["2026-06-11T07:00:00Z", "change_too_late", false],
      ["2026-06-12T07:30:00Z", "change_too_late", false],
    ]);

    const { id, workerId } = await bookedCopy(unit);
    context.clock.set("2026-06-12T07:30:00Z");
    unit.cookie = await signIn(app, unit.organization.admin.email);
    const warned = await schedule(unit, id, workerId, "2026-06-12T11:00:00+02:00");
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error.details.warnings.map((warning: { code: string }) => warning.code)).toEqual([
      "already_started",
    ]);
    const moved = await schedule(unit, id, workerId, "2026-06-12T11:00:00+02:00", true);
    expect(moved.statusCode).toBe(200);
    expect(moved.json().activity.startAt).toBe("2026-06-12T09:00:00.000Z");
    expect(moved.json().activity.history.at(-1).note).toBe(
      "Placed past warnings: The visit was due to start at 2026-06-12T07:00:00.000Z, which has passed.",
    );
  });
});

describe("C08: leave of several days through the API", () => {
  async function unitOnLeave() {
    context.clock.set("2026-07-20T08:00:00Z");
    const unit = await createUnit({ stepMinutes: 60 });
    await setPolicy(unit, { arrivalWindowMinutes: 60, choices: 50, minimumNoticeMinutes: 0 });
    const workerId = await addWorker(unit);
    const leave = await app.inject({
      method: "POST",
      url: `${unit.base}/workers/${workerId}/unavailabilities`,
      headers: { cookie: unit.cookie },
      payload: { start: "2026-07-30T12:00:00+02:00", end: "2026-08-05T18:00:00+02:00", reason: "leave" },
    });
    expect(leave.statusCode).toBe(201);
    return { unit, activityId: await createActivity(unit) };
  }

  function byDate(starts: string[]) {
    const grouped: Record<string, string[]> = {};
    for (const start of starts) {
      const [date, time] = start.split(" ") as [string, string];
      grouped[date] = [...(grouped[date] ?? []), time];
    }
    return grouped;
  }

  it("blocks every day of the leave in queries (a) and (b)", async () => {
    const { unit, activityId } = await unitOnLeave();
    const a = byDate(windowStarts((await offers(unit, activityId, "from=2026-07-27&to=2026-08-09")).json()));
    const b = byDate(windowStarts((await offers(unit, activityId, "from=2026-08-01&to=2026-08-31")).json()));
    const eight = ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"];
    expect(a["2026-07-30"]).toEqual(["09:00", "10:00", "11:00"]);
    for (const date of ["2026-07-31", "2026-08-03", "2026-08-04", "2026-08-05"]) {
      expect([date, a[date], b[date]]).toEqual([date, undefined, undefined]);
    }
    expect([a["2026-08-06"], b["2026-08-06"]]).toEqual([eight, eight]);

    const staff = await app.inject({
      method: "GET",
      url: `${unit.base}/activities/${activityId}/assistant?from=2026-08-03&to=2026-08-04`,
      headers: { cookie: unit.cookie },
    });
    expect(
      staff
        .json()
        .days.map((day: { date: string; unsuitable: { reasons: unknown[] }[] }) => [
          day.date,
          day.unsuitable[0]?.reasons,
        ]),
    ).toEqual([
      ["2026-08-03", [{ code: "unavailable", unavailabilityReason: "leave" }]],
      ["2026-08-04", [{ code: "unavailable", unavailabilityReason: "leave" }]],
    ]);
  });
});

describe("C11 and C13: daylight-saving days through the API", () => {
  it("C11: the first slots are Sat 12:00Z, Sun 11:00Z and Mon 07:00Z", async () => {
    context.clock.set("2026-03-27T10:00:00Z");
    const unit = await createUnit({ stepMinutes: 60 });
    await addWorker(unit, {
      days: {
        "6": [{ start: "13:00", end: "18:00" }],
        "7": [{ start: "13:00", end: "18:00" }],
        "1": [{ start: "09:00", end: "17:00" }],
      },
    });
    const response = await app.inject({
      method: "GET",
      url: `${unit.base}/activities/${await createActivity(unit)}/assistant?from=2026-03-28&to=2026-03-30`,
      headers: { cookie: unit.cookie },
    });
    expect(
      response
        .json()
        .days.map((day: { slots: { start: string }[] }) => day.slots.map((slot) => slot.start).sort()[0]),
    ).toEqual(["2026-03-28T12:00:00.000Z", "2026-03-29T11:00:00.000Z", "2026-03-30T07:00:00.000Z"]);
  });

  it("C13: five on-call slots on the spring-forward night, and 02:30 local refused", async () => {
    context.clock.set("2026-03-20T10:00:00Z");
    const unit = await createUnit({ stepMinutes: 60 });
    await setPolicy(unit, { arrivalWindowMinutes: 60, choices: 10, minimumNoticeMinutes: 0 });
    const workerId = await addWorker(unit, { days: { "7": [{ start: "00:00", end: "06:00" }] } });
    const activityId = await createActivity(unit);
    const listed = await offers(unit, activityId, "from=2026-03-29&to=2026-03-29");
    expect(listed.json().windows.map((window: { start: string }) => window.start)).toEqual([
      "2026-03-28T23:00:00.000Z",
      "2026-03-29T00:00:00.000Z",
      "2026-03-29T01:00:00.000Z",
      "2026-03-29T02:00:00.000Z",
      "2026-03-29T03:00:00.000Z",
    ]);
    const local = await book(unit, activityId, { workerId, startLocal: "2026-03-29T02:30" });
    expect([local.statusCode, local.json().error.code]).toEqual([422, "nonexistent_local_time"]);
    const ok = await book(unit, activityId, { workerId, startLocal: "2026-03-29T03:00" });
    expect([ok.statusCode, ok.json().startAt]).toEqual([201, "2026-03-29T01:00:00.000Z"]);
  });
});

describe("C15: a customer in Pacific/Auckland asks for their Tuesday", () => {
  it("offers 8 windows and books Tue 19:00 NZ as 07:00Z, Tue 09:00 for the worker", async () => {
    context.clock.set("2026-06-01T08:00:00Z");
    const unit = await createUnit({ stepMinutes: 60 });
    await setPolicy(unit, { arrivalWindowMinutes: 60, choices: 20, minimumNoticeMinutes: 0 });
    const workerId = await addWorker(unit);
    const activityId = await createActivity(unit);
    const listed = await offers(unit, activityId, "from=2026-06-16&to=2026-06-16&zone=Pacific/Auckland");
    expect(listed.json()).toMatchObject({ timeZone: PARIS, viewerTimeZone: "Pacific/Auckland" });
    expect(windowStarts(listed.json(), "Pacific/Auckland")).toEqual([
      "2026-06-16 00:00",
      "2026-06-16 01:00",
      "2026-06-16 02:00",
      "2026-06-16 19:00",
      "2026-06-16 20:00",
      "2026-06-16 21:00",
      "2026-06-16 22:00",
      "2026-06-16 23:00",
    ]);
    const booked = await book(unit, activityId, { windowStart: "2026-06-16T19:00:00+12:00" });
    expect(booked.statusCode).toBe(201);
    expect(booked.json()).toEqual({
      activityId,
      assigneeId: workerId,
      startAt: "2026-06-16T07:00:00.000Z",
      endAt: "2026-06-16T08:00:00.000Z",
      arrivalWindow: { start: "2026-06-16T07:00:00.000Z", end: "2026-06-16T08:00:00.000Z" },
    });
    const workerView = await app.inject({
      method: "GET",
      url: `${unit.base}/schedule?from=2026-06-16&to=2026-06-16`,
      headers: { cookie: unit.cookie },
    });
    const visit = workerView.json().workers[0].visits[0];
    expect(DateTime.fromISO(visit.startAt, { zone: PARIS }).toFormat("ccc HH:mm")).toBe("Tue 09:00");
  });
});

describe("staff assistant, explanations and access", () => {
  it("ranks workers, names a missing skill and explains an overlap", async () => {
    context.clock.set("2026-06-01T08:00:00Z");
    const unit = await createUnit({ stepMinutes: 60 });
    const skill = await app.inject({
      method: "POST",
      url: `${unit.base}/skills`,
      headers: { cookie: unit.cookie },
      payload: { name: "Gaz" },
    });
    expect(skill.statusCode).toBe(201);
    const skilled = await addWorker(unit, WEEKDAYS_9_TO_5, "Ana Gaz");
    const unskilled = await addWorker(unit, WEEKDAYS_9_TO_5, "Bob Novice");
    const skillId = skill.json().id;
    for (const [userId, level] of [
      [skilled, 3],
      [unskilled, 1],
    ] as const) {
      const saved = await app.inject({
        method: "PATCH",
        url: `${unit.base}/workers/${userId}`,
        headers: { cookie: unit.cookie },
        payload: { skills: [{ skillId, level }] },
      });
      expect(saved.statusCode).toBe(200);
    }
    const typed = await app.inject({
      method: "PATCH",
      url: `${unit.base}/activity-types/${unit.typeId}`,
      headers: { cookie: unit.cookie },
      payload: { requiredSkills: [{ skillId, minimumLevel: 2 }] },
    });
    expect(typed.statusCode).toBe(200);
    const existing = await createActivity(unit);
    expect((await schedule(unit, existing, skilled, "2026-06-02T10:00:00+02:00")).statusCode).toBe(200);
    const activityId = await createActivity(unit);

    const suggestions = await app.inject({
      method: "GET",
      url: `${unit.base}/activities/${activityId}/assistant?from=2026-06-02&to=2026-06-02`,
      headers: { cookie: unit.cookie },
    });
    const body = suggestions.json();
    expect(
      body.workers.map((worker: { workerName: string; grade: string; feasibleSlots: number }) => [
        worker.workerName,
        worker.grade,
        worker.feasibleSlots,
      ]),
    ).toEqual([
      ["Ana Gaz", "green", 7],
      ["Bob Novice", "red", 0],
    ]);
    expect(body.workers[1].unsuitable[0].reasons).toEqual([
      { code: "lacks_skill", skillId, skillName: "Gaz", requiredLevel: 2, workerLevel: 1 },
    ]);
    expect(body.best[0]).toMatchObject({
      workerName: "Ana Gaz",
      start: "2026-06-02T07:00:00.000Z",
      grade: "green",
    });

    const explained = await app.inject({
      method: "GET",
      url: `${unit.base}/activities/${activityId}/assistant/explain?workerId=${skilled}&start=${encodeURIComponent("2026-06-02T10:30:00+02:00")}`,
      headers: { cookie: unit.cookie },
    });
    expect(explained.json()).toMatchObject({
      feasible: false,
      reasons: [
        {
          code: "overlap",
          activityId: existing,
          start: "2026-06-02T08:00:00.000Z",
          end: "2026-06-02T09:00:00.000Z",
        },
      ],
    });
  });

  it("moves a visit onto part of its own old time", async () => {
    context.clock.set("2026-06-01T08:00:00Z");
    const unit = await createUnit();
    const workerId = await addWorker(unit);
    const id = await createActivity(unit);
    expect((await book(unit, id, { workerId, start: "2026-06-03T09:00:00+02:00" })).statusCode).toBe(201);
    const moved = await book(unit, id, { workerId, start: "2026-06-03T09:30:00+02:00" });
    expect([moved.statusCode, moved.json().startAt]).toEqual([201, "2026-06-03T07:30:00.000Z"]);
  });

  it("keeps other organizations out and field workers away from the assistant", async () => {
    context.clock.set("2026-06-01T08:00:00Z");
    const unit = await createUnit();
    const workerId = await addWorker(unit);
    const activityId = await createActivity(unit);
    const other = await createUnit();
    const foreign = [
      await app.inject({
        method: "GET",
        url: `${unit.base}/activities/${activityId}/assistant`,
        headers: { cookie: other.cookie },
      }),
      await offers({ ...unit, cookie: other.cookie }, activityId, ""),
      await book(unit, activityId, { workerId, start: "2026-06-03T09:00:00+02:00" }, other.cookie),
    ];
    expect(foreign.map((response) => response.statusCode)).toEqual([404, 404, 404]);

    const worker = await addTestMember(context, unit.organization, ["field_worker"], {
      passwordChosen: true,
    });
    const workerCookie = await signIn(app, worker.email);
    const denied = await app.inject({
      method: "GET",
      url: `${unit.base}/activities/${activityId}/assistant`,
      headers: { cookie: workerCookie },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe("booking requests the offers could not have made", () => {
  it("refuses a window off the grid, a past window and a worker of no unit", async () => {
    context.clock.set("2026-06-01T08:00:00Z");
    const unit = await createUnit({ stepMinutes: 60 });
    await setPolicy(unit, { arrivalWindowMinutes: 120, minimumNoticeMinutes: 0 });
    await addWorker(unit);
    const activityId = await createActivity(unit);
    const offGrid = await book(unit, activityId, { windowStart: "2026-06-02T07:17:00Z" });
    expect([offGrid.statusCode, offGrid.json().error.details.fields[0].path]).toEqual([400, "windowStart"]);
    const past = await book(unit, activityId, { windowStart: "2026-05-29T06:00:00Z" });
    expect([past.statusCode, past.json().error.details.reasons]).toEqual([422, [{ code: "in_past" }]]);
    const stranger = await book(unit, activityId, {
      workerId: "00000000-0000-4000-8000-000000000000",
      start: "2026-06-02T09:00:00+02:00",
    });
    expect([stranger.statusCode, stranger.json().error.details.fields[0].path]).toEqual([400, "workerId"]);
  });
});
