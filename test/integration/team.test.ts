import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { addTestMember, createTestOrganization, type TestOrganization } from "../helpers/factories.js";
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

interface Team {
  organization: TestOrganization;
  cookie: string;
  workerId: string;
  workerEmail: string;
  base: string;
}

async function createTeam(): Promise<Team> {
  const organization = await createTestOrganization(context);
  const worker = await addTestMember(context, organization, ["field_worker"], {
    name: "Léa Tech",
    passwordChosen: true,
  });
  const cookie = await signIn(app, organization.admin.email);
  return {
    organization,
    cookie,
    workerId: worker.id,
    workerEmail: worker.email,
    base: `/api/business-units/${organization.businessUnitId}`,
  };
}

const NINE_TO_FIVE = {
  days: Object.fromEntries(["1", "2", "3", "4", "5"].map((day) => [day, [{ start: "09:00", end: "17:00" }]])),
};

describe("field workers", () => {
  it("lists a new field worker with default hours until the profile is saved", async () => {
    const team = await createTeam();

    const response = await app.inject({
      method: "GET",
      url: `${team.base}/workers`,
      headers: { cookie: team.cookie },
    });

    expect(response.statusCode).toBe(200);
    const workers = response.json();
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatchObject({
      userId: team.workerId,
      name: "Léa Tech",
      configured: false,
      skills: [],
    });
    expect(workers[0].weeklyHours.lunch).toEqual({ start: "12:00", end: "13:00" });
  });

  it("saves base, colour, hours and skills together", async () => {
    const team = await createTeam();
    const skill = await app.inject({
      method: "POST",
      url: `${team.base}/skills`,
      headers: { cookie: team.cookie },
      payload: { name: "Chaudière gaz" },
    });

    const response = await app.inject({
      method: "PATCH",
      url: `${team.base}/workers/${team.workerId}`,
      headers: { cookie: team.cookie },
      payload: {
        colour: "#2f9e44",
        baseAddressLine1: "3 Place Bellecour",
        baseCity: "Lyon",
        baseLatitude: 45.7578,
        baseLongitude: 4.832,
        weeklyHours: { ...NINE_TO_FIVE, lunch: { start: "12:30", end: "13:30" } },
        skills: [{ skillId: skill.json().id, level: 4 }],
      },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      configured: true,
      colour: "#2f9e44",
      baseCity: "Lyon",
      baseLatitude: 45.7578,
      skills: [{ skillId: skill.json().id, name: "Chaudière gaz", level: 4 }],
    });
    expect(response.json().weeklyHours.lunch).toEqual({ start: "12:30", end: "13:30" });
  });

  it("rejects hours that end before they start and a level of 6, naming both", async () => {
    const team = await createTeam();
    const skill = await app.inject({
      method: "POST",
      url: `${team.base}/skills`,
      headers: { cookie: team.cookie },
      payload: { name: "Pompe à chaleur" },
    });

    const response = await app.inject({
      method: "PATCH",
      url: `${team.base}/workers/${team.workerId}`,
      headers: { cookie: team.cookie },
      payload: {
        weeklyHours: { days: { "1": [{ start: "17:00", end: "09:00" }] } },
        skills: [{ skillId: skill.json().id, level: 6 }],
      },
    });
    const unchanged = await app.inject({
      method: "GET",
      url: `${team.base}/workers/${team.workerId}`,
      headers: { cookie: team.cookie },
    });

    expect(response.statusCode).toBe(400);
    const paths = response.json().error.details.fields.map((field: { path: string }) => field.path);
    expect(paths).toContain("skills.0.level");
    expect(paths.some((path: string) => path.startsWith("weeklyHours.days.1.0"))).toBe(true);
    expect(unchanged.json().configured).toBe(false);
  });

  it("rejects a duplicate skill name whatever its case and accents", async () => {
    const team = await createTeam();
    await app.inject({
      method: "POST",
      url: `${team.base}/skills`,
      headers: { cookie: team.cookie },
      payload: { name: "Électricité" },
    });

    const duplicate = await app.inject({
      method: "POST",
      url: `${team.base}/skills`,
      headers: { cookie: team.cookie },
      payload: { name: "  electricite " },
    });

    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.details.fields[0].code).toBe("name_taken");
  });

  it("lets a field worker read their own record but not the team's", async () => {
    const team = await createTeam();
    const workerCookie = await signIn(app, team.workerEmail);

    const own = await app.inject({
      method: "GET",
      url: `${team.base}/workers/${team.workerId}`,
      headers: { cookie: workerCookie },
    });
    const list = await app.inject({
      method: "GET",
      url: `${team.base}/workers`,
      headers: { cookie: workerCookie },
    });
    const leave = await app.inject({
      method: "POST",
      url: `${team.base}/workers/${team.workerId}/unavailabilities`,
      headers: { cookie: workerCookie },
      payload: { start: "2026-07-01T08:00:00+02:00", end: "2026-07-02T08:00:00+02:00", reason: "leave" },
    });

    expect(own.statusCode).toBe(200);
    expect(list.statusCode).toBe(403);
    expect(leave.statusCode).toBe(403);
  });

  it("hides another organization's worker", async () => {
    const team = await createTeam();
    const other = await createTeam();

    const response = await app.inject({
      method: "GET",
      url: `${team.base}/workers/${other.workerId}`,
      headers: { cookie: team.cookie },
    });

    expect(response.statusCode).toBe(404);
  });
});

describe("unavailabilities and exceptions", () => {
  it("blocks every day a leave covers, in both query ranges", async () => {
    const team = await createTeam();
    await app.inject({
      method: "PATCH",
      url: `${team.base}/workers/${team.workerId}`,
      headers: { cookie: team.cookie },
      payload: { weeklyHours: NINE_TO_FIVE },
    });
    const leave = await app.inject({
      method: "POST",
      url: `${team.base}/workers/${team.workerId}/unavailabilities`,
      headers: { cookie: team.cookie },
      payload: { start: "2026-07-30T12:00:00+02:00", end: "2026-08-05T18:00:00+02:00", reason: "leave" },
    });
    expect(leave.statusCode).toBe(201);

    const first = await availability(team, "2026-07-27", "2026-08-09");
    const second = await availability(team, "2026-08-01", "2026-08-31");

    expect(first.get("2026-07-30")).toEqual([
      { start: "2026-07-30T07:00:00.000Z", end: "2026-07-30T10:00:00.000Z" },
    ]);
    for (const date of ["2026-07-31", "2026-08-03", "2026-08-04", "2026-08-05"]) {
      expect(first.get(date)).toEqual([]);
    }
    for (const date of ["2026-08-03", "2026-08-04", "2026-08-05"]) {
      expect(second.get(date)).toEqual([]);
    }
    expect(first.get("2026-08-06")).toEqual([
      { start: "2026-08-06T07:00:00.000Z", end: "2026-08-06T15:00:00.000Z" },
    ]);
    expect(second.get("2026-08-06")).toEqual([
      { start: "2026-08-06T07:00:00.000Z", end: "2026-08-06T15:00:00.000Z" },
    ]);
  });

  it("blocks all fifteen working days of a three-week leave", async () => {
    const team = await createTeam();
    await app.inject({
      method: "POST",
      url: `${team.base}/workers/${team.workerId}/unavailabilities`,
      headers: { cookie: team.cookie },
      payload: {
        start: "2026-06-08T00:00:00+02:00",
        end: "2026-06-29T00:00:00+02:00",
        reason: "leave",
        note: "Summer",
      },
    });

    const days = await availability(team, "2026-06-01", "2026-07-03");

    const workingDates = [...days].filter(([, working]) => working.length > 0).map(([date]) => date);
    expect(workingDates).toEqual([
      "2026-06-01",
      "2026-06-02",
      "2026-06-03",
      "2026-06-04",
      "2026-06-05",
      "2026-06-29",
      "2026-06-30",
      "2026-07-01",
      "2026-07-02",
      "2026-07-03",
    ]);
  });

  it("applies a day-off exception and the unit's public holidays", async () => {
    const team = await createTeam();
    const exception = await app.inject({
      method: "POST",
      url: `${team.base}/workers/${team.workerId}/exceptions`,
      headers: { cookie: team.cookie },
      payload: { from: "2026-07-13", to: "2026-07-13", hours: "off", label: "Pont" },
    });

    const response = await app.inject({
      method: "GET",
      url: `${team.base}/workers/${team.workerId}/availability?from=2026-07-13&to=2026-07-14`,
      headers: { cookie: team.cookie },
    });

    expect(exception.statusCode).toBe(201);
    const [monday, holiday] = response.json();
    expect(monday.working).toEqual([]);
    expect(monday.blocked.map((part: { reason: string }) => part.reason)).toEqual(["day_off"]);
    expect(holiday.working).toEqual([]);
    expect(holiday.blocked[0].reason).toBe("public_holiday");
  });

  it("rejects an unavailability without an offset, naming the field", async () => {
    const team = await createTeam();

    const response = await app.inject({
      method: "POST",
      url: `${team.base}/workers/${team.workerId}/unavailabilities`,
      headers: { cookie: team.cookie },
      payload: { start: "2026-07-30T12:00:00", end: "2026-08-05T18:00:00+02:00", reason: "leave" },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe("start");
  });

  it("lists the French public holidays of a year", async () => {
    const team = await createTeam();

    const response = await app.inject({
      method: "GET",
      url: `${team.base}/holidays?year=2026`,
      headers: { cookie: team.cookie },
    });

    const dates = response.json().map((holiday: { date: string }) => holiday.date);
    expect(dates).toEqual([
      "2026-01-01",
      "2026-04-06",
      "2026-05-01",
      "2026-05-08",
      "2026-05-14",
      "2026-05-25",
      "2026-07-14",
      "2026-08-15",
      "2026-11-01",
      "2026-11-11",
      "2026-12-25",
    ]);
  });
});

async function availability(
  team: Team,
  from: string,
  to: string,
): Promise<Map<string, { start: string; end: string }[]>> {
  const response = await app.inject({
    method: "GET",
    url: `${team.base}/workers/${team.workerId}/availability?from=${from}&to=${to}`,
    headers: { cookie: team.cookie },
  });
  expect(response.statusCode).toBe(200);
  return new Map(
    response
      .json()
      .map((day: { date: string; working: { start: string; end: string }[] }) => [day.date, day.working]),
  );
}
