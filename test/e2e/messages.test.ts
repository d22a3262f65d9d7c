import { DateTime } from "luxon";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTestMember,
  createTestCustomer,
  createTestOrganization,
  TEST_PASSWORD,
  type TestOrganization,
} from "../helpers/factories.js";
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from "../helpers/smtp.js";
import {
  type E2eDatabase,
  e2eDatabase,
  launchBrowser,
  newContext,
  type RunningServer,
  startServer,
} from "./harness.js";

/**
 * Browser tests of the back office's messages. A booking email goes through a real SMTP receiver
 * and shows on the Messages, activity and customer pages. Template errors name the bad code. The
 * password reset and invitation links come from the received emails. A server without a mail
 * server marks its emails as kept locally.
 */

const ZONE = "Europe/Paris";
const NEW_PASSWORD = "a brand new admin passphrase";

let database: E2eDatabase;
let smtp: TestSmtpServer;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
let worker: { id: string; email: string };
let customer: { id: string; email: string };
let typeId = "";
/** A000001, booked with the worker next week, so the customer gets an "appointment booked" email. */
let bookedActivityId = "";

const serverEnvironment = (withSmtp: boolean) => ({
  ...database.environment,
  ...(withSmtp ? { SMTP_URL: smtp.url } : {}),
  OUTBOX_POLL_SECONDS: "1",
});

async function until<T>(read: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/** Waits for the next email to `recipient` received after `after` others were. */
function mailTo(recipient: string, after = 0): Promise<ReceivedMail> {
  return until(
    () => smtp.received.filter((mail) => mail.envelopeTo.includes(recipient))[after],
    `an email to ${recipient}`,
  );
}

function mailCount(recipient: string): number {
  return smtp.received.filter((mail) => mail.envelopeTo.includes(recipient)).length;
}

/** Returns the first address of a page of this server that the email's text contains. */
function linkIn(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`${server.url}/${path}#token=[A-Za-z0-9_-]+`).exec(mail.parsed.text ?? "");
  expect(match, `no ${path} link in: ${mail.parsed.text}`).not.toBeNull();
  return match![0];
}

async function apiSignIn(email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function callApi<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api/business-units/${organization.businessUnitId}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

/** Creates an activity for the customer and books it with the worker at 10:00 Paris time on `day`. */
async function bookActivity(cookie: string, day: DateTime): Promise<string> {
  const activity = await callApi<{ id: string }>(cookie, "POST", "/activities", {
    activityTypeId: typeId,
    customerId: customer.id,
  });
  await callApi(cookie, "POST", `/activities/${activity.id}/schedule`, {
    assigneeId: worker.id,
    startAt: day.set({ hour: 10, minute: 0 }).toISO(),
    acceptWarnings: true,
  });
  return activity.id;
}

interface ApiMessage {
  id: string;
  event: string;
  status: string;
  subject: string | null;
}

async function messagesOf(cookie: string, activityId: string): Promise<ApiMessage[]> {
  return callApi<ApiMessage[]>(cookie, "GET", `/messages?activityId=${activityId}`);
}

const nextMonday = () => DateTime.now().setZone(ZONE).startOf("week").plus({ weeks: 1 });

beforeAll(async () => {
  smtp = await startSmtpServer();
  database = e2eDatabase();
  ({ organization, worker, customer } = await database.prepare(async (context) => {
    const organization = await createTestOrganization(context);
    const worker = await addTestMember(context, organization, ["field_worker"], { name: "Léa Martin" });
    const email = `camille-${organization.suffix}@example.com`;
    const row = await createTestCustomer(context, organization, {
      reference: "C-CAMILLE",
      displayName: "Camille Durand",
      email,
    });
    return { organization, worker, customer: { id: row.id, email } };
  }));
  server = await startServer(serverEnvironment(true));
  browser = await launchBrowser();

  const cookie = await apiSignIn(organization.admin.email);
  const type = await callApi<{ id: string }>(cookie, "POST", "/activity-types", {
    name: "Entretien",
    colour: "#e8590c",
    defaultDurationMinutes: 60,
  });
  typeId = type.id;
  bookedActivityId = await bookActivity(cookie, nextMonday());
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
  database?.cleanup();
});

async function signIn(options: { width?: number; password?: string } = {}): Promise<Page> {
  const context = await newContext(browser, options.width ? { width: options.width } : {});
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(organization.admin.email);
  await page.getByLabel("Password", { exact: true }).fill(options.password ?? TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/bu\//);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return page;
}

const formatWhen = (instant: string) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: ZONE }).format(
    new Date(instant),
  );

describe("messages", () => {
  it("lists the booking email as sent", async () => {
    const mail = await mailTo(customer.email);
    const cookie = await apiSignIn(organization.admin.email);
    const booked = await until(async () => {
      const messages = await messagesOf(cookie, bookedActivityId);
      return messages.find((message) => message.event === "appointment_booked" && message.status === "sent");
    }, "the booking email to be recorded as sent");
    const created = (await callApi<{ createdAt: string }>(cookie, "GET", `/messages/${booked.id}`)).createdAt;

    const page = await signIn();
    await page.getByRole("link", { name: "Messages", exact: true }).click();
    await page.getByRole("heading", { name: "Messages", exact: true, level: 1 }).waitFor();
    const table = page.getByRole("table");
    const open = `Appointment booked to ${customer.email}, ${formatWhen(created)}: show the details`;
    const row = table.getByRole("row").filter({ has: page.getByRole("button", { name: open, exact: true }) });
    await row.waitFor();
    expect(await row.getByRole("cell").allTextContents()).toEqual([
      "Appointment booked",
      "Email",
      customer.email,
      "Sent",
      "1/10",
      "",
    ]);
    expect(await row.getByRole("rowheader").textContent()).toBe(formatWhen(created));

    await row.getByRole("button", { name: open, exact: true }).click();
    const drawer = page.getByRole("dialog", { name: "Message details", exact: true });
    await drawer.getByRole("heading", { level: 3, name: mail.parsed.subject, exact: true }).waitFor();
    expect(await drawer.getByRole("heading", { level: 4 }).allTextContents()).toEqual([
      "Subject",
      "Text",
      "Attachments",
    ]);
    expect(await drawer.getByRole("button", { name: "Download rendez-vous.ics", exact: true }).count()).toBe(
      1,
    );
    expect(await drawer.getByText("Not sent by email", { exact: false }).count()).toBe(0);
    expect(await drawer.getByRole("button", { name: "Send again", exact: true }).count()).toBe(0);
    const body = (await drawer.locator("dd, p").allTextContents()).join("\n");
    expect(body).toContain("Camille Durand");

    await drawer.getByRole("link", { name: "Open the activity", exact: true }).click();
    await page.getByRole("heading", { name: "A000001 · Entretien", exact: true, level: 1 }).waitFor();
    const section = page.getByRole("region", { name: "Messages", exact: true });
    const item = section.getByRole("listitem").filter({ hasText: "Appointment booked" });
    await item.waitFor();
    expect(await item.getByText("Sent", { exact: true }).count()).toBe(1);

    await section.getByRole("link", { name: "All messages of this activity", exact: true }).click();
    await page.getByText("Showing only the messages of activity A000001.", { exact: true }).waitFor();
    // Booking also queued the reminder of the evening before, which leaves later.
    await page
      .getByRole("table")
      .getByRole("button", { name: /^Appointment reminder to / })
      .waitFor();
    // Both are queued in one transaction, so their order in the list is not fixed.
    expect((await page.getByRole("table").getByRole("button").allTextContents()).sort()).toEqual([
      "Appointment booked",
      "Appointment reminder",
    ]);

    await page.goto(`${server.url}/bu/${organization.businessUnitId}/customers/${customer.id}`);
    const customerSection = page.getByRole("region", { name: "Messages", exact: true });
    await customerSection.getByRole("button", { name: open, exact: true }).waitFor();
    await page.context().close();
  });

  it("filters messages by status", async () => {
    const page = await signIn();
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/messages`);
    const failed = page.getByRole("checkbox", { name: "Failed", exact: true });
    await failed.check();
    await page.waitForURL(/status=failed/);
    await page.getByText("No message matches these filters.", { exact: true }).waitFor();

    await failed.uncheck();
    await page.getByRole("checkbox", { name: "Sent", exact: true }).check();
    await page
      .getByRole("table")
      .getByRole("button", { name: /^Appointment booked to / })
      .waitFor();

    const channel = page.getByRole("combobox", { name: "Channel", exact: true });
    await channel.click();
    await page.getByRole("option", { name: "SMS", exact: true }).click();
    await page.waitForURL(/channel=sms/);
    await page
      .getByText("No message on this page matches the channel filter. Try the next page.", { exact: true })
      .waitFor();
    await page.context().close();
  });

  it("shows messages as cards on a phone", async () => {
    const page = await signIn({ width: 375 });
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/messages`);
    const card = page.getByRole("listitem").filter({ hasText: "Appointment booked" });
    await card.first().waitFor();
    expect(await page.getByRole("table").count()).toBe(0);
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    await card
      .first()
      .getByRole("button", { name: /^Appointment booked to / })
      .click();
    await page.getByRole("dialog", { name: "Message details", exact: true }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await page.context().close();
  });

  it("names an unknown replacement code", async () => {
    const page = await signIn();
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/settings?tab=messages`);
    await page.getByRole("heading", { name: "Message templates", exact: true, level: 2 }).waitFor();
    expect(await page.getByRole("combobox", { name: "Event", exact: true }).inputValue()).toBe(
      "Appointment booked",
    );
    const body = page.getByRole("textbox", { name: "Text", exact: true });
    await body.fill("Hello {customer.nom},\nSee you soon.");
    await page.getByRole("button", { name: "Save template", exact: true }).click();

    await page
      .getByRole("alert")
      .filter({ hasText: "The template was not saved because of 1 problem, shown under its field." })
      .waitFor();
    const error =
      "Text, line 1, column 7: unknown replacement code {customer.nom}. Did you mean {customer.name}?";
    await page.getByText(error, { exact: true }).waitFor();
    expect(await body.getAttribute("aria-invalid")).toBe("true");
    // The invalid code is selected in the text, so typing replaces it.
    expect(await page.evaluate<string>("document.activeElement?.tagName")).toBe("TEXTAREA");
    expect(
      await page.evaluate<number[]>(
        "[document.activeElement.selectionStart, document.activeElement.selectionEnd]",
      ),
    ).toEqual([6, 20]);

    // The code picker replaces the selection with the right code.
    await page.getByRole("button", { name: "{customer.name}", exact: true }).click();
    expect(await body.inputValue()).toBe("Hello {customer.name},\nSee you soon.");
    await page.getByRole("button", { name: "Save template", exact: true }).click();
    await page.getByText("Template saved.", { exact: true }).waitFor();
    await page.getByText("Edited for this business unit", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Reset to default", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Reset this template?", exact: true });
    await dialog.getByRole("button", { name: "Reset to default", exact: true }).click();
    await page.getByText("The template uses the default wording again.", { exact: true }).waitFor();
    expect(await body.inputValue()).toMatch(/^Hello \{customer\.name\},\n/);
    await page.context().close();
  });

  it("saves notification settings", async () => {
    const page = await signIn();
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/settings?tab=messages`);
    const first = page.getByRole("combobox", { name: "Reminder 1", exact: true });
    await first.waitFor();
    expect(await first.inputValue()).toBe("The day before, at a set time");
    await page.getByRole("button", { name: "Add a reminder", exact: true }).click();
    const second = page.getByRole("combobox", { name: "Reminder 2", exact: true });
    const secondId = await second.getAttribute("id");
    await expect.poll(() => page.evaluate<string>("document.activeElement?.id")).toBe(secondId);
    const hours = page.getByRole("textbox", { name: "Hours before the visit", exact: true });
    await hours.fill("400");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Enter a whole number of hours from 1 to 336.", { exact: true }).waitFor();
    await hours.fill("2");
    await page.getByRole("textbox", { name: "Sender name", exact: true }).fill("Chauffage Durand");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Notification settings saved.", { exact: true }).waitFor();

    const saved = await page.request.get(
      `${server.url}/api/business-units/${organization.businessUnitId}/notification-settings`,
    );
    expect(await saved.json()).toEqual({
      reminders: [
        { kind: "day_before_at", time: "18:00" },
        { kind: "hours_before", hours: 2 },
      ],
      fromName: "Chauffage Durand",
      smsEnabled: true,
    });
    await page.context().close();
  });

  it("invites a member who then chooses a password", async () => {
    const page = await signIn();
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/users`);
    await page.getByRole("button", { name: "Add user", exact: true }).click();
    const dialog = page.getByRole("dialog");
    const email = `pia-${organization.suffix}@test.example`;
    await dialog.getByRole("textbox", { name: "Name", exact: true }).fill("Pia Planner");
    await dialog.getByRole("textbox", { name: "Email", exact: true }).fill(email);
    expect(await dialog.getByRole("radio", { name: "Send an invitation by email" }).isChecked()).toBe(true);
    expect(await dialog.getByLabel("Initial password", { exact: true }).count()).toBe(0);
    await dialog.getByRole("checkbox", { name: "Planner", exact: true }).check();
    await dialog.getByRole("button", { name: "Add user", exact: true }).click();
    await page
      .getByText(
        `Pia Planner was added to Paris ${organization.suffix}, and an invitation was sent to ${email}.`,
        {
          exact: true,
        },
      )
      .waitFor();

    const resend = page.getByRole("button", { name: "Send invitation again to Pia Planner", exact: true });
    await resend.click();
    await page
      .getByText(
        `A new invitation was sent to ${email}. Its link works once, for one hour, and earlier links no longer work.`,
        { exact: true },
      )
      .waitFor();
    const first = await mailTo(email, 0);
    const second = await mailTo(email, 1);
    await page.context().close();

    const invited = await newContext(browser);
    const invitationPage = await invited.newPage();
    await invitationPage.goto(linkIn(first, "invitation"));
    await invitationPage.getByRole("heading", { name: "Welcome to Rondo", exact: true, level: 1 }).waitFor();
    await invitationPage.getByLabel("New password", { exact: true }).fill("pia chooses a long one");
    await invitationPage.getByLabel("Confirm new password", { exact: true }).fill("pia chooses a long one");
    await invitationPage.getByRole("button", { name: "Save the password", exact: true }).click();
    await invitationPage
      .getByText("This link is invalid, has already been used or has expired. Ask for a new one.", {
        exact: true,
      })
      .waitFor();
    expect(
      await invitationPage
        .getByRole("link", { name: "Ask for a new link", exact: true })
        .getAttribute("href"),
    ).toBe("/forgot-password");

    await invitationPage.goto(linkIn(second, "invitation"));
    await invitationPage.getByLabel("New password", { exact: true }).fill("pia chooses a long one");
    await invitationPage.getByLabel("Confirm new password", { exact: true }).fill("pia chooses a long one");
    await invitationPage.getByRole("button", { name: "Save the password", exact: true }).click();
    await invitationPage.waitForURL(`${server.url}/login`);
    await invitationPage
      .getByText("Your password is saved. Sign in to start using Rondo.", { exact: true })
      .waitFor();
    await invitationPage.getByLabel("Email", { exact: true }).fill(email);
    await invitationPage.getByLabel("Password", { exact: true }).fill("pia chooses a long one");
    await invitationPage.getByRole("button", { name: "Sign in", exact: true }).click();
    await invitationPage.waitForURL(/\/bu\//);
    await invited.close();
  });

  it("sends a failed email again", async () => {
    smtp.mode = "permanent_failure";
    const cookie = await apiSignIn(organization.admin.email);
    const activityId = await bookActivity(cookie, nextMonday().plus({ days: 2 }));
    const failed = await until(async () => {
      const messages = await messagesOf(cookie, activityId);
      return messages.find(
        (message) => message.event === "appointment_booked" && message.status === "failed",
      );
    }, "the booking email to fail");
    smtp.mode = "accept";
    const created = (await callApi<{ createdAt: string }>(cookie, "GET", `/messages/${failed.id}`)).createdAt;

    const page = await signIn();
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/messages?status=failed`);
    const open = `Appointment booked to ${customer.email}, ${formatWhen(created)}: show the details`;
    const row = page.getByRole("row").filter({ has: page.getByRole("button", { name: open, exact: true }) });
    await row.waitFor();
    expect(await row.getByRole("cell").allTextContents()).toEqual([
      "Appointment booked",
      "Email",
      customer.email,
      "Failed",
      "1/10",
      "The mail server refused the message (550).",
    ]);

    await row.getByRole("button", { name: open, exact: true }).click();
    const drawer = page.getByRole("dialog", { name: "Message details", exact: true });
    await drawer
      .getByText(
        "Rondo stopped trying after the error below. Check the recipient, then send the message again.",
        { exact: true },
      )
      .waitFor();
    const before = mailCount(customer.email);
    await drawer.getByRole("button", { name: "Send again", exact: true }).click();
    await page.getByText(`The message is queued again for ${customer.email}.`, { exact: true }).waitFor();
    await page.getByRole("dialog").waitFor({ state: "detached" });

    const resent = await mailTo(customer.email, before);
    expect(resent.parsed.subject).toBe(failed.subject);
    await page.getByRole("checkbox", { name: "Failed", exact: true }).uncheck();
    const rows = page.getByRole("table").getByRole("row").filter({ hasText: "Appointment booked" });
    // The copy is a new message above the failed one, which keeps its status. The page reloads
    // every few seconds while a listed message is about to leave.
    await expect
      .poll(() => rows.nth(0).getByRole("cell").nth(3).textContent(), { timeout: 15_000 })
      .toBe("Sent");
    expect(await rows.nth(1).getByRole("cell").nth(3).textContent()).toBe("Failed");
    await page.context().close();
  });

  // Runs after the tests that sign in with the admin's first password.
  it("resets a forgotten password by email", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByRole("link", { name: "Forgot your password?", exact: true }).click();
    await page.getByRole("heading", { name: "Forgot your password", exact: true, level: 1 }).waitFor();

    // An unknown address gets the same confirmation as a known one.
    const unknown = `nobody-${organization.suffix}@test.example`;
    await page.getByLabel("Email", { exact: true }).fill(unknown);
    await page.getByRole("button", { name: "Send the link", exact: true }).click();
    await page.getByRole("heading", { name: "Check your email", exact: true, level: 1 }).waitFor();
    const confirmation = (email: string) =>
      `If ${email} belongs to a Rondo account, an email with a link to choose a new password is on its way. The link works once, for one hour.`;
    await page.getByText(confirmation(unknown), { exact: true }).waitFor();
    expect(await page.evaluate<string>("document.activeElement?.textContent")).toBe("Check your email");

    const before = mailCount(organization.admin.email);
    await page.getByRole("button", { name: "Ask for another link", exact: true }).click();
    await page.getByLabel("Email", { exact: true }).fill(organization.admin.email);
    await page.getByRole("button", { name: "Send the link", exact: true }).click();
    await page.getByText(confirmation(organization.admin.email), { exact: true }).waitFor();

    const mail = await mailTo(organization.admin.email, before);
    expect(mail.parsed.subject).toBe("Reset your Rondo password");
    await page.goto(linkIn(mail, "reset-password"));
    await page.getByRole("heading", { name: "Choose a new password", exact: true, level: 1 }).waitFor();
    await page.getByLabel("New password", { exact: true }).fill("too short");
    await page.getByLabel("Confirm new password", { exact: true }).fill("too short");
    await page.getByRole("button", { name: "Save the password", exact: true }).click();
    await page.getByText("Use at least 12 characters.", { exact: true }).waitFor();

    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm new password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save the password", exact: true }).click();
    await page.waitForURL(`${server.url}/login`);
    await page.getByText("Your new password is saved. Sign in with it.", { exact: true }).waitFor();
    await page.getByLabel("Email", { exact: true }).fill(organization.admin.email);
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/bu\//);
    await context.close();
  });

  // Runs last: it restarts the server without a mail server.
  it("marks emails kept on a server without mail server", async () => {
    await server.stop();
    server = await startServer(serverEnvironment(false));
    const cookie = await apiSignIn(organization.admin.email, NEW_PASSWORD);
    const activityId = await bookActivity(cookie, nextMonday().plus({ days: 1 }));
    const local = await until(async () => {
      const messages = await messagesOf(cookie, activityId);
      return messages.find((message) => message.event === "appointment_booked" && message.status === "sent");
    }, "the booking email to be kept locally");
    const created = (await callApi<{ createdAt: string }>(cookie, "GET", `/messages/${local.id}`)).createdAt;

    const page = await signIn({ password: NEW_PASSWORD });
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/messages?activityId=${activityId}`);
    await page
      .getByRole("button", {
        name: `Appointment booked to ${customer.email}, ${formatWhen(created)}: show the details`,
        exact: true,
      })
      .click();
    const drawer = page.getByRole("dialog", { name: "Message details", exact: true });
    await drawer
      .getByText("Not sent by email: this server has no mail server configured; read it here.", {
        exact: true,
      })
      .waitFor();
    expect(await drawer.getByText("This server only", { exact: true }).count()).toBe(1);
    await page.context().close();
  });
});
