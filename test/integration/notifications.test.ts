import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { customers } from "../../src/db/schema/index.js";
import { SmtpTransport } from "../../src/integrations/mail/smtp-transport.js";
import { HttpSmsGateway } from "../../src/integrations/sms/http-gateway.js";
import { OutboxDispatcher } from "../../src/jobs/dispatcher.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import {
  addTestMember,
  createTestCustomer,
  createTestOrganization,
  type TestOrganization,
} from "../helpers/factories.js";
import { buildTestApp, signIn, type TestApp } from "../helpers/http.js";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp.js";

let context: TestContext;
let app: TestApp;
let smtp: TestSmtpServer;
let gatewayServer: Server;
const sms: { to: string; text: string }[] = [];
let gatewayUrl = "";

beforeAll(async () => {
  context = await createTestContext();
  app = await buildTestApp(context);
  smtp = await startSmtpServer();
  gatewayServer = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      sms.push(JSON.parse(body));
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: `gw-${sms.length}` }));
    });
  });
  await new Promise<void>((resolve) => gatewayServer.listen(0, "127.0.0.1", resolve));
  gatewayUrl = `http://127.0.0.1:${(gatewayServer.address() as AddressInfo).port}/sms`;
});

afterAll(async () => {
  await app.close();
  await smtp.close();
  await new Promise<void>((resolve) => gatewayServer.close(() => resolve()));
  await context.close();
});

/** Organizations of this file: a shared PostgreSQL database holds other files' messages too. */
const organizationIds: string[] = [];

function dispatcher() {
  return new OutboxDispatcher({
    organizationIds,
    db: context.db,
    clock: context.clock,
    logger: pino({ level: "silent" }),
    email: new SmtpTransport(smtp.url, "rondo.test", { timeoutMs: 2000 }),
    sms: new HttpSmsGateway({ url: gatewayUrl, token: "t", timeoutMs: 2000 }),
    mailFrom: "rondo@rondo.test",
    smsSender: "Rondo",
    pollSeconds: 60,
  });
}

const BELLECOUR = { latitude: 45.7578, longitude: 4.832 };

interface Unit {
  organization: TestOrganization;
  cookie: string;
  base: string;
  typeId: string;
  workerId: string;
  otherWorkerId: string;
}

async function createUnit(): Promise<Unit> {
  context.clock.set("2026-06-01T08:00:00Z");
  const organization = await createTestOrganization(context);
  organizationIds.push(organization.organizationId);
  const cookie = await signIn(app, organization.admin.email);
  const base = `/api/business-units/${organization.businessUnitId}`;
  const type = await app.inject({
    method: "POST",
    url: `${base}/activity-types`,
    headers: { cookie },
    payload: { name: "Entretien chaudière", defaultDurationMinutes: 60 },
  });
  const workers: string[] = [];
  for (const name of ["Léa Tech", "Hugo Tech"]) {
    const worker = await addTestMember(context, organization, ["field_worker"], {
      name,
      passwordChosen: true,
    });
    await app.inject({
      method: "PATCH",
      url: `${base}/workers/${worker.id}`,
      headers: { cookie },
      payload: {
        baseLatitude: BELLECOUR.latitude,
        baseLongitude: BELLECOUR.longitude,
        weeklyHours: {
          days: Object.fromEntries(
            ["1", "2", "3", "4", "5"].map((day) => [day, [{ start: "08:00", end: "18:00" }]]),
          ),
        },
      },
    });
    workers.push(worker.id);
  }
  const settings = await app.inject({
    method: "PUT",
    url: `${base}/notification-settings`,
    headers: { cookie },
    payload: { reminders: [{ kind: "hours_before", hours: 24 }] },
  });
  expect(settings.statusCode).toBe(200);
  return {
    organization,
    cookie,
    base,
    typeId: type.json().id,
    workerId: workers[0]!,
    otherWorkerId: workers[1]!,
  };
}

async function customer(
  unit: Unit,
  values: { displayName: string; email: string; language: string; timeZone?: string; mobile?: string },
) {
  const created = await createTestCustomer(context, unit.organization, {
    ...BELLECOUR,
    displayName: values.displayName,
    email: values.email,
  });
  const { eq, and } = await import("drizzle-orm");
  await context.db
    .update(customers)
    .set({ language: values.language, timeZone: values.timeZone ?? null, mobile: values.mobile ?? null })
    .where(and(eq(customers.organizationId, unit.organization.organizationId), eq(customers.id, created.id)));
  return created.id;
}

async function scheduleFor(unit: Unit, customerId: string, startAt: string, workerId = unit.workerId) {
  const activity = await app.inject({
    method: "POST",
    url: `${unit.base}/activities`,
    headers: { cookie: unit.cookie },
    payload: { activityTypeId: unit.typeId, customerId },
  });
  const id = activity.json().id as string;
  const scheduled = await app.inject({
    method: "POST",
    url: `${unit.base}/activities/${id}/schedule`,
    headers: { cookie: unit.cookie },
    payload: { assigneeId: workerId, startAt },
  });
  expect(scheduled.statusCode).toBe(200);
  return id;
}

async function messagesOf(unit: Unit, activityId: string) {
  const response = await app.inject({
    method: "GET",
    url: `${unit.base}/messages?activityId=${activityId}`,
    headers: { cookie: unit.cookie },
  });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    event: string;
    channel: string;
    status: string;
    dueAt: string;
    recipient: string;
  }[];
}

function icsOf(mail: (typeof smtp.received)[number]): string {
  const attachment = mail.parsed.attachments.find((candidate) => candidate.contentType === "text/calendar");
  return attachment ? attachment.content.toString("utf8").replace(/\r\n /g, "") : "";
}

beforeEach(async () => {
  await dispatcher().drainOnce();
  smtp.received.length = 0;
  sms.length = 0;
});

function move(unit: Unit, id: string, startAt: string) {
  return app.inject({
    method: "POST",
    url: `${unit.base}/activities/${id}/schedule`,
    headers: { cookie: unit.cookie },
    payload: { assigneeId: unit.workerId, startAt },
  });
}

function field(ics: string, name: string): string | undefined {
  return ics
    .split("\r\n")
    .find((line) => line.startsWith(`${name}:`))
    ?.slice(name.length + 1);
}

describe("appointment messages", () => {
  it("C16: each customer reads the visit's local time, named, with their own in brackets", async () => {
    const unit = await createUnit();
    const k1 = await customer(unit, {
      displayName: "Camille Durand",
      email: "k1@example.com",
      language: "fr",
      mobile: "+33612345678",
    });
    const k2 = await customer(unit, {
      displayName: "Oliver Smith",
      email: "k2@example.com",
      language: "en",
      timeZone: "Europe/London",
    });
    const a1 = await scheduleFor(unit, k1, "2026-06-10T07:00:00Z");
    await scheduleFor(unit, k2, "2026-06-10T07:00:00Z", unit.otherWorkerId);
    await dispatcher().drainOnce();

    const toK1 = smtp.received.find((mail) => mail.envelopeTo[0] === "k1@example.com")!;
    const toK2 = smtp.received.find((mail) => mail.envelopeTo[0] === "k2@example.com")!;
    expect(toK1.parsed.subject).toBe("Rendez-vous confirmé\u00a0: mercredi 10 juin 2026");
    expect(toK1.parsed.text).toContain("Date\u00a0: mercredi 10 juin 2026 à 09:00 (heure de Paris)\n");
    expect(toK2.parsed.subject).toBe("Appointment confirmed: Wednesday 10 June 2026");
    expect(toK2.parsed.text).toContain("Date: Wednesday 10 June 2026 at 09:00 Paris time (08:00 UK time)\n");
    for (const mail of [toK1, toK2]) {
      expect(mail.parsed.text).not.toMatch(/07:00|03:00|AM|PM/);
      expect(field(icsOf(mail), "DTSTART")).toBe("20260610T070000Z");
    }
    expect(sms.map((message) => [message.to, message.text.split("\n")[0]])).toEqual([
      [
        "+33612345678",
        `Paris ${unit.organization.suffix} : votre rendez-vous du mercredi 10 juin 2026 à 09:00 (heure de Paris) est confirmé.`,
      ],
    ]);
    const reminders = (await messagesOf(unit, a1)).filter(
      (message) => message.event === "appointment_reminder",
    );
    expect(reminders.map((message) => [message.channel, message.dueAt, message.status]).sort()).toEqual([
      ["email", "2026-06-09T07:00:00.000Z", "queued"],
      ["sms", "2026-06-09T07:00:00.000Z", "queued"],
    ]);
  });

  it("C17: French uses a 24-hour clock, English follows en-GB", async () => {
    const unit = await createUnit();
    const fr = await customer(unit, {
      displayName: "Camille Durand",
      email: "fr@example.com",
      language: "fr",
    });
    const en = await customer(unit, { displayName: "Oliver Smith", email: "en@example.com", language: "en" });
    await scheduleFor(unit, fr, "2026-06-10T12:30:00Z");
    await scheduleFor(unit, en, "2026-06-10T12:30:00Z", unit.otherWorkerId);
    await dispatcher().drainOnce();
    const text = (to: string) => smtp.received.find((mail) => mail.envelopeTo[0] === to)!.parsed.text ?? "";
    expect(text("fr@example.com")).toContain("mercredi 10 juin 2026 à 14:30 (heure de Paris)");
    expect(text("en@example.com")).toContain("Wednesday 10 June 2026 at 14:30 Paris time");
    expect(`${text("fr@example.com")}${text("en@example.com")}`).not.toMatch(/\b(AM|PM)\b/);
  });

  it("keeps the calendar entry and the reminders in step when the visit moves or is canceled", async () => {
    const unit = await createUnit();
    const k1 = await customer(unit, {
      displayName: "Camille Durand",
      email: "k1@example.com",
      language: "fr",
    });
    const id = await scheduleFor(unit, k1, "2026-06-10T07:00:00Z");
    expect((await move(unit, id, "2026-06-11T12:00:00Z")).statusCode).toBe(200);
    const canceled = await app.inject({
      method: "POST",
      url: `${unit.base}/activities/${id}/cancel`,
      headers: { cookie: unit.cookie },
      payload: { reason: "customer_request" },
    });
    expect(canceled.statusCode).toBe(200);
    await dispatcher().drainOnce();

    const calendars = smtp.received
      .map((mail) => icsOf(mail))
      .sort((a, b) => Number(field(a, "SEQUENCE")) - Number(field(b, "SEQUENCE")));
    expect(
      calendars.map((ics) => [
        field(ics, "METHOD"),
        field(ics, "STATUS"),
        field(ics, "SEQUENCE"),
        field(ics, "DTSTART"),
      ]),
    ).toEqual([
      ["REQUEST", "CONFIRMED", "2", "20260610T070000Z"],
      ["REQUEST", "CONFIRMED", "3", "20260611T120000Z"],
      ["CANCEL", "CANCELLED", "4", "20260611T120000Z"],
    ]);
    expect(new Set(calendars.map((ics) => field(ics, "UID"))).size).toBe(1);
    expect(smtp.received.map((mail) => mail.parsed.subject).sort()).toEqual([
      "Rendez-vous annulé\u00a0: jeudi 11 juin 2026",
      "Rendez-vous confirmé\u00a0: mercredi 10 juin 2026",
      "Rendez-vous déplacé au jeudi 11 juin 2026",
    ]);
    const messages = await messagesOf(unit, id);
    expect(
      messages
        .filter((message) => message.event === "appointment_reminder")
        .map((message) => [message.dueAt, message.status])
        .sort(),
    ).toEqual([
      ["2026-06-09T07:00:00.000Z", "canceled"],
      ["2026-06-10T12:00:00.000Z", "canceled"],
    ]);
  });

  it("sends no SMS to a country outside the organization's and escapes values in HTML", async () => {
    const unit = await createUnit();
    const k = await customer(unit, {
      displayName: "<b>Tom & Jerry</b>",
      email: "tom@example.com",
      language: "en",
      mobile: "+12025550143",
    });
    await scheduleFor(unit, k, "2026-06-10T07:00:00Z");
    await dispatcher().drainOnce();
    expect(sms).toEqual([]);
    const mail = smtp.received[0]!;
    expect(mail.parsed.text).toContain("Hello <b>Tom & Jerry</b>,");
    expect(mail.parsed.html).toContain("Hello &lt;b&gt;Tom &amp; Jerry&lt;/b&gt;,");
  });
});

describe("templates of a business unit", () => {
  it("refuses an unknown replacement code, naming it, and uses a saved template", async () => {
    const unit = await createUnit();
    const url = `${unit.base}/message-templates/appointment_booked/email/fr`;
    const refused = await app.inject({
      method: "PUT",
      url,
      headers: { cookie: unit.cookie },
      payload: { subject: "RDV {activity.date}", body: "Bonjour {customer.nom}" },
    });
    expect(refused.statusCode).toBe(400);
    expect(
      refused
        .json()
        .error.details.fields.map((field: { path: string; code: string; value: string }) => [
          field.path,
          field.code,
          field.value,
        ]),
    ).toEqual([["body", "unknown_replacement_code", "{customer.nom}"]]);
    const saved = await app.inject({
      method: "PUT",
      url,
      headers: { cookie: unit.cookie },
      payload: { subject: "RDV {activity.date}", body: "Bonjour {customer.first_name}, à {activity.time}." },
    });
    expect([saved.statusCode, saved.json().customized]).toEqual([200, true]);

    const k = await customer(unit, { displayName: "Camille Durand", email: "k@example.com", language: "fr" });
    await scheduleFor(unit, k, "2026-06-10T07:00:00Z");
    await dispatcher().drainOnce();
    expect([smtp.received[0]!.parsed.subject, smtp.received[0]!.parsed.text?.trim()]).toEqual([
      "RDV mercredi 10 juin 2026",
      "Bonjour Camille, à 09:00 (heure de Paris).",
    ]);
  });
});
