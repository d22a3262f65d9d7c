import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SmtpTransport } from "../../src/integrations/mail/smtp-transport.js";
import { HttpSmsGateway } from "../../src/integrations/sms/http-gateway.js";
import { OutboxDispatcher, retryDelayMs } from "../../src/jobs/dispatcher.js";
import { messageRepository, outboxRepository } from "../../src/repositories/messages.js";
import { queueMessage } from "../../src/services/notifications/outbox.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { createTestOrganization, type TestOrganization } from "../helpers/factories.js";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp.js";

let context: TestContext;
let smtp: TestSmtpServer;
let gateway: {
  server: Server;
  url: string;
  requests: { headers: IncomingMessage["headers"]; body: unknown }[];
  status: number;
};

beforeAll(async () => {
  context = await createTestContext();
  smtp = await startSmtpServer();
  const requests: { headers: IncomingMessage["headers"]; body: unknown }[] = [];
  const state = { status: 200 };
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      requests.push({ headers: request.headers, body: JSON.parse(body) });
      response.writeHead(state.status, { "content-type": "application/json" });
      response.end(
        JSON.stringify(state.status === 200 ? { id: `gw-${requests.length}` } : { error: "down" }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  gateway = {
    server,
    requests,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`,
    get status() {
      return state.status;
    },
    set status(value: number) {
      state.status = value;
    },
  };
});

afterAll(async () => {
  await smtp.close();
  await new Promise<void>((resolve) => gateway.server.close(() => resolve()));
  await context.close();
});

let organization: TestOrganization;
beforeEach(async () => {
  organization = await createTestOrganization(context);
  smtp.mode = "accept";
  smtp.received.length = 0;
  gateway.status = 200;
  gateway.requests.length = 0;
  // Earlier tests may leave due messages of their own organizations: drain them first.
  await dispatcher("cleanup").drainOnce();
  smtp.received.length = 0;
  gateway.requests.length = 0;
});

function dispatcher(id: string, leaseSeconds = 120) {
  return new OutboxDispatcher({
    db: context.db,
    clock: context.clock,
    logger: pino({ level: "silent" }),
    email: new SmtpTransport(smtp.url, "rondo.test", { timeoutMs: 2000 }),
    sms: new HttpSmsGateway({ url: gateway.url, token: "gateway-token", timeoutMs: 2000 }),
    mailFrom: "rondo@rondo.test",
    smsSender: "Rondo",
    pollSeconds: 60,
    leaseSeconds,
    id,
    organizationIds: [organization.organizationId],
  });
}

async function queue(overrides: Partial<Parameters<typeof queueMessage>[2]> = {}) {
  const now = context.clock.now();
  return context.db.transaction((tx) =>
    queueMessage(
      tx,
      organization.organizationId,
      {
        businessUnitId: organization.businessUnitId,
        channel: "email",
        event: "appointment_booked",
        recipient: "camille@example.com",
        language: "fr",
        fromName: "Chauffage Martin",
        subject: "Votre rendez-vous",
        bodyText: "Bonjour Camille,\nrendez-vous le 10 juin 2026 à 09:00 (heure de Paris).",
        bodyHtml: "<p>Bonjour Camille,<br>rendez-vous le 10 juin 2026 à 09:00 (heure de Paris).</p>",
        attachments: [
          {
            fileName: "visite.ics",
            contentType: "text/calendar; method=REQUEST",
            content: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
          },
        ],
        dueAt: now,
        ...overrides,
      },
      now,
    ),
  );
}

async function reload(id: string) {
  return (await messageRepository(context.db, organization.organizationId).find(id))!;
}

describe("the outbox dispatcher", () => {
  it("sends an email over SMTP and records it", async () => {
    const message = await queue();
    expect(await dispatcher("d1").drainOnce()).toBe(1);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.envelopeTo).toEqual(["camille@example.com"]);
    expect(mail.parsed.from?.value).toEqual([{ address: "rondo@rondo.test", name: "Chauffage Martin" }]);
    expect(mail.parsed.subject).toBe("Votre rendez-vous");
    expect(mail.parsed.text?.trim()).toBe(
      "Bonjour Camille,\nrendez-vous le 10 juin 2026 à 09:00 (heure de Paris).",
    );
    expect(mail.parsed.messageId).toBe(`<${message.id}@rondo.test>`);
    expect(
      mail.parsed.attachments.map((attachment) => [attachment.filename, attachment.contentType]),
    ).toEqual([["visite.ics", "text/calendar"]]);
    expect(await reload(message.id)).toMatchObject({
      status: "sent",
      attempts: 1,
      transport: "smtp",
      providerMessageId: `<${message.id}@rondo.test>`,
      sentAt: context.clock.now(),
      lastError: null,
    });
  });

  it("sends an SMS through the gateway with the outbox id as idempotency key", async () => {
    const message = await queue({
      channel: "sms",
      recipient: "+33612345678",
      subject: null,
      bodyHtml: null,
      attachments: [],
      bodyText: "RDV le 10/06 à 09:00.",
    });
    await dispatcher("d1").drainOnce();
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]!.headers["idempotency-key"]).toBe(message.id);
    expect(gateway.requests[0]!.headers.authorization).toBe("Bearer gateway-token");
    expect(gateway.requests[0]!.body).toEqual({
      from: "Rondo",
      to: "+33612345678",
      text: "RDV le 10/06 à 09:00.",
      reference: message.id,
    });
    expect(await reload(message.id)).toMatchObject({
      status: "sent",
      transport: "http",
      providerMessageId: "gw-1",
    });
  });

  it("keeps messages through a ten-minute outage, then sends them", async () => {
    const start = context.clock.now().getTime();
    const message = await queue({
      channel: "sms",
      recipient: "+33612345678",
      bodyText: "Rappel",
      subject: null,
      bodyHtml: null,
      attachments: [],
    });
    const worker = dispatcher("d1");
    gateway.status = 503;
    const tries: number[] = [];
    for (;;) {
      const row = await reload(message.id);
      if (row.status !== "queued") break;
      context.clock.set(row.dueAt);
      if (context.clock.now().getTime() - start >= 10 * 60_000) gateway.status = 200;
      tries.push((context.clock.now().getTime() - start) / 1000);
      await worker.drainOnce();
    }
    expect(tries).toEqual([0, 30, 90, 210, 450, 930]);
    expect(await reload(message.id)).toMatchObject({
      status: "sent",
      attempts: 6,
      sentAt: new Date(start + 930_000),
    });
    expect(gateway.requests).toHaveLength(6);
  });

  it("stops after the last attempt and shows the error", async () => {
    const message = await queue();
    smtp.mode = "temporary_failure";
    const worker = dispatcher("d1");
    for (let attempt = 1; attempt <= 10; attempt++) {
      context.clock.set((await reload(message.id)).dueAt);
      await worker.drainOnce();
    }
    const row = await reload(message.id);
    expect([row.status, row.attempts]).toEqual(["failed", 10]);
    expect(row.lastError).toContain("451");
    expect(retryDelayMs(9)).toBe(30 * 60_000);
  });

  it("fails at once when the provider refuses for good", async () => {
    const message = await queue();
    smtp.mode = "permanent_failure";
    await dispatcher("d1").drainOnce();
    expect(await reload(message.id)).toMatchObject({
      status: "failed",
      attempts: 1,
      lastError: "The mail server refused the message (550).",
    });
  });

  it("drops a login code that expired before it could leave, hiding the code", async () => {
    const now = context.clock.now();
    const message = await queue({
      channel: "sms",
      recipient: "+33612345678",
      subject: null,
      bodyHtml: null,
      attachments: [],
      event: "login_code",
      bodyText: "Votre code : 482913",
      sensitive: "482913",
      expiresAt: new Date(now.getTime() + 10 * 60_000),
      dueAt: new Date(now.getTime() + 11 * 60_000),
    });
    context.clock.set(new Date(now.getTime() + 11 * 60_000));
    await dispatcher("d1").drainOnce();
    expect(gateway.requests).toHaveLength(0);
    expect(await reload(message.id)).toMatchObject({
      status: "expired",
      bodyText: "Votre code : ••••••",
      attempts: 0,
    });
  });

  it("takes over a claim whose dispatcher died, once the lease has run out", async () => {
    const message = await queue();
    const now = context.clock.now();
    const claimed = await outboxRepository(context.db, [organization.organizationId]).claim(
      now,
      new Date(now.getTime() + 120_000),
      "dead",
      10,
    );
    expect(claimed.map((row) => row.id)).toContain(message.id);

    const survivor = dispatcher("alive");
    expect(await survivor.drainOnce()).toBe(0);
    context.clock.set(new Date(now.getTime() + 120_000));
    expect(await survivor.drainOnce()).toBe(1);
    expect(await reload(message.id)).toMatchObject({ status: "sent", attempts: 2, leasedBy: "alive" });
    expect(smtp.received).toHaveLength(1);
  });

  it("sends each message once when two dispatchers drain together", async () => {
    const ids = [];
    for (let index = 0; index < 12; index++)
      ids.push((await queue({ recipient: `k${index}@example.com` })).id);
    await Promise.all([
      dispatcher("a").drainOnce(),
      dispatcher("b").drainOnce(),
      dispatcher("c").drainOnce(),
    ]);
    expect(smtp.received.map((mail) => mail.envelopeTo[0]).sort()).toEqual(
      Array.from({ length: 12 }, (_, index) => `k${index}@example.com`).sort(),
    );
    const rows = await Promise.all(ids.map(reload));
    expect(rows.map((row) => [row.status, row.attempts])).toEqual(Array(12).fill(["sent", 1]));
  });
});
