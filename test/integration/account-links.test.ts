import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LogSmsTransport } from "../../src/integrations/mail/local-transport.js";
import { SmtpTransport } from "../../src/integrations/mail/smtp-transport.js";
import { OutboxDispatcher } from "../../src/jobs/dispatcher.js";
import { settlePasswordResets } from "../../src/services/account-links.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { addTestMember, createTestOrganization, TEST_PASSWORD } from "../helpers/factories.js";
import { buildTestApp, signIn, type TestApp } from "../helpers/http.js";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp.js";

let context: TestContext;
let app: TestApp;
let smtp: TestSmtpServer;

beforeAll(async () => {
  context = await createTestContext();
  app = await buildTestApp(context);
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await app.close();
  await smtp.close();
  await context.close();
});

/** Organizations of this file: a shared PostgreSQL database holds other files' messages too. */
const organizationIds: string[] = [];

async function newOrganization() {
  const organization = await createTestOrganization(context);
  organizationIds.push(organization.organizationId);
  return organization;
}

/** A random loopback address, so that the per-client reset limit of a shared database stays out of the way. */
function clientAddress(): string {
  return `127.${Math.floor(Math.random() * 254) + 1}.${Math.floor(Math.random() * 254) + 1}.1`;
}

async function deliver() {
  await settlePasswordResets();
  const logger = pino({ level: "silent" });
  await new OutboxDispatcher({
    organizationIds,
    db: context.db,
    clock: context.clock,
    logger,
    email: new SmtpTransport(smtp.url, "rondo.test", { timeoutMs: 2000 }),
    sms: new LogSmsTransport(logger),
    mailFrom: "rondo@rondo.test",
    smsSender: "Rondo",
    pollSeconds: 60,
  }).drainOnce();
}

beforeEach(async () => {
  context.clock.set("2026-06-01T08:00:00Z");
  await deliver();
  smtp.received.length = 0;
});

function linkIn(to: string, path: string): string {
  const mail = smtp.received.find((candidate) => candidate.envelopeTo[0] === to);
  const match = mail?.parsed.text?.match(
    new RegExp(`http://127\\.0\\.0\\.1:3000/${path}#token=([A-Za-z0-9_-]+)`),
  );
  if (!match?.[1]) throw new Error(`No ${path} link in the mail to ${to}.`);
  return match[1];
}

const NEW_PASSWORD = "a brand new passphrase";

describe("password reset by email link", () => {
  it("answers alike for known and unknown addresses and sends a link only to the known one", async () => {
    const organization = await newOrganization();
    const known = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      remoteAddress: clientAddress(),
      payload: { email: organization.admin.email.toUpperCase() },
    });
    const unknown = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      remoteAddress: clientAddress(),
      payload: { email: "nobody@test.example" },
    });
    expect([known.statusCode, known.body]).toEqual([202, '{"accepted":true}']);
    expect([unknown.statusCode, unknown.body]).toEqual([202, '{"accepted":true}']);
    await deliver();
    expect(smtp.received.map((mail) => [mail.envelopeTo[0], mail.parsed.subject])).toEqual([
      [organization.admin.email, "Reset your Rondo password"],
    ]);
  });

  it("sets the password once, ends the sessions, and refuses the link afterwards or after an hour", async () => {
    const organization = await newOrganization();
    const oldSession = await signIn(app, organization.admin.email);
    await app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      remoteAddress: clientAddress(),
      payload: { email: organization.admin.email },
    });
    await deliver();
    const token = linkIn(organization.admin.email, "reset-password");

    const weak = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset/confirm",
      payload: { token, password: "short" },
    });
    expect([weak.statusCode, weak.json().error.code]).toEqual([400, "weak_password"]);
    const done = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset/confirm",
      payload: { token, password: NEW_PASSWORD },
    });
    expect(done.statusCode).toBe(200);
    const again = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset/confirm",
      payload: { token, password: NEW_PASSWORD },
    });
    expect([again.statusCode, again.json().error.code]).toEqual([400, "invalid_link"]);

    const session = await app.inject({ method: "GET", url: "/api/session", headers: { cookie: oldSession } });
    expect(session.statusCode).toBe(401);
    await expect(signIn(app, organization.admin.email, TEST_PASSWORD)).rejects.toThrow("401");
    expect(await signIn(app, organization.admin.email, NEW_PASSWORD)).toContain("rondo_session=");

    await app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      remoteAddress: clientAddress(),
      payload: { email: organization.admin.email },
    });
    smtp.received.length = 0;
    await deliver();
    const late = linkIn(organization.admin.email, "reset-password");
    context.clock.set("2026-06-01T09:00:00Z");
    const expired = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset/confirm",
      payload: { token: late, password: "yet another passphrase" },
    });
    expect([expired.statusCode, expired.json().error.code]).toEqual([400, "invalid_link"]);
  });

  it("stops sending after five requests an hour for one address", async () => {
    const organization = await newOrganization();
    for (let request = 0; request < 7; request++) {
      const response = await app.inject({
        method: "POST",
        url: "/api/auth/password-reset",
        remoteAddress: clientAddress(),
        payload: { email: organization.admin.email },
      });
      expect(response.statusCode).toBe(202);
    }
    await deliver();
    // Each new link retires the previous one; the messages of retired links still leave.
    expect(smtp.received.filter((mail) => mail.envelopeTo[0] === organization.admin.email)).toHaveLength(5);
  });
});

describe("staff invitations", () => {
  it("adds a member without a password, emails an invitation, and lets them choose one", async () => {
    const organization = await newOrganization();
    const cookie = await signIn(app, organization.admin.email);
    const email = `invited-${organization.suffix}@test.example`;
    const added = await app.inject({
      method: "POST",
      url: `/api/business-units/${organization.businessUnitId}/users`,
      headers: { cookie },
      payload: { email, name: "Inès Invitée", roles: ["planner"], language: "fr" },
    });
    expect(added.statusCode).toBe(201);
    await deliver();
    const mail = smtp.received.find((candidate) => candidate.envelopeTo[0] === email)!;
    expect(mail.parsed.subject).toBe(
      `Invitation à rejoindre Test organization ${organization.suffix} sur Rondo`,
    );
    const token = linkIn(email, "invitation");
    const accepted = await app.inject({
      method: "POST",
      url: "/api/auth/invitation/accept",
      payload: { token, password: NEW_PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);
    const login = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password: NEW_PASSWORD },
    });
    expect([login.statusCode, login.json().user.mustChangePassword]).toEqual([200, false]);
  });

  it("lets only admins send invitations", async () => {
    const organization = await newOrganization();
    const planner = await addTestMember(context, organization, ["planner"], { passwordChosen: true });
    const cookie = await signIn(app, planner.email);
    const response = await app.inject({
      method: "POST",
      url: `/api/business-units/${organization.businessUnitId}/users/${planner.id}/invitation`,
      headers: { cookie },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe("staff messages in the Messages list", () => {
  it("shows admins the reset email with its link hidden once sent", async () => {
    const organization = await newOrganization();
    const cookie = await signIn(app, organization.admin.email);
    await app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      remoteAddress: clientAddress(),
      payload: { email: organization.admin.email },
    });
    await deliver();
    const list = await app.inject({
      method: "GET",
      url: `/api/business-units/${organization.businessUnitId}/messages`,
      headers: { cookie },
    });
    const reset = list.json().find((message: { event: string }) => message.event === "password_reset");
    expect([reset.status, reset.recipient]).toEqual(["sent", organization.admin.email]);
    const detail = await app.inject({
      method: "GET",
      url: `/api/business-units/${organization.businessUnitId}/messages/${reset.id}`,
      headers: { cookie },
    });
    expect(detail.json().bodyText).toContain("/reset-password#token=••••••");
  });
});
