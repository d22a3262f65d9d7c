import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { addTestMember, createTestCustomer, createTestOrganization } from "../helpers/factories.js";
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

const BELLECOUR = { latitude: 45.7578, longitude: 4.832 };
const VILLEURBANNE = { latitude: 45.7719, longitude: 4.8902 };

async function createScheduledDay() {
  const organization = await createTestOrganization(context);
  const worker = await addTestMember(context, organization, ["field_worker"], {
    name: "Léa Tech",
    passwordChosen: true,
  });
  const other = await addTestMember(context, organization, ["field_worker"], {
    name: "Marc Tech",
    passwordChosen: true,
  });
  const cookie = await signIn(app, organization.admin.email);
  const base = `/api/business-units/${organization.businessUnitId}`;
  await app.inject({
    method: "PATCH",
    url: `${base}/workers/${worker.id}`,
    headers: { cookie },
    payload: { colour: "#2f9e44", baseLatitude: BELLECOUR.latitude, baseLongitude: BELLECOUR.longitude },
  });
  const type = await app.inject({
    method: "POST",
    url: `${base}/activity-types`,
    headers: { cookie },
    payload: { name: "Entretien", colour: "#e8590c" },
  });
  const near = await createTestCustomer(context, organization, {
    ...BELLECOUR,
    displayName: "Anne Bellecour",
  });
  const far = await createTestCustomer(context, organization, {
    ...VILLEURBANNE,
    displayName: "Paul Villeurbanne",
    city: "Villeurbanne",
  });
  const ids: string[] = [];
  for (const [customerId, startAt] of [
    [near.id, "2026-03-03T09:00:00+01:00"],
    [far.id, "2026-03-03T10:30:00+01:00"],
  ] as const) {
    const created = await app.inject({
      method: "POST",
      url: `${base}/activities`,
      headers: { cookie },
      payload: { activityTypeId: type.json().id, customerId },
    });
    await app.inject({
      method: "POST",
      url: `${base}/activities/${created.json().id}/schedule`,
      headers: { cookie },
      payload: { assigneeId: worker.id, startAt },
    });
    ids.push(created.json().id);
  }
  await app.inject({
    method: "POST",
    url: `${base}/workers/${worker.id}/unavailabilities`,
    headers: { cookie },
    payload: { start: "2026-03-04T08:00:00+01:00", end: "2026-03-04T12:00:00+01:00", reason: "training" },
  });
  return { organization, worker, other, cookie, base, ids };
}

describe("team schedule", () => {
  it("gives each worker's visits with travel between them and from and back to base", async () => {
    const day = await createScheduledDay();

    const response = await app.inject({
      method: "GET",
      url: `${day.base}/schedule?from=2026-03-03&to=2026-03-04`,
      headers: { cookie: day.cookie },
    });

    expect(response.statusCode).toBe(200);
    const schedule = response.json();
    expect(schedule.timeZone).toBe("Europe/Paris");
    expect(schedule.workers.map((worker: { name: string }) => worker.name)).toEqual([
      "Léa Tech",
      "Marc Tech",
    ]);
    const lea = schedule.workers[0];
    expect(lea.colour).toBe("#2f9e44");
    expect(
      lea.visits.map((visit: { customerName: string; colour: string }) => [visit.customerName, visit.colour]),
    ).toEqual([
      ["Anne Bellecour", "#e8590c"],
      ["Paul Villeurbanne", "#e8590c"],
    ]);
    expect(lea.travel).toEqual([
      {
        fromActivityId: day.ids[0],
        toActivityId: day.ids[1],
        startAt: "2026-03-03T09:15:00.000Z",
        endAt: "2026-03-03T09:30:00.000Z",
        minutes: 15,
        km: 6.2,
      },
      {
        fromActivityId: day.ids[1],
        toActivityId: null,
        startAt: "2026-03-03T10:30:00.000Z",
        endAt: "2026-03-03T10:45:00.000Z",
        minutes: 15,
        km: 6.2,
      },
    ]);
    expect(
      lea.days[1].blocked.some(
        (part: { reason: string; unavailabilityReason?: string }) =>
          part.reason === "unavailable" && part.unavailabilityReason === "training",
      ),
    ).toBe(true);
  });

  it("gives a field worker only their own row", async () => {
    const day = await createScheduledDay();
    const cookie = await signIn(app, day.worker.email);

    const response = await app.inject({
      method: "GET",
      url: `${day.base}/schedule?from=2026-03-03&to=2026-03-03&workerId=${day.other.id}`,
      headers: { cookie },
    });

    expect(response.json().workers.map((worker: { userId: string }) => worker.userId)).toEqual([
      day.worker.id,
    ]);
  });

  it("rejects a range longer than six weeks", async () => {
    const day = await createScheduledDay();

    const response = await app.inject({
      method: "GET",
      url: `${day.base}/schedule?from=2026-03-01&to=2026-05-01`,
      headers: { cookie: day.cookie },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe("to");
  });
});
