import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activities,
  activityHistory,
  businessUnits,
  messages,
  portalEvents,
} from "../../src/db/schema/index.js";
import { settlePortalCodeRequests } from "../../src/services/portal/login-service.js";
import { createTestContext, type TestContext, uniqueSuffix } from "../helpers/context.js";
import { addTestMember, createTestOrganization, type TestOrganization } from "../helpers/factories.js";
import { buildTestApp, cookieHeader, signIn, type TestApp } from "../helpers/http.js";

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

const BELLECOUR = { latitude: 45.7578, longitude: 4.832 };
const RATING_FORM = {
  fields: [{ code: "note", type: "rating", label: { en: "Rating", fr: "Note" }, required: true }],
};

interface Unit {
  organization: TestOrganization;
  cookie: string;
  base: string;
  typeId: string;
}

/** Weekly hours of one day, such as Wednesday 09:00–10:00: room for exactly one one-hour visit. */
function hoursOn(day: string, start: string, end: string) {
  return { days: { [day]: [{ start, end }] } };
}

async function portalUnit(): Promise<Unit> {
  const organization = await createTestOrganization(context);
  await context.db
    .update(businessUnits)
    .set({ portalEnabled: true, portalSettings: { contactPhone: "+33478000000" } })
    .where(eq(businessUnits.id, organization.businessUnitId));
  const cookie = await signIn(app, organization.admin.email);
  const base = `/api/business-units/${organization.businessUnitId}`;
  const type = await app.inject({
    method: "POST",
    url: `${base}/activity-types`,
    headers: { cookie },
    payload: { name: "Entretien", defaultDurationMinutes: 60 },
  });
  expect(type.statusCode, type.body).toBe(201);
  const unit = { organization, cookie, base, typeId: type.json().id as string };
  await staff(unit, "PUT", `/activity-types/${unit.typeId}/portal-display`, {
    shown: true,
    title: "{activity.type}",
    description: "",
    longDescription: "",
  });
  await staff(unit, "PUT", `/activity-types/${unit.typeId}/booking-policy`, {
    minimumNoticeMinutes: 60,
    horizonDays: 30,
    arrivalWindowMinutes: 60,
    choices: 10,
    rescheduleCutoffHours: 24,
    cancelCutoffHours: 24,
  });
  return unit;
}

async function staff(unit: Unit, method: "GET" | "PUT" | "POST" | "PATCH", path: string, payload?: object) {
  const response = await app.inject({
    method,
    url: `${unit.base}${path}`,
    headers: { cookie: unit.cookie },
    ...(payload ? { payload } : {}),
  });
  expect(response.statusCode, `${method} ${path}: ${response.body}`).toBeLessThan(300);
  return response.json();
}

async function worker(unit: Unit, weeklyHours: object): Promise<string> {
  const member = await addTestMember(context, unit.organization, ["field_worker"], {
    name: `Tech ${uniqueSuffix()}`,
    passwordChosen: true,
  });
  await staff(unit, "PATCH", `/workers/${member.id}`, {
    baseLatitude: BELLECOUR.latitude,
    baseLongitude: BELLECOUR.longitude,
    weeklyHours,
  });
  return member.id;
}

async function customer(unit: Unit, fields: Record<string, unknown> = {}) {
  const email = `k.${uniqueSuffix()}@example.com`;
  const created = await staff(unit, "POST", "/customers", {
    firstName: "Léa",
    lastName: "Dupré",
    email,
    addressLine1: "1 Place Bellecour",
    postcode: "69002",
    city: "Lyon",
    ...BELLECOUR,
    portalAccess: true,
    language: "fr",
    ...fields,
  });
  return { id: created.id as string, email };
}

async function setActions(unit: Unit, actions: object[], typeId = unit.typeId) {
  const saved = await staff(unit, "PUT", `/activity-types/${typeId}/portal-actions`, { actions });
  return saved.actions as { id: string }[];
}

function action(fields: Record<string, unknown>) {
  return {
    id: crypto.randomUUID(),
    label: { en: "Action", fr: "Action" },
    targetTypeId: null,
    copyFields: [],
    form: null,
    scheduling: false,
    conditions: null,
    ...fields,
  };
}

async function activityFor(unit: Unit, customerId: string, schedule?: { workerId: string; startAt: string }) {
  const created = await staff(unit, "POST", "/activities", { activityTypeId: unit.typeId, customerId });
  if (schedule) {
    await staff(unit, "POST", `/activities/${created.id}/schedule`, {
      assigneeId: schedule.workerId,
      startAt: schedule.startAt,
      notifyCustomer: false,
    });
  }
  return created.id as string;
}

/** Signs a customer in with the code read from the outbox; returns the portal cookie. */
async function portalSignIn(email: string): Promise<string> {
  const remoteAddress = `127.3.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  await app.inject({
    method: "POST",
    url: "/portal-api/auth/code",
    payload: { identifier: email },
    remoteAddress,
  });
  await settlePortalCodeRequests();
  const [sent] = await context.db
    .select({ bodyText: messages.bodyText })
    .from(messages)
    .where(and(eq(messages.recipient, email), eq(messages.event, "login_code")))
    .orderBy(desc(messages.createdAt))
    .limit(1);
  const code = /\b(\d{6})\b/.exec(sent?.bodyText ?? "")?.[1] ?? "";
  const verified = await app.inject({
    method: "POST",
    url: "/portal-api/auth/verify",
    payload: { identifier: email, code },
    remoteAddress,
  });
  expect(verified.statusCode, verified.body).toBe(200);
  return cookieHeader(verified);
}

function run(cookie: string, typeId: string, actionId: string, body: object = {}) {
  return app.inject({
    method: "POST",
    url: `/portal-api/actions/${typeId}/${actionId}/run`,
    headers: { cookie },
    payload: body,
  });
}

function portalGet(cookie: string, url: string) {
  return app.inject({ method: "GET", url, headers: { cookie } });
}

async function countMessages(event: string, customerIds: string[]) {
  const [row] = await context.db
    .select({ count: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(eq(messages.event, event), inArray(messages.customerId, customerIds)));
  return row?.count ?? 0;
}

describe("saving portal actions", () => {
  it("refuses a home-page action with a condition on the activity, naming the field", async () => {
    const unit = await portalUnit();
    const response = await app.inject({
      method: "PUT",
      url: `${unit.base}/activity-types/${unit.typeId}/portal-actions`,
      headers: { cookie: unit.cookie },
      payload: {
        actions: [
          action({
            effect: "create_activity",
            targetTypeId: unit.typeId,
            conditions: {
              combinator: "and",
              items: [{ kind: "state", operator: "is", states: ["scheduled"] }],
            },
          }),
        ],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0]).toMatchObject({
      path: "actions.0.conditions.items.0.kind",
      code: "condition_needs_activity",
    });
  });
});

describe("C01 through the portal", () => {
  it("books the only free hour once out of 20 parallel requests from two customers, with one confirmation", async () => {
    context.clock.set("2026-06-08T08:00:00Z");
    const unit = await portalUnit();
    const w1 = await worker(unit, hoursOn("3", "09:00", "10:00"));
    const [book] = await setActions(unit, [
      action({ effect: "create_activity", targetTypeId: unit.typeId, scheduling: true }),
    ]);
    const k1 = await customer(unit);
    const k2 = await customer(unit);
    const cookies = [await portalSignIn(k1.email), await portalSignIn(k2.email)];

    const offers = await portalGet(
      cookies[0]!,
      `/portal-api/actions/${unit.typeId}/${book!.id}/offers?from=2026-06-08&to=2026-06-14`,
    );
    expect(offers.statusCode, offers.body).toBe(200);
    expect(
      offers.json().windows.map((window: { start: string; end: string }) => [window.start, window.end]),
    ).toEqual([["2026-06-10T07:00:00.000Z", "2026-06-10T08:00:00.000Z"]]);

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        run(cookies[index % 2]!, unit.typeId, book!.id, { windowStart: "2026-06-10T07:00:00.000Z" }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);

    const booked = await context.db
      .select({
        id: activities.id,
        customerId: activities.customerId,
        confirmed: activities.confirmedByCustomer,
      })
      .from(activities)
      .where(
        and(
          eq(activities.organizationId, unit.organization.organizationId),
          eq(activities.assigneeId, w1),
          sql`tstzrange(${activities.startAt}, ${activities.endAt}) && tstzrange('2026-06-10T07:00:00Z', '2026-06-10T08:00:00Z')`,
        ),
      );
    expect(booked).toHaveLength(1);
    expect(booked[0]?.confirmed).toBe(true);
    // The activities created for the 19 refused bookings were deleted again.
    const created = await context.db
      .select({ count: sql<number>`count(*)::int` })
      .from(activities)
      .where(inArray(activities.customerId, [k1.id, k2.id]));
    expect(created[0]?.count).toBe(1);
    expect(await countMessages("appointment_booked", [k1.id, k2.id])).toBe(1);
    const events = await context.db
      .select({ kind: portalEvents.kind, activityId: portalEvents.activityId })
      .from(portalEvents)
      .where(eq(portalEvents.organizationId, unit.organization.organizationId));
    expect(events).toEqual([{ kind: "booked", activityId: booked[0]?.id }]);
    const conflict = responses.find((response) => response.statusCode === 409)!.json();
    expect(conflict.error.code).toBe("schedule_conflict");
    expect(conflict.error.details.freshWindows).toEqual([]);
  });
});

describe("C04 on the customer path", () => {
  it("moves or cancels only while now < start − 24 h, then refuses on the API and any message link", async () => {
    const unit = await portalUnit();
    const workers = [
      await worker(unit, hoursOn("5", "08:00", "18:00")),
      await worker(unit, hoursOn("5", "08:00", "18:00")),
      await worker(unit, hoursOn("5", "08:00", "18:00")),
    ];
    const [move, cancel] = await setActions(unit, [
      action({ label: { en: "Move", fr: "Déplacer" }, effect: "update_activity", scheduling: true }),
      action({ label: { en: "Cancel", fr: "Annuler" }, effect: "cancel_activity" }),
    ]);
    const k1 = await customer(unit);
    context.clock.set("2026-06-08T08:00:00Z");
    const copies = [];
    for (const workerId of workers) {
      copies.push(await activityFor(unit, k1.id, { workerId, startAt: "2026-06-12T07:00:00Z" }));
    }
    const cookie = await portalSignIn(k1.email);

    const cases = [
      { at: "2026-06-11T06:59:00Z", expected: 200 },
      { at: "2026-06-11T07:00:00Z", expected: 422 },
      { at: "2026-06-12T07:30:00Z", expected: 422 },
    ];
    for (const [index, { at, expected }] of cases.entries()) {
      context.clock.set(at);
      const activityId = copies[index]!;
      const page = await portalGet(cookie, `/portal-api/activities/${activityId}`);
      const offered = page.json().actions.map((item: { id: string }) => item.id);
      expect(offered).toEqual(expected === 200 ? [move!.id, cancel!.id] : []);
      const moved = await run(cookie, unit.typeId, move!.id, {
        activityId,
        windowStart: "2026-06-12T12:00:00.000Z",
      });
      expect(moved.statusCode, `move at ${at}: ${moved.body}`).toBe(expected);
      if (expected === 422) {
        expect(moved.json().error.code).toBe("change_too_late");
        const canceled = await run(cookie, unit.typeId, cancel!.id, { activityId });
        expect(canceled.json().error.code).toBe("change_too_late");
      }
    }
    const [first] = await context.db
      .select({ startAt: activities.startAt, confirmed: activities.confirmedByCustomer })
      .from(activities)
      .where(eq(activities.id, copies[0]!));
    expect(first).toEqual({ startAt: new Date("2026-06-12T12:00:00Z"), confirmed: true });
    // The move's email links to the activity's portal page, whose actions go through the same API.
    const [moved] = await context.db
      .select({ body: messages.bodyText })
      .from(messages)
      .where(and(eq(messages.activityId, copies[0]!), eq(messages.event, "appointment_moved")));
    expect(moved?.body).toContain(`http://127.0.0.1:3000/portal/activities/${copies[0]}`);

    // The dispatcher may still move the visit at (c); the override is logged in the history.
    const dispatcher = await signIn(app, unit.organization.admin.email);
    const forced = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${copies[2]}/schedule`,
      headers: { cookie: dispatcher },
      payload: { assigneeId: workers[2], startAt: "2026-06-12T14:00:00Z", acceptWarnings: true },
    });
    expect(forced.statusCode, forced.body).toBe(200);
    const history = await context.db
      .select({
        action: activityHistory.action,
        actorKind: activityHistory.actorKind,
        note: activityHistory.note,
      })
      .from(activityHistory)
      .where(eq(activityHistory.activityId, copies[2]!))
      .orderBy(desc(activityHistory.at))
      .limit(1);
    expect(history).toEqual([
      { action: "scheduled", actorKind: "staff", note: expect.stringMatching(/^Placed past warnings: /) },
    ]);
  });

  it("cancels inside the allowed time with the customer's reason and a cancellation message", async () => {
    context.clock.set("2026-06-08T08:00:00Z");
    const unit = await portalUnit();
    const w = await worker(unit, hoursOn("5", "08:00", "18:00"));
    const [cancel] = await setActions(unit, [action({ effect: "cancel_activity" })]);
    const k1 = await customer(unit);
    const activityId = await activityFor(unit, k1.id, { workerId: w, startAt: "2026-06-12T07:00:00Z" });
    const cookie = await portalSignIn(k1.email);
    const response = await run(cookie, unit.typeId, cancel!.id, { activityId });
    expect(response.json()).toEqual({ activityId, state: "canceled" });
    const [row] = await context.db
      .select({ status: activities.status, reason: activities.cancelReason })
      .from(activities)
      .where(eq(activities.id, activityId));
    expect(row).toEqual({ status: "canceled", reason: "customer_request" });
    expect(await countMessages("appointment_canceled", [k1.id])).toBe(1);
    const again = await run(cookie, unit.typeId, cancel!.id, { activityId });
    expect(again.json().error.code).toBe("action_unavailable");
  });
});

describe("conditions and effects", () => {
  it("offers a linked request only while the visit is more than 24 h ahead, copying fields", async () => {
    context.clock.set("2026-06-08T08:00:00Z");
    const unit = await portalUnit();
    const request = await staff(unit, "POST", "/activity-types", {
      name: "Demande de report",
      operatingMode: "task",
      defaultDurationMinutes: 15,
    });
    const w = await worker(unit, hoursOn("5", "08:00", "18:00"));
    const [ask] = await setActions(unit, [
      action({
        label: { en: "Ask to reschedule", fr: "Demander un report" },
        effect: "create_linked_activity",
        targetTypeId: request.id,
        form: {
          fields: [
            { code: "motif", type: "long_text", label: { en: "Reason", fr: "Motif" }, required: true },
          ],
        },
        conditions: {
          combinator: "and",
          items: [
            { kind: "state", operator: "is", states: ["scheduled"] },
            { kind: "starts_in", operator: "more_than", hours: 24 },
          ],
        },
      }),
    ]);
    const k1 = await customer(unit);
    const visit = await activityFor(unit, k1.id, { workerId: w, startAt: "2026-06-12T07:00:00Z" });
    const cookie = await portalSignIn(k1.email);

    const page = await portalGet(cookie, `/portal-api/activities/${visit}`);
    expect(page.json().actions).toEqual([
      {
        typeId: unit.typeId,
        id: ask!.id,
        label: "Demander un report",
        effect: "create_linked_activity",
        form: {
          fields: [
            { code: "motif", type: "long_text", label: { en: "Reason", fr: "Motif" }, required: true },
          ],
        },
        scheduling: false,
        activityId: visit,
        answers: {},
      },
    ]);
    const missing = await run(cookie, unit.typeId, ask!.id, { activityId: visit, answers: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields[0]).toMatchObject({ path: "answers.motif", code: "required" });

    const asked = await run(cookie, unit.typeId, ask!.id, {
      activityId: visit,
      answers: { motif: "Absente ce jour-là" },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const [linked] = await context.db
      .select({
        parentId: activities.parentId,
        typeId: activities.activityTypeId,
        answers: activities.answers,
      })
      .from(activities)
      .where(eq(activities.id, asked.json().activityId));
    expect(linked).toEqual({ parentId: visit, typeId: request.id, answers: { motif: "Absente ce jour-là" } });
    const events = await staff(unit, "GET", "/portal-events");
    expect(events.newCount).toBe(1);
    expect(events.events[0]).toMatchObject({
      kind: "requested",
      sourceActivityId: visit,
      // In the unit's language, English here.
      actionLabel: "Ask to reschedule",
      customer: { id: k1.id, name: "Léa Dupré" },
    });

    context.clock.set("2026-06-11T08:00:00Z");
    expect((await portalGet(cookie, `/portal-api/activities/${visit}`)).json().actions).toEqual([]);
    const late = await run(cookie, unit.typeId, ask!.id, { activityId: visit, answers: { motif: "x" } });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.code).toBe("action_unavailable");
  });

  it("answers the survey that closing a visit creates, once", async () => {
    context.clock.set("2026-06-08T08:00:00Z");
    const unit = await portalUnit();
    const survey = await staff(unit, "POST", "/activity-types", {
      name: "Enquête",
      operatingMode: "remote",
      defaultDurationMinutes: 5,
    });
    await staff(unit, "PATCH", `/activity-types/${unit.typeId}`, { followUpTypeId: survey.id });
    await staff(unit, "PUT", `/activity-types/${survey.id}/portal-display`, {
      shown: true,
      title: "Votre avis",
      description: "",
      longDescription: "",
    });
    const [answer] = await setActions(
      unit,
      [
        action({
          label: { en: "Answer the survey", fr: "Répondre à l’enquête" },
          effect: "close_activity",
          form: RATING_FORM,
          conditions: { combinator: "and", items: [{ kind: "state", operator: "is", states: ["open"] }] },
        }),
      ],
      survey.id,
    );
    const k1 = await customer(unit);
    const visit = await activityFor(unit, k1.id);
    const closed = await staff(unit, "POST", `/activities/${visit}/close`, {
      answers: {
        actual_start: "2026-06-08T09:05:00+02:00",
        actual_end: "2026-06-08T09:55:00+02:00",
        result: "ok",
      },
    });
    const surveyId = closed.children[0].id as string;
    const cookie = await portalSignIn(k1.email);
    const home = (await portalGet(cookie, "/portal-api/home")).json();
    expect(home.upcoming.map((item: { id: string; title: string }) => [item.id, item.title])).toEqual([
      [surveyId, "Votre avis"],
    ]);

    const response = await run(cookie, survey.id, answer!.id, { activityId: surveyId, answers: { note: 5 } });
    expect(response.json()).toEqual({ activityId: surveyId, state: "terminated" });
    const [row] = await context.db
      .select({ closing: activities.closingAnswers, result: activities.result })
      .from(activities)
      .where(eq(activities.id, surveyId));
    expect(row).toEqual({ closing: { note: 5, result: "ok" }, result: "ok" });
    const again = await run(cookie, survey.id, answer!.id, { activityId: surveyId, answers: { note: 4 } });
    expect(again.json().error.code).toBe("action_unavailable");
  });

  it("starts an update form from the stored answers and stores the new ones", async () => {
    context.clock.set("2026-06-08T08:00:00Z");
    const unit = await portalUnit();
    const accessField = {
      code: "code_acces",
      type: "short_text",
      label: { en: "Access code", fr: "Code d’accès" },
    };
    await staff(unit, "PATCH", `/activity-types/${unit.typeId}`, { activityForm: { fields: [accessField] } });
    const [update] = await setActions(unit, [
      action({
        label: { en: "Give the access code", fr: "Donner le code" },
        effect: "update_activity",
        form: { fields: [accessField] },
      }),
    ]);
    const k1 = await customer(unit);
    const created = await staff(unit, "POST", "/activities", {
      activityTypeId: unit.typeId,
      customerId: k1.id,
      answers: { code_acces: "1234" },
    });
    const cookie = await portalSignIn(k1.email);
    const page = await portalGet(cookie, `/portal-api/activities/${created.id}`);
    expect(page.json().actions[0].answers).toEqual({ code_acces: "1234" });
    const response = await run(cookie, unit.typeId, update!.id, {
      activityId: created.id,
      answers: { code_acces: "B5678" },
    });
    expect(response.json()).toEqual({ activityId: created.id, state: "unscheduled" });
    const [row] = await context.db
      .select({ answers: activities.answers })
      .from(activities)
      .where(eq(activities.id, created.id));
    expect(row?.answers).toEqual({ code_acces: "B5678" });
    const events = await staff(unit, "GET", "/portal-events");
    expect(events.events.map((event: { kind: string }) => event.kind)).toEqual(["updated"]);
  });

  it("counts uses, refuses previews, and refuses booking for a customer who is not located", async () => {
    context.clock.set("2026-06-08T08:00:00Z");
    const unit = await portalUnit();
    await worker(unit, hoursOn("3", "08:00", "18:00"));
    const [once, book] = await setActions(unit, [
      action({
        label: { en: "Ask once", fr: "Demander une fois" },
        effect: "create_activity",
        targetTypeId: unit.typeId,
        conditions: { combinator: "or", items: [{ kind: "used_at_most", times: 1 }] },
      }),
      action({ effect: "create_activity", targetTypeId: unit.typeId, scheduling: true }),
    ]);
    const k1 = await customer(unit);
    const cookie = await portalSignIn(k1.email);
    expect((await run(cookie, unit.typeId, once!.id)).statusCode).toBe(200);
    const home = (await portalGet(cookie, "/portal-api/home")).json();
    expect(home.actions.map((item: { id: string }) => item.id)).toEqual([book!.id]);
    expect((await run(cookie, unit.typeId, once!.id)).json().error.code).toBe("action_unavailable");

    const unlocated = await customer(unit, { latitude: null, longitude: null });
    const unlocatedCookie = await portalSignIn(unlocated.email);
    const offers = await portalGet(unlocatedCookie, `/portal-api/actions/${unit.typeId}/${book!.id}/offers`);
    expect(offers.statusCode).toBe(422);
    expect(offers.json().error).toMatchObject({
      code: "customer_not_located",
      details: { phone: "+33478000000" },
    });

    const preview = await staff(unit, "POST", `/customers/${k1.id}/portal-preview`);
    const token = /#token=(.+)$/.exec(preview.url)?.[1] ?? "";
    const refused = await app.inject({
      method: "POST",
      url: `/portal-api/actions/${unit.typeId}/${book!.id}/run`,
      headers: { "x-rondo-preview": token },
      payload: {},
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe("preview_read_only");
  });

  it("emails planners who opted in about each portal event, and lets them mark events as seen", async () => {
    context.clock.set("2026-06-08T08:00:00Z");
    const unit = await portalUnit();
    const planner = await addTestMember(context, unit.organization, ["planner"], {
      name: "Paula Planner",
      passwordChosen: true,
    });
    const plannerCookie = await signIn(app, planner.email);
    const subscribe = await app.inject({
      method: "PUT",
      url: `${unit.base}/portal-events/subscription`,
      headers: { cookie: plannerCookie },
      payload: { subscribed: true },
    });
    expect(subscribe.json()).toEqual({ subscribed: true });
    const [ask] = await setActions(unit, [
      action({
        label: { en: "Ask for a visit", fr: "Demander une visite" },
        effect: "create_activity",
        targetTypeId: unit.typeId,
      }),
    ]);
    const k1 = await customer(unit);
    const cookie = await portalSignIn(k1.email);
    const created = await run(cookie, unit.typeId, ask!.id);
    expect(created.json().state).toBe("unscheduled");

    const [mail] = await context.db
      .select({ subject: messages.subject, body: messages.bodyText })
      .from(messages)
      .where(and(eq(messages.recipient, planner.email), eq(messages.event, "portal_event")));
    const reference = (await staff(unit, "GET", `/activities/${created.json().activityId}`)).reference;
    expect(mail?.subject).toBe(`Customer portal: Ask for a visit (${reference})`);
    expect(mail?.body).toContain(
      `Open the activity: http://127.0.0.1:3000/bu/${unit.organization.businessUnitId}/activities/${created.json().activityId}`,
    );

    const seen = await staff(unit, "POST", "/portal-events/acknowledge", {});
    expect(seen).toEqual({ acknowledged: 1 });
    expect((await staff(unit, "GET", "/portal-events")).newCount).toBe(0);
    expect((await staff(unit, "GET", "/portal-events?status=all")).events).toHaveLength(1);
  });
});
