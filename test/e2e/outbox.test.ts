import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueMessage } from "../../src/services/notifications/outbox.js";
import { createOrganization } from "../../src/services/organization-service.js";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp.js";
import { type E2eDatabase, e2eDatabase, type RunningServer, startServer } from "./harness.js";

/**
 * The dispatcher as a real process: killed between claiming a message and recording the send,
 * then restarted, it sends the message once and records it; and a new message leaves within a
 * second because the server is woken by the database, not by its timer.
 */
let database: E2eDatabase;
let smtp: TestSmtpServer;
let server: RunningServer | undefined;
const suffix = Math.random().toString(36).slice(2, 10);
const recipient = `crash-${suffix}@example.com`;
let ids: { organizationId: string; businessUnitId: string; adminEmail: string; messageId: string };

beforeAll(async () => {
  smtp = await startSmtpServer();
  database = e2eDatabase();
  ids = await database.prepare(async (context) => {
    const adminEmail = `admin-${suffix}@test.example`;
    const { organization, businessUnit } = await createOrganization(context, {
      name: `Outbox ${suffix}`,
      businessUnit: {
        code: "LYON",
        name: "Chauffage Lyon",
        timeZone: "Europe/Paris",
        language: "fr",
        country: "FR",
        addressLine1: null,
        addressLine2: null,
        postcode: null,
        city: null,
        latitude: null,
        longitude: null,
      },
      admin: {
        email: adminEmail,
        name: "Ada Admin",
        password: "correct horse battery staple",
        roles: ["admin", "planner"],
      },
      passwordsAlreadyChosen: true,
    });
    const now = context.clock.now();
    const message = await context.db.transaction((tx) =>
      queueMessage(
        tx,
        organization.id,
        {
          businessUnitId: businessUnit.id,
          channel: "email",
          event: "appointment_booked",
          recipient,
          language: "fr",
          subject: "Rendez-vous confirmé",
          bodyText: "Bonjour",
          dueAt: now,
        },
        now,
      ),
    );
    return {
      organizationId: organization.id,
      businessUnitId: businessUnit.id,
      adminEmail,
      messageId: message.id,
    };
  });
});

afterAll(async () => {
  await server?.stop();
  await smtp.close();
  database.cleanup();
});

const environment = () => ({
  ...database.environment,
  SMTP_URL: smtp.url,
  OUTBOX_LEASE_SECONDS: "2",
  OUTBOX_POLL_SECONDS: "1",
  SEND_TIMEOUT_MS: "60000",
});

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ids.adminEmail, password: "correct horse battery staple" }),
  });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

describe("the outbox across a crash", () => {
  it("sends a message claimed by a killed server once, after the restart", async () => {
    smtp.mode = "hang";
    server = await startServer(environment());
    await until(() => smtp.dataStarted >= 1, "the first server to start sending");
    await server.kill();

    smtp.mode = "accept";
    server = await startServer(environment());
    await until(
      () => smtp.received.some((mail) => mail.envelopeTo[0] === recipient),
      "the message to arrive",
    );
    const cookie = await signIn(server.url);
    let message: { status: string; attempts: number } | undefined;
    await until(async () => {
      const response = await fetch(
        `${server!.url}/api/business-units/${ids.businessUnitId}/messages/${ids.messageId}`,
        {
          headers: { cookie },
        },
      );
      message = (await response.json()) as { status: string; attempts: number };
      return message?.status === "sent";
    }, "the send to be recorded");
    expect(message).toMatchObject({ status: "sent", attempts: 2 });
    expect(smtp.received.filter((mail) => mail.envelopeTo[0] === recipient)).toHaveLength(1);
  });

  it("wakes on a new message and sends it within a second", async () => {
    const cookie = await signIn(server!.url);
    expect(cookie).toMatch(/^rondo_session=/);
    // A password reset is the quickest way to queue a message from outside.
    const before = smtp.received.length;
    const started = Date.now();
    const asked = await fetch(`${server!.url}/api/auth/password-reset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ids.adminEmail }),
    });
    expect(asked.status).toBe(202);
    await until(() => smtp.received.length > before, "the reset email", 5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(smtp.received.at(-1)?.envelopeTo).toEqual([ids.adminEmail]);
  });
});
