import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTestMember,
  createTestOrganization,
  TEST_PASSWORD,
  type TestOrganization,
} from "../helpers/factories.js";
import { type E2eDatabase, e2eDatabase, launchBrowser, type RunningServer, startServer } from "./harness.js";

/**
 * Browser tests of the back-office screens for portal actions and portal events: an admin
 * configures an action with conditions on an activity type, a server problem shows on the input
 * it names, and the events a customer creates through the portal API show on the "Portal
 * activity" page until they are marked as seen.
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Returns the script that runs axe-core on the elements that `selector` matches and returns
 * their serious and critical violations as "rule: element" lines. A string, because the test
 * code is type-checked without the DOM library.
 */
const AXE_SERIOUS_VIOLATIONS = (
  selector: string,
) => `axe.run(${JSON.stringify(selector)}).then((result) => result.violations
  .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
  .flatMap((violation) => violation.nodes.map((node) => violation.id + ": " + node.target.join(" "))))`;

/** A field that both activity forms have, so a linked request can copy its answer. */
const BOILER_MODEL_FIELD = {
  code: "boiler_model",
  type: "short_text",
  label: { en: "Boiler model", fr: "Modèle de chaudière" },
  required: false,
};

const DAY_MS = 24 * 3_600_000;

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
let worker = { id: "", email: "" };
let adminCookie = "";
let slug = "";
/** "Entretien chaudière": the type that carries the actions. */
let maintenanceTypeId = "";
/** "Demande de report": the type that the rescheduling request creates. */
let requestTypeId = "";
let customer = { id: "", email: "" };
/** A visit of the customer, scheduled three days ahead, whose rescheduling the customer requests. */
let visitId = "";

async function apiSignIn(email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** Sends a request with `cookie` and returns the parsed body, failing the test on any status from 300. */
async function request<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

function staff<T>(method: string, path: string, body?: unknown): Promise<T> {
  return request<T>(adminCookie, method, `/api/business-units/${organization.businessUnitId}${path}`, body);
}

/** Retries `read` every 250 ms until it returns a value, for at most 10 s. */
async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

beforeAll(async () => {
  database = e2eDatabase();
  ({ organization, worker } = await database.prepare(async (context) => {
    const organization = await createTestOrganization(context);
    const worker = await addTestMember(context, organization, ["field_worker"], {
      name: "Théo Technicien",
      passwordChosen: true,
    });
    return { organization, worker };
  }));
  // Slugs are unique across Rondo, and a PostgreSQL test database is shared with other test files.
  slug = `actions-${organization.suffix.toLowerCase()}`;
  server = await startServer(database.environment);
  browser = await launchBrowser();

  adminCookie = await apiSignIn(organization.admin.email);
  await staff("PUT", "/portal", { enabled: true, slug });
  const maintenance = await staff<{ id: string }>("POST", "/activity-types", {
    name: "Entretien chaudière",
    colour: "#e8590c",
    defaultDurationMinutes: 60,
    activityForm: { fields: [BOILER_MODEL_FIELD] },
  });
  maintenanceTypeId = maintenance.id;
  const request = await staff<{ id: string }>("POST", "/activity-types", {
    name: "Demande de report",
    colour: "#1c7ed6",
    defaultDurationMinutes: 30,
    activityForm: { fields: [BOILER_MODEL_FIELD] },
  });
  requestTypeId = request.id;
  await staff("PUT", `/activity-types/${maintenanceTypeId}/portal-display`, {
    shown: true,
    title: "{activity.type}",
    description: "",
    longDescription: "",
  });

  const email = `lea.${organization.suffix.toLowerCase()}@example.com`;
  const created = await staff<{ id: string }>("POST", "/customers", {
    firstName: "Léa",
    lastName: "Dupré",
    email,
    addressLine1: "1 Place Bellecour",
    postcode: "69002",
    city: "Lyon",
    country: "FR",
    latitude: 45.7578,
    longitude: 4.832,
    language: "fr",
    portalAccess: true,
  });
  customer = { id: created.id, email };

  const visit = await staff<{ id: string }>("POST", "/activities", {
    activityTypeId: maintenanceTypeId,
    customerId: customer.id,
  });
  visitId = visit.id;
  const start = new Date(Date.now() + 3 * DAY_MS);
  start.setUTCHours(8, 0, 0, 0);
  await staff("POST", `/activities/${visitId}/schedule`, {
    assigneeId: worker.id,
    startAt: start.toISOString(),
    acceptWarnings: true,
    notifyCustomer: false,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

/**
 * Signs a member in, in an English browser profile that can reach the test server only. The
 * profile ignores the content security policy, so that axe-core can run in the page.
 */
async function signIn(email: string): Promise<Page> {
  const context = await browser.newContext({
    locale: "en-GB",
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
  });
  await context.route(
    (url) => url.origin !== server.url,
    (route) => route.abort(),
  );
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/bu\//);
  await page.getByRole("heading", { level: 1 }).waitFor();
  return page;
}

/** Returns the serious and critical axe-core violations inside `selector`, the whole page by default. */
async function seriousViolations(page: Page, selector = "body"): Promise<string[]> {
  // The pointer leaves the last clicked button, whose hover colours are not its resting ones.
  await page.mouse.move(0, 0);
  await page.evaluate(axeSource);
  return page.evaluate<string[]>(AXE_SERIOUS_VIOLATIONS(selector));
}

async function openActionsTab(page: Page): Promise<void> {
  await page.goto(
    `${server.url}/bu/${organization.businessUnitId}/catalog/${maintenanceTypeId}?tab=portalActions`,
  );
  await page.getByRole("button", { name: "Add action", exact: true }).waitFor();
}

interface StoredAction {
  id: string;
  label: { en: string; fr: string };
  effect: string;
  targetTypeId: string | null;
  copyFields: string[];
  form: unknown;
  scheduling: boolean;
  conditions: unknown;
}

function storedActions(): Promise<{ actions: StoredAction[] }> {
  return staff("GET", `/activity-types/${maintenanceTypeId}/portal-actions`);
}

/** Requests a portal code for the customer, reads it from the unit's messages and signs in with it. */
async function portalSignIn(): Promise<string> {
  const requested = await fetch(`${server.url}/portal-api/auth/code`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier: customer.email, slug }),
  });
  expect(requested.status).toBe(202);

  const message = await until(async () => {
    const messages = await staff<{ id: string; event: string; recipient: string }[]>("GET", "/messages");
    return messages.find(
      (candidate) => candidate.event === "login_code" && candidate.recipient === customer.email,
    );
  }, "the login code message");
  const { bodyText } = await staff<{ bodyText: string }>("GET", `/messages/${message.id}`);
  const code = /^(\d{6})$/m.exec(bodyText)?.[1] ?? "";
  expect(code).toMatch(/^\d{6}$/);

  const verified = await fetch(`${server.url}/portal-api/auth/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identifier: customer.email, code, slug }),
  });
  expect(verified.status, await verified.clone().text()).toBe(200);
  return verified.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0])
    .join("; ");
}

describe("portal action screens", () => {
  it("adds an action with two conditions", async () => {
    const page = await signIn(organization.admin.email);
    await openActionsTab(page);
    await page.getByText("No portal action yet.", { exact: false }).waitFor();
    expect(
      await page.getByRole("link", { name: "See the booking policy", exact: true }).getAttribute("href"),
    ).toBe(`/bu/${organization.businessUnitId}/catalog/${maintenanceTypeId}?tab=bookingPolicy`);

    await page.getByRole("button", { name: "Add action", exact: true }).click();
    const panel = page.getByRole("region", { name: "Settings of “Action 1”", exact: true });
    const english = panel.getByRole("textbox", { name: "Label in English", exact: true });
    // The new action's first input takes the focus, so typing starts at once.
    const englishId = await english.getAttribute("id");
    await expect.poll(() => page.evaluate<string | undefined>("document.activeElement?.id")).toBe(englishId);
    await english.fill("Ask to reschedule");
    const editor = page.getByRole("region", { name: "Settings of “Ask to reschedule”", exact: true });
    await editor.getByRole("textbox", { name: "Label in French", exact: true }).fill("Demander un report");
    await editor.getByRole("radio", { name: "Create a linked activity", exact: true }).check();
    await editor
      .getByRole("combobox", { name: "Type of the activity to create", exact: true })
      .selectOption({ label: "Demande de report" });
    await editor.getByRole("checkbox", { name: "Boiler model (boiler_model)", exact: true }).check();

    await editor.getByRole("radio", { name: "Only when conditions are met", exact: true }).check();
    const first = editor.getByRole("group", { name: "Condition 1", exact: true });
    expect(await first.getByRole("combobox", { name: "Test of condition 1", exact: true }).inputValue()).toBe(
      "state",
    );
    await first.getByRole("checkbox", { name: "Scheduled", exact: true }).check();
    await editor.getByRole("button", { name: "Add condition to Conditions", exact: true }).click();
    const second = editor.getByRole("group", { name: "Condition 2", exact: true });
    await second
      .getByRole("combobox", { name: "Test of condition 2", exact: true })
      .selectOption({ label: "Appointment starts" });
    expect(
      await second.getByRole("combobox", { name: "Operator of condition 2", exact: true }).inputValue(),
    ).toBe("more_than");
    await second.getByRole("textbox", { name: "Hours from now of condition 2", exact: true }).fill("24");

    const summary = page.getByTestId("portal-action-conditions");
    expect(await summary.textContent()).toBe("Only when: state is scheduled AND starts in more than 24 h");
    expect(await seriousViolations(page, "main")).toEqual([]);

    await page.getByRole("button", { name: "Save portal actions", exact: true }).click();
    await page.getByText("Portal actions saved.", { exact: true }).waitFor();

    const { actions } = await storedActions();
    expect(actions).toHaveLength(1);
    const [saved] = actions;
    expect(saved?.label).toEqual({ en: "Ask to reschedule", fr: "Demander un report" });
    expect(saved?.effect).toBe("create_linked_activity");
    expect(saved?.targetTypeId).toBe(requestTypeId);
    expect(saved?.copyFields).toEqual(["boiler_model"]);
    expect(saved?.form).toBeNull();
    expect(saved?.scheduling).toBe(false);
    expect(saved?.conditions).toEqual({
      combinator: "and",
      items: [
        { kind: "state", operator: "is", states: ["scheduled"] },
        { kind: "starts_in", operator: "more_than", hours: 24 },
      ],
    });

    await page.reload();
    const card = page.getByRole("listitem").filter({
      has: page.getByRole("heading", { name: "Ask to reschedule", exact: true }),
    });
    await card.waitFor();
    expect(await card.getByTestId("portal-action-conditions").textContent()).toBe(
      "Only when: state is scheduled AND starts in more than 24 h",
    );
    expect(await card.getByText("Effect: Create a linked activity", { exact: true }).count()).toBe(1);
    expect(await card.getByText("Creates: Demande de report", { exact: true }).count()).toBe(1);
    expect(await card.getByText("Copies: boiler_model", { exact: true }).count()).toBe(1);
    await page.context().close();
  });

  it("shows a server problem on its condition", async () => {
    const page = await signIn(organization.admin.email);
    await openActionsTab(page);
    await page.getByRole("heading", { name: "Ask to reschedule", exact: true }).waitFor();

    await page.getByRole("button", { name: "Add action", exact: true }).click();
    await page
      .getByRole("region", { name: "Settings of “Action 2”", exact: true })
      .getByRole("textbox", { name: "Label in English", exact: true })
      .fill("Book a visit");
    const editor = page.getByRole("region", { name: "Settings of “Book a visit”", exact: true });
    await editor.getByRole("textbox", { name: "Label in French", exact: true }).fill("Réserver une visite");
    // A state condition, set while the action updates an activity, stays when the effect changes.
    await editor.getByRole("radio", { name: "Only when conditions are met", exact: true }).check();
    await editor
      .getByRole("group", { name: "Condition 1", exact: true })
      .getByRole("checkbox", { name: "Open (neither terminated nor canceled)", exact: true })
      .check();
    await editor.getByRole("radio", { name: "Create a new activity", exact: true }).check();
    await editor
      .getByRole("combobox", { name: "Type of the activity to create", exact: true })
      .selectOption({ label: "Entretien chaudière" });
    await editor.getByText("only “used at most N times” applies", { exact: false }).waitFor();

    await page.getByRole("button", { name: "Save portal actions", exact: true }).click();
    const alert = page.getByRole("alert").filter({ hasText: "The portal actions were not saved" });
    await alert.waitFor();
    expect(await alert.getByRole("listitem").allTextContents()).toEqual(["Book a visit: 1 problem"]);
    const kind = editor.getByRole("combobox", { name: "Test of condition 1", exact: true });
    expect(await kind.getAttribute("aria-invalid")).toBe("true");
    await editor
      .getByText(
        "A home-page action has no current activity, so this test cannot apply. Remove the condition: only “used at most N times” applies.",
        { exact: true },
      )
      .waitFor();
    expect(await kind.locator("option:checked").textContent()).toBe("State (not for home-page actions)");
    expect((await storedActions()).actions).toHaveLength(1);
    expect(await seriousViolations(page, "main")).toEqual([]);

    // Removing the only condition makes the action always available, which the server accepts.
    await editor.getByRole("button", { name: "Remove condition 1", exact: true }).click();
    expect(await editor.getByRole("radio", { name: "Always", exact: true }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Save portal actions", exact: true }).click();
    await page.getByText("Portal actions saved.", { exact: true }).waitFor();
    const saved = (await storedActions()).actions;
    expect(saved.map((action) => action.label.en)).toEqual(["Ask to reschedule", "Book a visit"]);
    expect(saved[1]?.effect).toBe("create_activity");
    expect(saved[1]?.conditions).toBeNull();

    // Moving and removing work with the keyboard, and a removal requests a confirmation.
    const headings = page.getByRole("list", { name: "Portal actions", exact: true }).getByRole("heading");
    const focusedLabel = () =>
      page.evaluate<string | null>('document.activeElement?.getAttribute("aria-label") ?? null');
    await page.getByRole("button", { name: "Move up “Book a visit”", exact: true }).focus();
    await page.keyboard.press("Enter");
    expect(await headings.allTextContents()).toEqual(["Book a visit", "Ask to reschedule"]);
    // "Move up" is disabled at the top, so the focus stays on the moved card's "Move down".
    await expect.poll(focusedLabel).toBe("Move down “Book a visit”");
    await page.getByRole("button", { name: "Remove “Book a visit”", exact: true }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Remove “Book a visit”?", exact: true });
    await dialog.waitFor();
    await expect
      .poll(() => page.evaluate<string | null>("document.activeElement?.textContent ?? null"))
      .toBe("Cancel");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    expect(await headings.allTextContents()).toEqual(["Ask to reschedule"]);
    await expect.poll(focusedLabel).toBe("Edit “Ask to reschedule”");
    await page.getByRole("button", { name: "Save portal actions", exact: true }).click();
    // The notification of the previous save may still show, so the stored list is polled.
    await expect
      .poll(async () => (await storedActions()).actions.map((action) => action.label.en))
      .toEqual(["Ask to reschedule"]);
    await page.context().close();
  });

  it("lists a customer's request as new", async () => {
    const { actions } = await storedActions();
    const reschedule = actions.find((action) => action.label.en === "Ask to reschedule");
    expect(reschedule).toBeDefined();

    const portalCookie = await portalSignIn();
    const visit = await request<{ actions: { id: string; label: string }[] }>(
      portalCookie,
      "GET",
      `/portal-api/activities/${visitId}`,
    );
    expect(visit.actions.map((action) => action.label)).toEqual(["Demander un report"]);
    const run = await request<{ activityId: string }>(
      portalCookie,
      "POST",
      `/portal-api/actions/${maintenanceTypeId}/${reschedule?.id}/run`,
      { activityId: visitId },
    );
    const events = await staff<{ events: { kind: string; activity: { id: string; reference: string } }[] }>(
      "GET",
      "/portal-events?status=new",
    );
    expect(events.events).toHaveLength(1);
    const [event] = events.events;
    expect(event?.kind).toBe("requested");
    expect(event?.activity.id).toBe(run.activityId);

    const page = await signIn(organization.admin.email);
    const navLink = page.getByRole("link", { name: /^Portal activity\s*\(1 new event\)$/ });
    await navLink.waitFor();
    expect(await page.getByTestId("portal-events-badge").textContent()).toBe("1");
    await navLink.click();
    await page.getByRole("heading", { level: 1, name: "Portal activity", exact: true }).waitFor();

    const row = page.getByTestId("portal-event");
    await row.waitFor();
    expect(await row.count()).toBe(1);
    const cells = row.getByRole("cell");
    expect(await cells.nth(1).textContent()).toBe("Requested");
    const customerLink = cells.nth(2).getByRole("link", { name: "Léa Dupré", exact: true });
    expect(await customerLink.getAttribute("href")).toBe(
      `/bu/${organization.businessUnitId}/customers/${customer.id}`,
    );
    const activityLink = cells
      .nth(3)
      .getByRole("link", { name: event?.activity.reference ?? "", exact: true });
    expect(await activityLink.getAttribute("href")).toBe(
      `/bu/${organization.businessUnitId}/activities/${run.activityId}`,
    );
    expect(
      await cells.nth(3).getByRole("link", { name: "Original activity", exact: true }).getAttribute("href"),
    ).toBe(`/bu/${organization.businessUnitId}/activities/${visitId}`);
    // Events name the action in the unit's language, English here, whatever the customer's.
    expect(await cells.nth(4).textContent()).toBe("Ask to reschedule");
    expect(await cells.nth(0).locator("time").textContent()).toMatch(
      /^(now|\d+ seconds? ago|\d+ minutes? ago)$/,
    );
    expect(await seriousViolations(page, "main")).toEqual([]);

    const subscribe = page.getByRole("switch", { name: /^Email me about portal activity/ });
    await subscribe.check();
    await page.getByText("You will get an email for each portal event.", { exact: true }).waitFor();
    expect((await staff<{ subscribed: boolean }>("GET", "/portal-events/subscription")).subscribed).toBe(
      true,
    );

    await page.getByRole("button", { name: "Mark all as seen", exact: true }).click();
    await page.getByText("No new portal activity.", { exact: true }).waitFor();
    expect(await page.getByTestId("portal-event").count()).toBe(0);
    await page.getByRole("link", { name: "Portal activity", exact: true }).waitFor();
    expect(await page.getByTestId("portal-events-badge").count()).toBe(0);
    expect((await staff<{ newCount: number }>("GET", "/portal-events?status=new")).newCount).toBe(0);

    await page.getByRole("radio", { name: "All events", exact: true }).check();
    await page.getByTestId("portal-event").waitFor();
    expect(await page.getByTestId("portal-event").getByRole("cell").nth(5).textContent()).toMatch(/^Seen /);
    await page.context().close();
  });

  it("hides portal activity from field workers", async () => {
    const page = await signIn(worker.email);
    await page.getByRole("link", { name: "My day", exact: true }).waitFor();
    expect(await page.getByRole("link", { name: /^Portal activity/ }).count()).toBe(0);
    await page.context().close();
  });
});
