import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { addTestMember, createTestOrganization } from "../helpers/factories.js";
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

async function changeMemberPassword(email: string): Promise<string> {
  const cookie = await signIn(app, email);
  await app.inject({
    method: "POST",
    url: "/api/session/password",
    headers: { cookie },
    payload: { currentPassword: "correct horse battery staple", newPassword: "field worker's own secret" },
  });
  return cookie;
}

describe("business unit settings", () => {
  it("field worker gets 403 on settings", async () => {
    const organization = await createTestOrganization(context);
    const worker = await addTestMember(context, organization, ["field_worker"]);
    const cookie = await changeMemberPassword(worker.email);

    const response = await app.inject({
      method: "PATCH",
      url: `/api/business-units/${organization.businessUnitId}`,
      headers: { cookie },
      payload: { timeZone: "Europe/London" },
    });
    const unchanged = await app.inject({
      method: "GET",
      url: `/api/business-units/${organization.businessUnitId}`,
      headers: { cookie },
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("forbidden");
    expect(unchanged.json().timeZone).toBe("Europe/Paris");
  });

  it("planner gets 403 on the users of the unit", async () => {
    const organization = await createTestOrganization(context);
    const planner = await addTestMember(context, organization, ["planner"]);
    const cookie = await changeMemberPassword(planner.email);

    const response = await app.inject({
      method: "GET",
      url: `/api/business-units/${organization.businessUnitId}/users`,
      headers: { cookie },
    });

    expect(response.statusCode).toBe(403);
  });

  it("organization A cannot read organization B's BU (404)", async () => {
    const organizationA = await createTestOrganization(context);
    const organizationB = await createTestOrganization(context);
    const cookie = await signIn(app, organizationA.admin.email);

    const read = await app.inject({
      method: "GET",
      url: `/api/business-units/${organizationB.businessUnitId}`,
      headers: { cookie },
    });
    const write = await app.inject({
      method: "PATCH",
      url: `/api/business-units/${organizationB.businessUnitId}`,
      headers: { cookie },
      payload: { name: "Taken over" },
    });
    const users = await app.inject({
      method: "GET",
      url: `/api/business-units/${organizationB.businessUnitId}/users`,
      headers: { cookie },
    });
    const list = await app.inject({ method: "GET", url: "/api/business-units", headers: { cookie } });

    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe("not_found");
    expect(write.statusCode).toBe(404);
    expect(users.statusCode).toBe(404);
    expect(list.json().map((unit: { id: string }) => unit.id)).toEqual([organizationA.businessUnitId]);
  });

  it("admin changes the time zone, language and address", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    const response = await app.inject({
      method: "PATCH",
      url: `/api/business-units/${organization.businessUnitId}`,
      headers: { cookie },
      payload: {
        timeZone: "America/Martinique",
        language: "fr",
        country: "mq",
        city: "Fort-de-France",
        latitude: 14.6161,
        longitude: -61.0588,
      },
    });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      timeZone: "America/Martinique",
      language: "fr",
      country: "MQ",
      city: "Fort-de-France",
      latitude: 14.6161,
      longitude: -61.0588,
      addressLine1: "1 Rue de Rivoli",
    });
  });

  it("rejects an unknown time zone and country, naming both values", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    const response = await app.inject({
      method: "PATCH",
      url: `/api/business-units/${organization.businessUnitId}`,
      headers: { cookie },
      payload: { timeZone: "Europe/Pariss", country: "XX" },
    });

    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe("validation_failed");
    expect(error.details.fields).toEqual([
      expect.objectContaining({ path: "timeZone", value: "Europe/Pariss", code: "invalid_time_zone" }),
      expect.objectContaining({ path: "country", value: "XX", code: "invalid_country" }),
    ]);
    expect(error.message).toContain('"Europe/Pariss" is not an IANA time zone');
  });

  it("rejects a latitude out of range with the field's path", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    const response = await app.inject({
      method: "PATCH",
      url: `/api/business-units/${organization.businessUnitId}`,
      headers: { cookie },
      payload: { latitude: 145.2 },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe("latitude");
  });

  it("rejects a latitude without a longitude", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    const response = await app.inject({
      method: "PATCH",
      url: `/api/business-units/${organization.businessUnitId}`,
      headers: { cookie },
      payload: { longitude: null },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].code).toBe("incomplete_coordinates");
  });

  it("creates a second unit whose code must be unique in the organization", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);
    const body = { code: "LYON", name: "Lyon", timeZone: "Europe/Paris", language: "fr", country: "FR" };

    const created = await app.inject({
      method: "POST",
      url: "/api/business-units",
      headers: { cookie },
      payload: body,
    });
    const duplicate = await app.inject({
      method: "POST",
      url: "/api/business-units",
      headers: { cookie },
      payload: body,
    });
    const session = await app.inject({ method: "GET", url: "/api/session", headers: { cookie } });

    expect(created.statusCode).toBe(201);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe("code_taken");
    expect(session.json().businessUnits.map((unit: { code: string }) => unit.code)).toEqual([
      "LYON",
      "PARIS",
    ]);
  });
});

describe("staff of a business unit", () => {
  it("admin adds a planner who must change the initial password", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);
    const email = `New.Planner-${organization.suffix}@Test.example`;

    const response = await app.inject({
      method: "POST",
      url: `/api/business-units/${organization.businessUnitId}/users`,
      headers: { cookie },
      payload: {
        email,
        name: "Nina Planner",
        password: "initial password 1",
        roles: ["planner", "field_worker"],
      },
    });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: "initial password 1" },
    });

    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      email: email.toLowerCase(),
      name: "Nina Planner",
      roles: ["planner", "field_worker"],
      mustChangePassword: true,
    });
    expect(login.json().user.mustChangePassword).toBe(true);
  });

  it("changes roles and removes a member", async () => {
    const organization = await createTestOrganization(context);
    const member = await addTestMember(context, organization, ["planner"]);
    const cookie = await signIn(app, organization.admin.email);

    const roles = await app.inject({
      method: "PUT",
      url: `/api/business-units/${organization.businessUnitId}/users/${member.id}/roles`,
      headers: { cookie },
      payload: { roles: ["field_worker"] },
    });
    const removed = await app.inject({
      method: "DELETE",
      url: `/api/business-units/${organization.businessUnitId}/users/${member.id}`,
      headers: { cookie },
    });
    const list = await app.inject({
      method: "GET",
      url: `/api/business-units/${organization.businessUnitId}/users`,
      headers: { cookie },
    });

    expect(roles.json().roles).toEqual(["field_worker"]);
    expect(removed.statusCode).toBe(204);
    expect(list.json().map((user: { email: string }) => user.email)).toEqual([organization.admin.email]);
  });

  it("rejects an unknown role, naming the field", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    const response = await app.inject({
      method: "POST",
      url: `/api/business-units/${organization.businessUnitId}/users`,
      headers: { cookie },
      payload: {
        email: `x-${organization.suffix}@test.example`,
        name: "X",
        password: "long enough pass",
        roles: ["boss"],
      },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].path).toBe("roles.0");
  });

  it("keeps an admin from dropping their own admin role", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    const response = await app.inject({
      method: "PUT",
      url: `/api/business-units/${organization.businessUnitId}/users/${organization.admin.id}/roles`,
      headers: { cookie },
      payload: { roles: ["planner"] },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].code).toBe("own_admin_role");
  });

  it("refuses to attach an account of another organization, revealing nothing of it", async () => {
    const organizationA = await createTestOrganization(context);
    const organizationB = await createTestOrganization(context);
    const cookieB = await signIn(app, organizationB.admin.email);

    const response = await app.inject({
      method: "POST",
      url: `/api/business-units/${organizationB.businessUnitId}/users`,
      headers: { cookie: cookieB },
      payload: {
        email: organizationA.admin.email,
        name: "Someone",
        password: "whatever password",
        roles: ["admin"],
      },
    });
    const cookieA = await signIn(app, organizationA.admin.email);
    const session = await app.inject({ method: "GET", url: "/api/session", headers: { cookie: cookieA } });

    expect(response.statusCode).toBe(409);
    expect(response.json().error.details.fields[0].code).toBe("account_in_other_organization");
    expect(response.body).not.toContain("Ada Admin");
    expect(session.json().organizations.map((org: { id: string }) => org.id)).toEqual([
      organizationA.organizationId,
    ]);
  });

  it("adds an account of the same organization to a second unit without changing its password", async () => {
    const organization = await createTestOrganization(context);
    const member = await addTestMember(context, organization, ["planner"], { passwordChosen: true });
    const cookie = await signIn(app, organization.admin.email);
    const second = await app.inject({
      method: "POST",
      url: "/api/business-units",
      headers: { cookie },
      payload: { code: "LYON", name: "Lyon", timeZone: "Europe/Paris", language: "fr", country: "FR" },
    });

    const response = await app.inject({
      method: "POST",
      url: `/api/business-units/${second.json().id}/users`,
      headers: { cookie },
      payload: { email: member.email, name: "ignored", password: "", roles: ["field_worker"] },
    });
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: member.email, password: "correct horse battery staple" },
    });

    expect(response.statusCode).toBe(201);
    expect(response.json().roles).toEqual(["field_worker"]);
    expect(login.statusCode).toBe(200);
  });

  it("ends the session of a member removed from every unit", async () => {
    const organization = await createTestOrganization(context);
    const member = await addTestMember(context, organization, ["planner"], { passwordChosen: true });
    const memberCookie = await signIn(app, member.email);
    const cookie = await signIn(app, organization.admin.email);

    await app.inject({
      method: "DELETE",
      url: `/api/business-units/${organization.businessUnitId}/users/${member.id}`,
      headers: { cookie },
    });
    const session = await app.inject({
      method: "GET",
      url: "/api/session",
      headers: { cookie: memberCookie },
    });

    expect(session.statusCode).toBe(401);
  });
});

describe("errors and probes", () => {
  it("returns the request id in a header and in error bodies", async () => {
    const response = await app.inject({ method: "GET", url: "/api/session" });

    expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.json().error.requestId).toBe(response.headers["x-request-id"]);
  });

  it("answers healthz and readyz", async () => {
    const health = await app.inject({ method: "GET", url: "/healthz" });
    const ready = await app.inject({ method: "GET", url: "/readyz" });

    expect(health.json()).toEqual({ status: "ok" });
    expect(ready.json()).toEqual({ status: "ok" });
  });

  it("serves the OpenAPI document with the staff routes", async () => {
    const response = await app.inject({ method: "GET", url: "/api/openapi.json" });

    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toContain("/api/auth/login");
    expect(paths).toContain("/api/business-units/{buId}");
    expect(response.json().paths["/api/business-units/{buId}"].patch.requestBody).toBeDefined();
  });

  it("answers a malformed JSON body with a 400", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("bad_request");
  });
});

it("serves the API documentation page without a session", async () => {
  const response = await app.inject({ method: "GET", url: "/api/docs/" });

  expect(response.statusCode).toBe(200);
  expect(response.headers["content-type"]).toContain("text/html");
});

it("rejects a NUL character in a search instead of failing", async () => {
  const organization = await createTestOrganization(context);
  const cookie = await signIn(app, organization.admin.email);

  const response = await app.inject({
    method: "GET",
    url: `/api/business-units/${organization.businessUnitId}/customers?q=a%00b`,
    headers: { cookie },
  });

  expect(response.statusCode).toBe(400);
  expect(response.json().error.details.fields[0]).toMatchObject({ path: "q", code: "nul_character" });
});
