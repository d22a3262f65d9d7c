import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { addTestMember, createTestOrganization, TEST_PASSWORD } from "../helpers/factories.js";
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

/**
 * A client address of its own for each call site: the test clock always starts in the same
 * rate-limit window, so fixed addresses would pile up failures across runs on a shared server.
 */
function uniqueIp(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

function login(email: string, password: string, ip = uniqueIp()) {
  return app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password },
    remoteAddress: ip,
  });
}

describe("staff sign-in", () => {
  it("admin cannot be logged in with a wrong password", async () => {
    const organization = await createTestOrganization(context);

    const response = await login(organization.admin.email, "not the password");

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("invalid_credentials");
    expect(response.cookies).toEqual([]);
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const organization = await createTestOrganization(context);

    const unknown = await login(`nobody-${organization.suffix}@test.example`, "whatever password");
    const wrong = await login(organization.admin.email, "whatever password");

    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.json().error.code).toBe(wrong.json().error.code);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it("signs in with the email typed in another case and with spaces", async () => {
    const organization = await createTestOrganization(context);

    const response = await login(`  ${organization.admin.email.toUpperCase()}\u00a0`, TEST_PASSWORD);

    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((candidate) => candidate.name === "rondo_session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.secure).toBeUndefined();
  });

  it("returns the session with roles per business unit", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    const response = await app.inject({ method: "GET", url: "/api/session", headers: { cookie } });

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user.email).toBe(organization.admin.email);
    expect(body.organization.id).toBe(organization.organizationId);
    expect(body.businessUnits).toHaveLength(1);
    expect(body.businessUnits[0].id).toBe(organization.businessUnitId);
    expect(body.businessUnits[0].roles).toEqual(["admin", "planner"]);
  });

  it("rejects API calls without a session", async () => {
    const response = await app.inject({ method: "GET", url: "/api/business-units" });

    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("unauthenticated");
  });

  it("ends the session at logout", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    const logout = await app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie } });
    const after = await app.inject({ method: "GET", url: "/api/session", headers: { cookie } });

    expect(logout.statusCode).toBe(204);
    expect(after.statusCode).toBe(401);
  });

  it("expires a session left idle longer than the idle limit", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    context.clock.advanceSeconds(context.config.sessionIdleHours * 3600 + 1);
    const response = await app.inject({ method: "GET", url: "/api/session", headers: { cookie } });

    expect(response.statusCode).toBe(401);
  });

  it("expires an active session at its lifetime limit", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    const steps = Math.ceil((context.config.sessionTtlHours * 3600) / 1800);
    let lastStatus = 0;
    for (let step = 0; step < steps; step++) {
      context.clock.advanceSeconds(1800);
      lastStatus = (await app.inject({ method: "GET", url: "/api/session", headers: { cookie } })).statusCode;
    }

    expect(lastStatus).toBe(401);
  });

  it("limits failed attempts per account, whoever tries", async () => {
    const organization = await createTestOrganization(context);
    const limit = context.config.loginMaxFailuresPerAccount;

    const statuses: number[] = [];
    for (let attempt = 0; attempt < limit; attempt++) {
      statuses.push((await login(organization.admin.email, "wrong", uniqueIp())).statusCode);
    }
    const blocked = await login(organization.admin.email, TEST_PASSWORD, uniqueIp());

    expect(statuses).toEqual(Array(limit).fill(401));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe("too_many_attempts");
    expect(blocked.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.headers["retry-after"]).toBe(String(blocked.json().error.details.retryAfterSeconds));
  });

  it("limits an unknown email the same way as a known one", async () => {
    const organization = await createTestOrganization(context);
    const email = `ghost-${organization.suffix}@test.example`;
    const limit = context.config.loginMaxFailuresPerAccount;

    for (let attempt = 0; attempt < limit; attempt++) await login(email, "wrong", uniqueIp());
    const blocked = await login(email, "wrong", uniqueIp());

    expect(blocked.statusCode).toBe(429);
  });

  it("limits attempts per client address across accounts", async () => {
    const organization = await createTestOrganization(context);
    const ip = `192.0.2.${Number.parseInt(organization.suffix.slice(0, 2), 16)}`;
    const limit = context.config.loginMaxFailuresPerIp;

    for (let attempt = 0; attempt < limit; attempt++) {
      await login(`spray-${attempt}-${organization.suffix}@test.example`, "wrong", ip);
    }
    const blocked = await login(organization.admin.email, TEST_PASSWORD, ip);

    expect(blocked.statusCode).toBe(429);
  });

  it("does not count successful sign-ins against the address", async () => {
    const organization = await createTestOrganization(context);
    const address = uniqueIp();
    const limit = context.config.loginMaxFailuresPerIp;

    for (let attempt = 0; attempt < limit; attempt++)
      await login(organization.admin.email, TEST_PASSWORD, address);
    const response = await login(organization.admin.email, TEST_PASSWORD, address);

    expect(response.statusCode).toBe(200);
  });

  it("lets the account in again once the window has passed", async () => {
    const organization = await createTestOrganization(context);
    const address = uniqueIp();
    const limit = context.config.loginMaxFailuresPerAccount;
    for (let attempt = 0; attempt < limit; attempt++) await login(organization.admin.email, "wrong", address);

    context.clock.advanceSeconds(context.config.loginWindowMinutes * 60);
    const response = await login(organization.admin.email, TEST_PASSWORD, address);

    expect(response.statusCode).toBe(200);
  });
});

describe("first sign-in password change", () => {
  it("blocks other routes until the initial password is changed", async () => {
    const organization = await createTestOrganization(context);
    const member = await addTestMember(context, organization, ["planner"]);
    const cookie = await signIn(app, member.email);

    const session = await app.inject({ method: "GET", url: "/api/session", headers: { cookie } });
    const blocked = await app.inject({ method: "GET", url: "/api/business-units", headers: { cookie } });

    expect(session.json().user.mustChangePassword).toBe(true);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe("password_change_required");
  });

  it("opens the routes after the change and ends the account's other sessions", async () => {
    const organization = await createTestOrganization(context);
    const member = await addTestMember(context, organization, ["planner"]);
    const cookie = await signIn(app, member.email);
    const otherCookie = await signIn(app, member.email);

    const change = await app.inject({
      method: "POST",
      url: "/api/session/password",
      headers: { cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: "a much longer new secret" },
    });
    const units = await app.inject({ method: "GET", url: "/api/business-units", headers: { cookie } });
    const other = await app.inject({ method: "GET", url: "/api/session", headers: { cookie: otherCookie } });

    expect(change.statusCode).toBe(204);
    expect(units.statusCode).toBe(200);
    expect(other.statusCode).toBe(401);
  });

  it("rejects a new password shorter than 12 characters, naming the field", async () => {
    const organization = await createTestOrganization(context);
    const member = await addTestMember(context, organization, ["planner"]);
    const cookie = await signIn(app, member.email);

    const response = await app.inject({
      method: "POST",
      url: "/api/session/password",
      headers: { cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: "short" },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("weak_password");
    expect(response.json().error.details.fields[0].path).toBe("password");
  });

  it("rejects the change when the current password is wrong", async () => {
    const organization = await createTestOrganization(context);
    const member = await addTestMember(context, organization, ["planner"]);
    const cookie = await signIn(app, member.email);

    const response = await app.inject({
      method: "POST",
      url: "/api/session/password",
      headers: { cookie },
      payload: { currentPassword: "not it at all", newPassword: "a much longer new secret" },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("wrong_password");
  });
});

describe("cross-site protection", () => {
  it("rejects a change sent from another origin", async () => {
    const organization = await createTestOrganization(context);
    const cookie = await signIn(app, organization.admin.email);

    const response = await app.inject({
      method: "PATCH",
      url: `/api/business-units/${organization.businessUnitId}`,
      headers: { cookie, origin: "https://attacker.example" },
      payload: { name: "Hijacked" },
    });

    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("forbidden");
  });
});

it("keeps the session cookie out of responses other than sign-in", async () => {
  const organization = await createTestOrganization(context);
  const response = await login(organization.admin.email, TEST_PASSWORD);
  const cookie = cookieHeader(response);

  const session = await app.inject({ method: "GET", url: "/api/session", headers: { cookie } });

  expect(session.headers["set-cookie"]).toBeUndefined();
});
