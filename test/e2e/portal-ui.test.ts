import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrganization, TEST_PASSWORD, type TestOrganization } from "../helpers/factories.js";
import { type E2eDatabase, e2eDatabase, launchBrowser, type RunningServer, startServer } from "./harness.js";

/**
 * Browser tests of the portal's sign-in pages and installable app on a real server, on phone-sized
 * screens. They cover an unknown portal address and the checks of the identifier and the code.
 * They cover the choice between two companies that have the same email on file, the sign-in link
 * of a login email and the wait after too many code requests. They also cover the manifest and
 * the offline page of the service worker. Codes and links come from the outbox through the staff
 * messages API.
 */

const ZONE = "Europe/Paris";
const PHONE_WIDTH = 375;
/** Length of the server's per-client window for code requests, in which 30 requests are allowed. */
const CODE_REQUEST_WINDOW_MS = 600_000;
const CODE_REQUESTS_PER_CLIENT = 30;

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Returns the script that runs axe-core and returns the serious and critical violations as "rule: element" lines. */
const AXE_SERIOUS_VIOLATIONS = `axe.run().then((result) => result.violations
  .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
  .flatMap((violation) => violation.nodes.map((node) => violation.id + ": " + node.target.join(" "))))`;

const EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Marie's visit: 09:00 Paris time on a Wednesday two to three weeks ahead. */
const visit = DateTime.now()
  .setZone(ZONE)
  .plus({ weeks: 2 })
  .startOf("week")
  .plus({ days: 2 })
  .set({ hour: 9, minute: 0, second: 0, millisecond: 0 });

interface Unit {
  organization: TestOrganization;
  cookie: string;
  slug: string;
  displayName: string;
}

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
/** Chauffage Dupré, with a visit of Marie's shown on the portal. */
let heating: Unit;
/** Plomberie Martin, which has Lucie on file under the same email as Chauffage Dupré. */
let plumbing: Unit;
let suffix = "";
let marieVisitId = "";

async function apiSignIn(email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function callApi<T>(unit: Unit, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(
    `${server.url}/api/business-units/${unit.organization.businessUnitId}${path}`,
    {
      method,
      headers: { cookie: unit.cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
  );
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/** Returns a random loopback address, which the server takes as the client's through X-Forwarded-For. */
function clientAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`;
}

/**
 * Waits for the login email to `email` in the outbox of one of `units`, and returns the 6-digit code
 * and the sign-in link that its text contains.
 */
async function loginMessage(email: string, units: Unit[]): Promise<{ code: string; link: string }> {
  const found = await until(async () => {
    for (const unit of units) {
      const messages = await callApi<{ id: string; event: string; recipient: string }[]>(
        unit,
        "GET",
        "/messages",
      );
      const message = messages.find(
        (candidate) => candidate.event === "login_code" && candidate.recipient === email,
      );
      if (message) return { unit, id: message.id };
    }
    return undefined;
  }, `the login email to ${email}`);
  const { bodyText } = await callApi<{ bodyText: string }>(found.unit, "GET", `/messages/${found.id}`);
  const code = /^(\d{6})$/m.exec(bodyText)?.[1];
  const link = new RegExp(`${server.url}/portal/sign-in#token=[A-Za-z0-9_-]+`).exec(bodyText)?.[0];
  expect(code, bodyText).toMatch(/^\d{6}$/);
  expect(link, bodyText).toBeDefined();
  return { code: code ?? "", link: link ?? "" };
}

/** Creates a customer with portal access, reached at `email`, and returns their id. */
async function createCustomer(
  unit: Unit,
  firstName: string,
  lastName: string,
  email: string,
): Promise<string> {
  const customer = await callApi<{ id: string }>(unit, "POST", "/customers", {
    firstName,
    lastName,
    email,
    addressLine1: "12 Rue de la République",
    postcode: "69002",
    city: "Lyon",
    latitude: 45.7606,
    longitude: 4.8357,
    language: "en",
    portalAccess: true,
  });
  return customer.id;
}

const emailOf = (name: string) => `${name}-${suffix}@example.com`;

beforeAll(async () => {
  database = e2eDatabase();
  const [first, second] = await database.prepare(async (context) => [
    await createTestOrganization(context),
    await createTestOrganization(context),
  ]);
  // Rate-limit counters live in the database, which test files on PostgreSQL share. Behind a
  // trusted proxy each browser profile below sends a client address of its own.
  server = await startServer({ ...database.environment, TRUST_PROXY: "true" });
  browser = await launchBrowser();
  suffix = first!.suffix.toLowerCase();

  heating = {
    organization: first!,
    cookie: await apiSignIn(first!.admin.email),
    slug: `chauffage-${suffix}`,
    displayName: "Chauffage Dupré",
  };
  plumbing = {
    organization: second!,
    cookie: await apiSignIn(second!.admin.email),
    slug: `plomberie-${second!.suffix.toLowerCase()}`,
    displayName: "Plomberie Martin",
  };
  await callApi(heating, "PUT", "/portal", {
    enabled: true,
    slug: heating.slug,
    displayName: heating.displayName,
    contactPhone: "+33477001122",
  });
  await callApi(plumbing, "PUT", "/portal", {
    enabled: true,
    slug: plumbing.slug,
    displayName: plumbing.displayName,
  });

  const worker = await callApi<{ id: string }>(heating, "POST", "/users", {
    email: `tech-${suffix}@test.example`,
    name: "Léa Tech",
    password: TEST_PASSWORD,
    roles: ["field_worker"],
  });
  const type = await callApi<{ id: string }>(heating, "POST", "/activity-types", {
    name: "Entretien",
    colour: "#e8590c",
    defaultDurationMinutes: 60,
  });
  await callApi(heating, "PUT", `/activity-types/${type.id}/portal-display`, {
    shown: true,
    title: "Annual boiler service",
    description: "",
    longDescription: "",
  });
  const marie = await createCustomer(heating, "Marie", "Dupont", emailOf("marie"));
  const activity = await callApi<{ id: string }>(heating, "POST", "/activities", {
    activityTypeId: type.id,
    customerId: marie,
  });
  marieVisitId = activity.id;
  await callApi(heating, "POST", `/activities/${marieVisitId}/schedule`, {
    assigneeId: worker.id,
    startAt: visit.toISO(),
    acceptWarnings: true,
    notifyCustomer: false,
  });

  await createCustomer(heating, "Paul", "Girard", emailOf("paul"));
  await createCustomer(heating, "Jean", "Petit", emailOf("jean"));
  await createCustomer(heating, "Lucie", "Bernard", emailOf("lucie"));
  await createCustomer(plumbing, "Lucie", "Bernard", emailOf("lucie"));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

/**
 * Opens a phone-sized browser profile with a client address of its own, which can reach the test
 * server only. It bypasses the page's CSP, which would block the inline script that injects axe-core.
 */
async function phoneContext(
  options: { timezoneId?: string; serviceWorkers?: "allow" | "block"; address?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: "en-GB",
    timezoneId: options.timezoneId ?? ZONE,
    viewport: { width: PHONE_WIDTH, height: 800 },
    bypassCSP: true,
    serviceWorkers: options.serviceWorkers ?? "block",
    extraHTTPHeaders: { "x-forwarded-for": options.address ?? clientAddress() },
  });
  await context.route(
    (url) => url.origin !== server.url,
    (route) => route.abort(),
  );
  context.setDefaultTimeout(10_000);
  return context;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.mouse.move(0, 0);
  await page.evaluate(axeSource);
  return page.evaluate<string[]>(AXE_SERIOUS_VIOLATIONS);
}

function scrollWidth(page: Page): Promise<number> {
  return page.evaluate<number>("document.documentElement.scrollWidth");
}

function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate<string | null>("document.activeElement?.labels?.[0]?.textContent ?? null");
}

/** Signs in on the open sign-in page with a code from the outbox of `units`. */
async function signInWithCode(page: Page, email: string, units: Unit[]): Promise<void> {
  await page.getByLabel("Email or mobile phone number", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Send me a code", exact: true }).click();
  await page.getByLabel("6-digit code", { exact: true }).waitFor();
  const { code } = await loginMessage(email, units);
  await page.getByLabel("6-digit code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

describe("portal sign-in pages", () => {
  it("explains an unknown portal address", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/portal/inconnu-${suffix}`);
    await page
      .getByRole("heading", { level: 1, name: "This portal address does not exist", exact: true })
      .waitFor();
    await page
      .getByText(
        "No company portal has this address. Check the address in your message, or sign in from the general portal page.",
        { exact: true },
      )
      .waitFor();
    expect(
      await page
        .getByRole("link", { name: "Go to the portal sign-in page", exact: true })
        .getAttribute("href"),
    ).toBe("/portal");
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await context.close();
  });

  it("checks the identifier and the code", async () => {
    const context = await phoneContext({ timezoneId: "America/New_York" });
    const page = await context.newPage();
    await page.goto(`${server.url}/portal/${heating.slug}`);
    await page.getByRole("heading", { level: 1, name: "Sign in to Chauffage Dupré", exact: true }).waitFor();

    const identifier = page.getByLabel("Email or mobile phone number", { exact: true });
    expect(await identifier.getAttribute("autocomplete")).toBe("email");
    expect(await identifier.getAttribute("inputmode")).toBe("email");
    // The server reads the identifier: a national number needs its trunk prefix.
    await identifier.fill("612345678");
    await page.getByRole("button", { name: "Send me a code", exact: true }).click();
    await page
      .getByText(
        "Type the full phone number, starting with 0 or +, for example 06 12 34 56 78 or +33 6 12 34 56 78.",
        { exact: true },
      )
      .waitFor();
    expect(await identifier.getAttribute("aria-invalid")).toBe("true");
    await identifier.fill("0612");
    await page.getByRole("button", { name: "Send me a code", exact: true }).click();
    await page
      .getByText("This phone number is not valid. Type it in full, starting with 0 or +.", { exact: true })
      .waitFor();
    expect(await identifier.getAttribute("aria-invalid")).toBe("true");

    const email = emailOf("marie");
    await identifier.fill(email);
    await page.getByRole("button", { name: "Send me a code", exact: true }).click();
    const codeField = page.getByLabel("6-digit code", { exact: true });
    await codeField.waitFor();
    expect(await focusedLabel(page)).toBe("6-digit code");
    expect(await codeField.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await codeField.getAttribute("inputmode")).toBe("numeric");
    expect(await page.getByRole("status").filter({ hasText: email }).textContent()).toBe(
      `If ${email} is registered, a 6-digit code has been sent to it. The code is valid for 10 minutes.`,
    );
    const resend = page.getByRole("button", { name: /^Send a new code in \d+ seconds$/ });
    expect(await resend.isDisabled()).toBe(true);

    const { code } = await loginMessage(email, [heating]);
    const wrongCode = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    await codeField.fill(wrongCode);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page
      .getByRole("alert")
      .getByText("The code is wrong or has expired. Check it, or ask for a new code.", { exact: true })
      .waitFor();
    expect(await codeField.inputValue()).toBe("");

    await codeField.fill(code);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Hello, Marie", exact: true }).waitFor();
    // The device is in New York, so the visit's time names its own zone.
    const card = page.getByRole("listitem").filter({ hasText: "Annual boiler service" });
    await card.waitFor();
    const date = `${EN_WEEKDAYS[visit.weekday - 1]}, ${visit.day} ${EN_MONTHS[visit.month - 1]} ${visit.year}`;
    expect(await card.locator("p").allTextContents()).toEqual([
      `${date}Time: 09:00–10:00 (Paris time)`,
      "Address: 12 Rue de la République, 69002 Lyon",
    ]);
    const phone = page.getByRole("link", { name: "+33 4 77 00 11 22", exact: true });
    expect(await phone.getAttribute("href")).toBe("tel:+33477001122");
    await context.close();
  });

  it("lets a shared email choose a company", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/portal`);
    await page.getByRole("heading", { level: 1, name: "Sign in", exact: true }).waitFor();
    await signInWithCode(page, emailOf("lucie"), [heating, plumbing]);

    await page.getByRole("heading", { level: 1, name: "Choose an account", exact: true }).waitFor();
    const choices = page.getByRole("list").getByRole("button");
    expect((await choices.allTextContents()).sort()).toEqual([
      "Chauffage DupréCustomer: Lucie Bernard",
      "Plomberie MartinCustomer: Lucie Bernard",
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    await choices.filter({ hasText: "Plomberie Martin" }).click();
    await page.getByRole("heading", { level: 1, name: "Hello, Lucie", exact: true }).waitFor();
    expect(await page.locator("header .company-name").textContent()).toBe("Plomberie Martin");
    await page.getByText("You have no upcoming visits.", { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal");
    await context.close();
  });

  it("signs in with a link only on click", async () => {
    const address = clientAddress();
    const email = emailOf("paul");
    const sent = await fetch(`${server.url}/portal-api/auth/code`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify({ identifier: email, slug: heating.slug }),
    });
    expect(sent.status).toBe(202);
    const { link } = await loginMessage(email, [heating]);

    const context = await phoneContext({ address });
    const page = await context.newPage();
    const apiRequests: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/portal-api/")) apiRequests.push(`${request.method()} ${path}`);
    });
    await page.goto(link);
    await page
      .getByRole("heading", { level: 1, name: "Sign in to your customer portal", exact: true })
      .waitFor();
    await page.getByText("Select the button to sign in. The link works once.", { exact: true }).waitFor();
    // A link scanner that opens the page and runs its scripts must not sign in.
    await page.waitForTimeout(1000);
    expect(apiRequests).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Hello, Paul", exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/${heating.slug}`);
    expect(apiRequests[0]).toBe("POST /portal-api/auth/link");
    await context.close();

    // The link works once.
    const again = await phoneContext({ address });
    const secondPage = await again.newPage();
    await secondPage.goto(link);
    await secondPage.getByRole("button", { name: "Sign in", exact: true }).click();
    await secondPage
      .getByRole("alert")
      .getByText("This link is invalid, has already been used or has expired. Ask for a new one.", {
        exact: true,
      })
      .waitFor();
    expect(new URL(secondPage.url()).pathname).toBe("/portal/sign-in");
    await again.close();
  });

  it("shows the wait after too many code requests", async () => {
    // The server counts requests in fixed windows aligned on the epoch. Starting close to the
    // end of one would let the browser's request fall into the next window.
    const left = CODE_REQUEST_WINDOW_MS - (Date.now() % CODE_REQUEST_WINDOW_MS);
    if (left < 15_000) await new Promise((resolve) => setTimeout(resolve, left + 500));

    const address = clientAddress();
    for (let index = 1; index <= CODE_REQUESTS_PER_CLIENT; index += 1) {
      const response = await fetch(`${server.url}/portal-api/auth/code`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": address },
        body: JSON.stringify({ identifier: `nobody-${index}-${suffix}@example.com` }),
      });
      expect(response.status, `request ${index}`).toBe(202);
    }

    const context = await phoneContext({ address });
    const page = await context.newPage();
    await page.goto(`${server.url}/portal`);
    await page
      .getByLabel("Email or mobile phone number", { exact: true })
      .fill(`nobody-31-${suffix}@example.com`);
    const answer = page.waitForResponse((response) => response.url().endsWith("/portal-api/auth/code"));
    await page.getByRole("button", { name: "Send me a code", exact: true }).click();
    const response = await answer;
    expect(response.status()).toBe(429);
    const { error } = (await response.json()) as {
      error: { code: string; details: { retryAfterSeconds: number } };
    };
    expect(error.code).toBe("rate_limited");
    const minutes = Math.ceil(error.details.retryAfterSeconds / 60);
    await page
      .getByRole("alert")
      .getByText(`Too many requests. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, {
        exact: true,
      })
      .waitFor();
    expect(await page.getByLabel("6-digit code").count()).toBe(0);
    await context.close();
  });
});

describe("installable portal", () => {
  it("serves the manifest, worker and offline page", async () => {
    const manifest = await fetch(`${server.url}/portal/manifest.webmanifest`);
    expect(manifest.headers.get("content-type")).toBe("application/manifest+json");
    const body = (await manifest.json()) as {
      start_url: string;
      scope: string;
      icons: { purpose: string }[];
    };
    expect(body.start_url).toBe("/portal/");
    expect(body.scope).toBe("/portal/");
    expect(body.icons.map((icon) => icon.purpose)).toContain("maskable");

    const worker = await fetch(`${server.url}/portal/sw.js`);
    expect(worker.headers.get("content-type")).toMatch(/^(application|text)\/javascript/);
    expect(await worker.text()).toMatch(/^self\.portalShell = \{"buildId":"[0-9a-f]{16}"/);

    const offline = await fetch(`${server.url}/portal/offline.html`);
    expect(offline.status).toBe(200);
    expect(offline.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("shows the offline page without a network", async () => {
    const context = await phoneContext({ serviceWorkers: "allow" });
    const page = await context.newPage();
    await page.goto(`${server.url}/portal/${heating.slug}`);
    const scope = await page.evaluate<string>(
      "navigator.serviceWorker.ready.then((registration) => registration.scope)",
    );
    expect(scope).toBe(`${server.url}/portal/`);

    // Once the worker controls the page, the customer's data passes through it.
    await page.reload();
    expect(await page.evaluate<boolean>("navigator.serviceWorker.controller !== null")).toBe(true);
    await signInWithCode(page, emailOf("jean"), [heating]);
    await page.getByRole("heading", { level: 1, name: "Hello, Jean", exact: true }).waitFor();

    await context.setOffline(true);
    await page.goto(`${server.url}/portal/activities/${marieVisitId}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("You are offline");
    await context.setOffline(false);

    const cachedApiResponses = await page.evaluate<string[]>(`(async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        const requests = await (await caches.open(name)).keys();
        urls.push(...requests.map((request) => request.url).filter((url) => url.includes("/portal-api/")));
      }
      return urls;
    })()`);
    expect(cachedApiResponses).toEqual([]);
    await context.close();
  });
});
