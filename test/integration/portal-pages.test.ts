import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessUnits, messages } from "../../src/db/schema/index.js";
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

const BRANDS = [
  { value: "saunier", label: { en: "Saunier Duval", fr: "Saunier Duval" } },
  { value: "other", label: { en: "Other brand", fr: "Autre marque" } },
];

interface Unit {
  organization: TestOrganization;
  cookie: string;
  base: string;
  typeId: string;
  workerId: string;
}

/** A unit with its portal on, a type shown with texts and a field worker working weekdays. */
async function portalUnit(): Promise<Unit> {
  const organization = await createTestOrganization(context);
  await context.db
    .update(businessUnits)
    .set({ portalEnabled: true, portalSettings: { displayName: "Chauffage <Dupré>" } })
    .where(eq(businessUnits.id, organization.businessUnitId));
  const cookie = await signIn(app, organization.admin.email);
  const base = `/api/business-units/${organization.businessUnitId}`;
  const type = await app.inject({
    method: "POST",
    url: `${base}/activity-types`,
    headers: { cookie },
    payload: {
      name: "Entretien",
      defaultDurationMinutes: 60,
      activityForm: {
        fields: [
          {
            code: "marque",
            type: "single_choice",
            label: { en: "Boiler brand", fr: "Marque de la chaudière" },
            options: BRANDS,
            showOnPortal: true,
          },
          { code: "code_acces", type: "short_text", label: { en: "Access code", fr: "Code d'accès" } },
        ],
      },
    },
  });
  expect(type.statusCode, type.body).toBe(201);
  const worker = await addTestMember(context, organization, ["field_worker"], {
    name: "Léa Tech",
    passwordChosen: true,
  });
  const weeklyHours = {
    days: Object.fromEntries(
      ["1", "2", "3", "4", "5"].map((day) => [day, [{ start: "08:00", end: "18:00" }]]),
    ),
  };
  const hours = await app.inject({
    method: "PATCH",
    url: `${base}/workers/${worker.id}`,
    headers: { cookie },
    payload: { baseLatitude: 45.7578, baseLongitude: 4.832, weeklyHours },
  });
  expect(hours.statusCode).toBe(200);
  return { organization, cookie, base, typeId: type.json().id, workerId: worker.id };
}

async function showType(unit: Unit, texts: Record<string, unknown>) {
  const response = await app.inject({
    method: "PUT",
    url: `${unit.base}/activity-types/${unit.typeId}/portal-display`,
    headers: { cookie: unit.cookie },
    payload: { shown: true, title: "", description: "", longDescription: "", ...texts },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function setShowWorker(unit: Unit, showWorker: boolean) {
  const response = await app.inject({
    method: "PUT",
    url: `${unit.base}/activity-types/${unit.typeId}/booking-policy`,
    headers: { cookie: unit.cookie },
    payload: { showWorker },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function customer(unit: Unit, fields: Record<string, unknown> = {}) {
  const email = `portal.${uniqueSuffix()}@example.com`;
  const response = await app.inject({
    method: "POST",
    url: `${unit.base}/customers`,
    headers: { cookie: unit.cookie },
    payload: {
      firstName: "Léa",
      lastName: "<b>Dupré</b>",
      email,
      addressLine1: "1 Place Bellecour",
      postcode: "69002",
      city: "Lyon",
      latitude: 45.7578,
      longitude: 4.832,
      portalAccess: true,
      language: "fr",
      ...fields,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { id: response.json().id as string, email };
}

async function activity(unit: Unit, customerId: string, answers: Record<string, unknown>, startAt?: string) {
  const created = await app.inject({
    method: "POST",
    url: `${unit.base}/activities`,
    headers: { cookie: unit.cookie },
    payload: { activityTypeId: unit.typeId, customerId, answers },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  if (startAt) {
    const scheduled = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${id}/schedule`,
      headers: { cookie: unit.cookie },
      payload: { assigneeId: unit.workerId, startAt, notifyCustomer: false },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
  }
  return id;
}

async function signInCustomer(email: string): Promise<string> {
  const ip = `127.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  await app.inject({
    method: "POST",
    url: "/portal-api/auth/code",
    payload: { identifier: email },
    remoteAddress: ip,
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
    remoteAddress: ip,
  });
  expect(verified.statusCode, verified.body).toBe(200);
  return cookieHeader(verified);
}

function get(url: string, cookie: string) {
  return app.inject({ method: "GET", url, headers: { cookie } });
}

describe("portal home and activity pages", () => {
  it("fills the type's texts with codes in the customer's language, and shows only visible answers", async () => {
    context.clock.set("2026-06-08T08:00:00Z");
    const unit = await portalUnit();
    await showType(unit, {
      title: "Entretien {form.marque}",
      description: "{activity.date} · {activity.time}",
      longDescription:
        "Bonjour {customer.first_name},\nTechnicien : {activity.worker}\nÉtat : {activity.state}\nCréneau : {activity.window}",
    });
    await setShowWorker(unit, true);
    const lea = await customer(unit);
    const visit = await activity(
      unit,
      lea.id,
      { marque: "saunier", code_acces: "4321" },
      "2026-06-10T07:00:00Z",
    );
    const cookie = await signInCustomer(lea.email);

    const home = await get("/portal-api/home", cookie);
    expect(home.statusCode).toBe(200);
    expect(home.json()).toEqual({
      upcoming: [
        {
          id: visit,
          reference: expect.stringMatching(/^A\d+$/),
          title: "Entretien Saunier Duval",
          description: "mercredi 10 juin 2026 · 09:00 (heure de Paris)",
          state: "scheduled",
          start: "2026-06-10T07:00:00.000Z",
          end: "2026-06-10T08:00:00.000Z",
          arrivalWindow: null,
          timeZone: "Europe/Paris",
          address: "1 Place Bellecour, 69002 Lyon",
        },
      ],
      past: [],
      actions: [],
    });

    const english = await get("/portal-api/home?language=en", cookie);
    expect(english.json().upcoming[0].description).toBe("Wednesday 10 June 2026 · 09:00 Paris time");

    const page = await get(`/portal-api/activities/${visit}`, cookie);
    expect(page.json()).toMatchObject({
      title: "Entretien Saunier Duval",
      // The window line has no value, so it goes, and HTML in a name stays text.
      longDescription: "Bonjour Léa,\nTechnicien : Léa Tech\nÉtat : Planifiée",
      worker: "Léa Tech",
      answers: [{ code: "marque", label: "Marque de la chaudière", value: "Saunier Duval" }],
    });
    const session = await get("/portal-api/session", cookie);
    expect(session.json().company).toMatchObject({ displayName: "Chauffage <Dupré>", informationHtml: "" });
  });

  it("hides another customer's activities, types not shown, and the worker when the policy says so", async () => {
    context.clock.set("2026-06-08T09:00:00Z");
    const unit = await portalUnit();
    await showType(unit, { title: "{activity.type}", longDescription: "Technicien : {activity.worker}" });
    const lea = await customer(unit);
    const paul = await customer(unit, { firstName: "Paul" });
    const mine = await activity(unit, lea.id, { marque: "other" }, "2026-06-11T07:00:00Z");
    const theirs = await activity(unit, paul.id, { marque: "other" });
    await setShowWorker(unit, false);

    const cookie = await signInCustomer(lea.email);
    expect((await get(`/portal-api/activities/${theirs}`, cookie)).statusCode).toBe(404);
    const page = await get(`/portal-api/activities/${mine}`, cookie);
    expect(page.json()).toMatchObject({ title: "Entretien", worker: null, longDescription: "" });

    const other = await portalUnit();
    const foreign = await activity(other, (await customer(other)).id, { marque: "other" });
    expect((await get(`/portal-api/activities/${foreign}`, cookie)).statusCode).toBe(404);

    const hidden = await app.inject({
      method: "PUT",
      url: `${unit.base}/activity-types/${unit.typeId}/portal-display`,
      headers: { cookie: unit.cookie },
      payload: { shown: false, title: "{activity.type}", description: "", longDescription: "" },
    });
    expect(hidden.statusCode).toBe(200);
    expect((await get(`/portal-api/activities/${mine}`, cookie)).statusCode).toBe(404);
    expect((await get("/portal-api/home", cookie)).json()).toEqual({ upcoming: [], past: [], actions: [] });
  });

  it("lists closed and canceled visits as past", async () => {
    context.clock.set("2026-06-08T10:00:00Z");
    const unit = await portalUnit();
    await showType(unit, { title: "{activity.reference}" });
    const lea = await customer(unit);
    const canceled = await activity(unit, lea.id, { marque: "other" }, "2026-06-12T07:00:00Z");
    const cancel = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${canceled}/cancel`,
      headers: { cookie: unit.cookie },
      payload: { reason: "customer_request", notifyCustomer: false },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const open = await activity(unit, lea.id, { marque: "other" });
    const cookie = await signInCustomer(lea.email);
    const home = (await get("/portal-api/home", cookie)).json();
    expect(home.upcoming.map((item: { id: string; state: string }) => [item.id, item.state])).toEqual([
      [open, "unscheduled"],
    ]);
    expect(home.past.map((item: { id: string; state: string }) => [item.id, item.state])).toEqual([
      [canceled, "canceled"],
    ]);
  });
});
