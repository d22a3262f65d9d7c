import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrganization, TEST_PASSWORD, type TestOrganization } from "../helpers/factories.js";
import { type E2eDatabase, e2eDatabase, launchBrowser, type RunningServer, startServer } from "./harness.js";

/**
 * The customer portal from end to end, on a real server and database. An admin turns the portal
 * on, writes an activity type's portal texts with replacement codes and previews a customer's
 * portal. The customer then signs in with the code that the admin reads in the outbox, sees the
 * visit with the codes filled in, in French and in English, and is signed out at the next
 * request once the admin revokes the access. Every portal page is checked with axe-core at
 * 375 px wide.
 */

const ZONE = "Europe/Paris";
const PHONE_WIDTH = 375;
const COMPANY = "Chauffage Durand";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Returns the script that runs axe-core on the page and returns its serious and critical
 * violations as "rule: element" lines. A string, because the test code is type-checked without
 * the DOM library.
 */
const AXE_SERIOUS_VIOLATIONS = `axe.run().then((result) => result.violations
  .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
  .flatMap((violation) => violation.nodes.map((node) => violation.id + ": " + node.target.join(" "))))`;

const FR_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const FR_MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];
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

/**
 * Returns the visit's start: 09:00 Paris time on a Wednesday two to three weeks ahead. The first
 * day of a month is skipped, because French writes it "1er" and the expected dates below do not.
 */
function visitStart(): DateTime {
  let day = DateTime.now().setZone(ZONE).plus({ weeks: 2 }).startOf("week").plus({ days: 2 });
  if (day.day === 1) day = day.plus({ weeks: 1 });
  return day.set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
}

const visit = visitStart();
/** The visit's date as the server fills `{activity.date}` in, and as the page formats it. */
const dates = {
  fr: `${FR_WEEKDAYS[visit.weekday - 1]} ${visit.day} ${FR_MONTHS[visit.month - 1]} ${visit.year}`,
  en: `${EN_WEEKDAYS[visit.weekday - 1]} ${visit.day} ${EN_MONTHS[visit.month - 1]} ${visit.year}`,
  enPage: `${EN_WEEKDAYS[visit.weekday - 1]}, ${visit.day} ${EN_MONTHS[visit.month - 1]} ${visit.year}`,
};
/** The type's description, `{activity.date} · {activity.time}`, filled in each language. */
const descriptions = {
  fr: `${dates.fr} · 09:00 (heure de Paris)`,
  en: `${dates.en} · 09:00 Paris time`,
};
/**
 * The visit's hours as Chromium 156 formats them: spaces around the dash in French only. The
 * French labels put a no-break space (U+00A0) before a colon.
 */
const hours = { fr: "09:00 – 10:00", en: "09:00–10:00" };
const TITLE = "Entretien chaudière de Camille Durand";
const LONG_DESCRIPTION = "Merci de votre confiance.\nModèle : Saunier Duval ThemaPlus";
const ADDRESS = "8 Rue Mercière, 69002 Lyon";

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
let slug = "";
let logoUrl = "";
let typeId = "";
let activityId = "";
const customer = { id: "", email: "" };
/** The admin's tab, signed in for the whole file. */
let adminPage: Page;
/** The customer's phone, signed in from the sign-in test on. */
let customerContext: BrowserContext;
let customerPage: Page;

async function apiSignIn(email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
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

async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

/** Returns the serious and critical axe-core violations of the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  // The pointer leaves the last clicked element, whose hover colours are not its resting ones.
  await page.mouse.move(0, 0);
  await page.evaluate(axeSource);
  return page.evaluate<string[]>(AXE_SERIOUS_VIOLATIONS);
}

function scrollWidth(page: Page): Promise<number> {
  return page.evaluate<number>("document.documentElement.scrollWidth");
}

/** Returns the label text of the focused element, or null when it has none. */
function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate<string | null>(`(() => {
    const element = document.activeElement;
    return element?.labels?.[0]?.textContent ?? null;
  })()`);
}

/** Returns the term and description pairs of the description lists in `page`'s main region. */
function definitionPairs(page: Page): Promise<string[][]> {
  return page.evaluate<string[][]>(`[...document.querySelectorAll("main dl > div")]
    .map((row) => [row.querySelector("dt")?.textContent ?? "", row.querySelector("dd")?.textContent ?? ""])`);
}

beforeAll(async () => {
  database = e2eDatabase();
  organization = await database.prepare((context) => createTestOrganization(context));
  // Slugs are unique across Rondo, and a PostgreSQL test database is shared with other test files.
  slug = `chauffage-${organization.suffix.toLowerCase()}`;
  customer.email = `camille-${organization.suffix.toLowerCase()}@example.com`;
  // Rate-limit counters live in the database, which test files on PostgreSQL share. Behind a
  // trusted proxy each phone below sends a client address of its own.
  server = await startServer({ ...database.environment, TRUST_PROXY: "true" });
  browser = await launchBrowser();

  const cookie = await apiSignIn(organization.admin.email);
  const worker = await callApi<{ id: string }>(cookie, "POST", "/users", {
    email: `lea-${organization.suffix.toLowerCase()}@test.example`,
    name: "Léa Tech",
    password: TEST_PASSWORD,
    roles: ["field_worker"],
  });
  const type = await callApi<{ id: string }>(cookie, "POST", "/activity-types", {
    name: "Entretien chaudière",
    colour: "#e8590c",
    defaultDurationMinutes: 60,
    activityForm: {
      fields: [
        {
          code: "boiler_model",
          type: "short_text",
          label: { en: "Boiler model", fr: "Modèle de chaudière" },
          required: false,
          showOnPortal: true,
        },
      ],
    },
  });
  typeId = type.id;
  const created = await callApi<{ id: string }>(cookie, "POST", "/customers", {
    firstName: "Camille",
    lastName: "Durand",
    email: customer.email,
    addressLine1: "8 Rue Mercière",
    postcode: "69002",
    city: "Lyon",
    latitude: 45.7631,
    longitude: 4.8336,
    language: "fr",
    portalAccess: true,
  });
  customer.id = created.id;
  const activity = await callApi<{ id: string }>(cookie, "POST", "/activities", {
    activityTypeId: typeId,
    customerId: customer.id,
    answers: { boiler_model: "Saunier Duval ThemaPlus" },
  });
  activityId = activity.id;
  await callApi(cookie, "POST", `/activities/${activityId}/schedule`, {
    assigneeId: worker.id,
    startAt: visit.toISO(),
    acceptWarnings: true,
    notifyCustomer: false,
  });

  // The admin's profile ignores the content security policy, so that axe-core can run in the
  // preview tab, which opens in this profile.
  const adminContext = await browser.newContext({
    locale: "en-GB",
    timezoneId: ZONE,
    viewport: { width: 1280, height: 800 },
    bypassCSP: true,
  });
  await adminContext.route(
    (url) => url.origin !== server.url,
    (route) => route.abort(),
  );
  adminContext.setDefaultTimeout(10_000);
  adminPage = await adminContext.newPage();
  await adminPage.goto(`${server.url}/login`);
  await adminPage.getByLabel("Email", { exact: true }).fill(organization.admin.email);
  await adminPage.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await adminPage.getByRole("button", { name: "Sign in", exact: true }).click();
  await adminPage.waitForURL(/\/bu\//);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

/** Reads a staff API path of the unit with the admin's session. */
async function adminApi<T>(path: string): Promise<T> {
  const response = await adminPage.request.get(
    `${server.url}/api/business-units/${organization.businessUnitId}${path}`,
  );
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

describe("customer portal journey", () => {
  it("staff turn the portal on", async () => {
    await adminPage.goto(`${server.url}/bu/${organization.businessUnitId}/settings?tab=portal`);
    const enabled = adminPage.getByRole("switch", { name: /^Customer portal enabled/ });
    await enabled.waitFor();
    await enabled.check();
    await adminPage.getByRole("textbox", { name: "Company name shown", exact: true }).fill(COMPANY);
    await adminPage.getByRole("textbox", { name: "Portal address", exact: true }).fill(slug);
    await adminPage.getByRole("textbox", { name: "Phone", exact: true }).fill("04 78 00 11 22");
    await adminPage.getByRole("button", { name: "Save", exact: true }).click();
    await adminPage.getByText("Portal settings saved.", { exact: true }).waitFor();

    const png = await sharp({
      create: { width: 96, height: 48, channels: 4, background: { r: 20, g: 90, b: 160, alpha: 1 } },
    })
      .png()
      .toBuffer();
    await adminPage.getByLabel("Upload a logo", { exact: true }).setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: png,
    });
    await adminPage.getByText("Logo uploaded.", { exact: true }).waitFor();

    const config = await adminApi<{
      enabled: boolean;
      slug: string;
      displayName: string;
      contactPhone: string;
      logoUrl: string | null;
      portalUrl: string;
    }>("/portal");
    expect(config.enabled).toBe(true);
    expect(config.slug).toBe(slug);
    expect(config.displayName).toBe(COMPANY);
    expect(config.contactPhone).toBe("+33478001122");
    expect(config.portalUrl).toBe(`${server.url}/portal/${slug}`);
    expect(config.logoUrl).toMatch(
      new RegExp(`^/portal-api/logos/${organization.businessUnitId}/[0-9a-f-]+$`),
    );
    logoUrl = config.logoUrl ?? "";
  });

  it("staff write the type's portal texts with codes", async () => {
    await adminPage.goto(`${server.url}/bu/${organization.businessUnitId}/catalog/${typeId}?tab=portal`);
    const shown = adminPage.getByRole("switch", { name: /^Shown on the portal/ });
    await shown.waitFor();
    await shown.check();
    const picker = adminPage.getByRole("group", { name: "Replacement codes", exact: true });

    const title = adminPage.getByRole("textbox", { name: "Displayed title", exact: true });
    await title.fill("Entretien chaudière de ");
    await picker.getByRole("button", { name: "{customer.name}", exact: true }).click();
    expect(await title.inputValue()).toBe("Entretien chaudière de {customer.name}");

    const description = adminPage.getByRole("textbox", { name: "Description", exact: true });
    await description.fill("");
    await picker.getByRole("button", { name: "{activity.date}", exact: true }).click();
    await description.press("End");
    await description.pressSequentially(" · ");
    await picker.getByRole("button", { name: "{activity.time}", exact: true }).click();
    expect(await description.inputValue()).toBe("{activity.date} · {activity.time}");

    await adminPage
      .getByRole("textbox", { name: "Long description", exact: true })
      .fill("Merci de votre confiance.\nModèle : {form.boiler_model}");

    // The live preview fills the codes from the type's only activity, once typing pauses.
    const preview = adminPage.getByTestId("portal-display-preview");
    await expect
      .poll(() => preview.locator("dd").allTextContents(), { timeout: 10_000 })
      .toEqual([TITLE, descriptions.fr, LONG_DESCRIPTION]);
    await adminPage.getByText("Codes filled in from A000001.", { exact: true }).waitFor();

    await adminPage.getByRole("button", { name: "Save", exact: true }).click();
    await adminPage.getByText("Portal display saved.", { exact: true }).waitFor();
    const display = await adminApi<{
      shown: boolean;
      title: string;
      description: string;
      longDescription: string;
    }>(`/activity-types/${typeId}/portal-display`);
    expect(display).toMatchObject({
      shown: true,
      title: "Entretien chaudière de {customer.name}",
      description: "{activity.date} · {activity.time}",
      longDescription: "Merci de votre confiance.\nModèle : {form.boiler_model}",
    });
  });

  it("staff preview the customer's portal", async () => {
    await adminPage.goto(`${server.url}/bu/${organization.businessUnitId}/customers/${customer.id}`);
    const access = adminPage.getByRole("switch", { name: /^Portal access/ });
    await access.waitFor();
    expect(await access.isChecked()).toBe(true);

    const previewHeaders: (string | null)[] = [];
    const recordPreviewHeader = (request: Request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/portal-api/") && !path.startsWith("/portal-api/logos/")) {
        previewHeaders.push(request.headers()["x-rondo-preview"] ?? null);
      }
    };
    adminPage.context().on("request", recordPreviewHeader);
    const popup = adminPage.waitForEvent("popup");
    await adminPage.getByRole("button", { name: "Preview the portal as this customer", exact: true }).click();
    const tab = await popup;
    await tab.setViewportSize({ width: PHONE_WIDTH, height: 800 });

    await tab.getByRole("heading", { level: 1, name: "Hello, Camille", exact: true }).waitFor();
    const card = tab
      .getByRole("listitem")
      .filter({ has: tab.getByRole("link", { name: TITLE, exact: true }) });
    await card.getByText(descriptions.en, { exact: true }).waitFor();
    expect(await tab.getByRole("region", { name: "Preview", exact: true }).textContent()).toBe(
      "Preview: you see the portal as Camille Durand sees it. Actions are disabled.",
    );
    expect(await tab.getByRole("button", { name: "Sign out", exact: true }).isDisabled()).toBe(true);
    expect(await tab.locator("header .company-name").textContent()).toBe(COMPANY);
    expect(await tab.locator("header img.company-logo").getAttribute("src")).toBe(logoUrl);
    expect(new URL(tab.url()).pathname).toBe("/portal/");
    expect(tab.url()).not.toContain("token=");
    expect(await seriousViolations(tab)).toEqual([]);
    expect(await scrollWidth(tab)).toBeLessThanOrEqual(PHONE_WIDTH);

    // The activity page shows the same data, still in the preview.
    await card.getByRole("link", { name: TITLE, exact: true }).click();
    await tab.getByRole("heading", { level: 1, name: TITLE, exact: true }).waitFor();
    await tab.getByText(descriptions.en, { exact: true }).waitFor();
    expect(await definitionPairs(tab)).toEqual([
      ["Date", dates.enPage],
      ["Time", hours.en],
      ["Address", ADDRESS],
      ["Boiler model", "Saunier Duval ThemaPlus"],
    ]);
    expect(await tab.getByRole("region", { name: "Preview", exact: true }).count()).toBe(1);
    expect(await tab.getByRole("button", { name: "Sign out", exact: true }).isDisabled()).toBe(true);

    // Every portal API request of the preview tab carries the same preview token.
    expect(previewHeaders.length).toBeGreaterThan(0);
    expect(previewHeaders[0]).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(new Set(previewHeaders)).toEqual(new Set([previewHeaders[0]]));
    adminPage.context().off("request", recordPreviewHeader);
    await tab.close();

    const history = adminPage.getByRole("list", { name: "Audit history", exact: true });
    await history.getByRole("listitem").first().waitFor();
    const { events } = await adminApi<{ events: { action: string; createdAt: string }[] }>(
      `/customers/${customer.id}/audit`,
    );
    expect(events.map((event) => event.action)).toEqual(["portal_preview_opened"]);
    const when = new Intl.DateTimeFormat("en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: ZONE,
    }).format(new Date(events[0]!.createdAt));
    expect(await history.getByRole("listitem").allTextContents()).toEqual([
      `Portal preview openedAda Admin, ${when}`,
    ]);
  });

  it("customer signs in with the code from the outbox", async () => {
    customerContext = await browser.newContext({
      locale: "fr-FR",
      timezoneId: ZONE,
      viewport: { width: PHONE_WIDTH, height: 800 },
      bypassCSP: true,
      serviceWorkers: "block",
      extraHTTPHeaders: {
        "x-forwarded-for": `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}`,
      },
    });
    await customerContext.route(
      (url) => url.origin !== server.url,
      (route) => route.abort(),
    );
    customerContext.setDefaultTimeout(10_000);
    customerPage = await customerContext.newPage();
    const page = customerPage;
    await page.goto(`${server.url}/portal/${slug}`);
    await page
      .getByRole("heading", { level: 1, name: `Connexion à l’espace client de ${COMPANY}`, exact: true })
      .waitFor();
    expect(await page.locator("header .company-name").textContent()).toBe(COMPANY);
    const logo = page.locator("header img.company-logo");
    expect(await logo.getAttribute("src")).toBe(logoUrl);
    await expect
      .poll(() => page.evaluate<number>('document.querySelector("header img.company-logo").naturalWidth'), {
        timeout: 10_000,
      })
      .toBe(96);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    // Keyboard only: Tab to the email field, type, Enter.
    let presses = 0;
    while ((await focusedLabel(page)) !== "Adresse e-mail ou numéro de mobile" && presses < 10) {
      await page.keyboard.press("Tab");
      presses += 1;
    }
    expect(await focusedLabel(page)).toBe("Adresse e-mail ou numéro de mobile");
    await page.keyboard.type(customer.email);
    await page.keyboard.press("Enter");

    await page.getByLabel("Code à 6 chiffres", { exact: true }).waitFor();
    expect(await focusedLabel(page)).toBe("Code à 6 chiffres");
    expect(await page.getByRole("status").filter({ hasText: customer.email }).textContent()).toBe(
      `Si ${customer.email} est enregistré, un code à 6 chiffres vient d’y être envoyé. Il est valable 10 minutes.`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    // The admin reads the code in the back office's Messages.
    await until(async () => {
      const response = await adminPage.request.get(
        `${server.url}/api/business-units/${organization.businessUnitId}/messages`,
      );
      const messages = (await response.json()) as { event: string; recipient: string }[];
      return messages.find(
        (message) => message.event === "login_code" && message.recipient === customer.email,
      );
    }, "the login code message");
    await adminPage.goto(`${server.url}/bu/${organization.businessUnitId}/messages`);
    await adminPage
      .getByRole("button", { name: new RegExp(`^Login code to ${customer.email.replace(/[.]/g, "\\.")}, `) })
      .click();
    const drawer = adminPage.getByRole("dialog", { name: "Message details", exact: true });
    const subject = `Votre code de connexion ${COMPANY}`;
    await drawer.getByRole("heading", { level: 3, name: subject, exact: true }).waitFor();
    const body = (await drawer.locator(".mantine-Paper-root").last().textContent()) ?? "";
    const code = /^(\d{6})$/m.exec(body)?.[1] ?? "";
    const link = new RegExp(`${server.url}/portal/sign-in#token=[A-Za-z0-9_-]+`).exec(body)?.[0] ?? "";
    // French emails put a no-break space (U+00A0) before a colon.
    expect(body).toBe(
      [
        "Bonjour,",
        "",
        `Votre code de connexion à l'espace client ${COMPANY} est\u00a0:`,
        "",
        code,
        "",
        `Vous pouvez aussi vous connecter avec ce lien\u00a0: ${link}`,
        "",
        "Il expire dans 10 minutes et ne sert qu'une fois. Nos équipes ne vous le demanderont jamais\u00a0: ne le communiquez à personne.",
        "",
        "Si vous n'avez pas demandé ce code, ignorez simplement cet e-mail.",
        "",
        COMPANY,
      ].join("\n"),
    );
    expect(code).toMatch(/^\d{6}$/);
    await adminPage.keyboard.press("Escape");

    await page.keyboard.type(code);
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { level: 1, name: "Bonjour Camille", exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/${slug}`);
    expect(await page.locator("header .company-name").textContent()).toBe(COMPANY);
    expect(await page.locator("header img.company-logo").getAttribute("src")).toBe(logoUrl);
    const upcoming = page.getByRole("region", { name: "Interventions à venir", exact: true });
    const card = upcoming.getByRole("listitem");
    await card.getByText(descriptions.fr, { exact: true }).waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.getByRole("link").textContent()).toBe(TITLE);
    expect(await card.locator("p").allTextContents()).toEqual([
      descriptions.fr,
      `${dates.fr}Heure\u00a0: ${hours.fr}`,
      `Adresse\u00a0: ${ADDRESS}`,
    ]);
    expect(await card.getByText("Planifiée", { exact: true }).count()).toBe(1);
    expect(
      await page
        .getByRole("region", { name: `Contacter ${COMPANY}`, exact: true })
        .getByRole("link")
        .textContent(),
    ).toBe("+33 4 78 00 11 22");
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    await card.getByRole("link", { name: TITLE, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: TITLE, exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/activities/${activityId}`);
    expect(await page.evaluate<string>("document.activeElement?.tagName")).toBe("H1");
    await page.getByText(descriptions.fr, { exact: true }).waitFor();
    expect(await page.locator("main .multiline").first().textContent()).toBe(LONG_DESCRIPTION);
    expect(await definitionPairs(page)).toEqual([
      ["Date", dates.fr],
      ["Heure", hours.fr],
      ["Adresse", ADDRESS],
      ["Modèle de chaudière", "Saunier Duval ThemaPlus"],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
  });

  it("customer reads the texts in English and French", async () => {
    const page = customerPage;
    await page.getByRole("radio", { name: "English", exact: true }).check();
    await page.getByText(descriptions.en, { exact: true }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(TITLE);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.evaluate<string | null>('localStorage.getItem("rondo.language")')).toBe("en");
    expect(await definitionPairs(page)).toEqual([
      ["Date", dates.enPage],
      ["Time", hours.en],
      ["Address", ADDRESS],
      ["Boiler model", "Saunier Duval ThemaPlus"],
    ]);

    await page.getByRole("link", { name: "Back to your visits", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Hello, Camille", exact: true }).waitFor();
    const card = page.getByRole("region", { name: "Upcoming visits", exact: true }).getByRole("listitem");
    await card.getByText(descriptions.en, { exact: true }).waitFor();
    expect(await card.locator("p").allTextContents()).toEqual([
      descriptions.en,
      `${dates.enPage}Time: ${hours.en}`,
      `Address: ${ADDRESS}`,
    ]);

    await page.getByRole("radio", { name: "Français", exact: true }).check();
    await page.getByRole("heading", { level: 1, name: "Bonjour Camille", exact: true }).waitFor();
    const frenchCard = page
      .getByRole("region", { name: "Interventions à venir", exact: true })
      .getByRole("listitem");
    await frenchCard.getByText(descriptions.fr, { exact: true }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await frenchCard.locator("p").first().textContent()).toBe(descriptions.fr);
  });

  it("revoked customer is signed out at the next request", async () => {
    await adminPage.goto(`${server.url}/bu/${organization.businessUnitId}/customers/${customer.id}`);
    const access = adminPage.getByRole("switch", { name: /^Portal access/ });
    await access.waitFor();
    await access.uncheck();
    await adminPage.getByText("Camille Durand no longer has portal access.", { exact: true }).waitFor();
    const history = adminPage.getByRole("list", { name: "Audit history", exact: true });
    await history.getByRole("listitem").filter({ hasText: "Portal access revoked" }).waitFor();

    const page = customerPage;
    await page.getByRole("link", { name: TITLE, exact: true }).click();
    await page
      .getByText("Votre session est terminée. Connectez-vous à nouveau pour continuer.", { exact: true })
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/${slug}`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      `Connexion à l’espace client de ${COMPANY}`,
    );
    expect(await page.getByLabel("Adresse e-mail ou numéro de mobile", { exact: true }).isVisible()).toBe(
      true,
    );

    // The server deleted the session, so the cookie no longer opens anything.
    const session = await page.request.get(`${server.url}/portal-api/session`);
    expect(session.status()).toBe(401);
    expect(((await session.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    const home = await page.request.get(`${server.url}/portal-api/home`);
    expect(home.status()).toBe(401);
    await customerContext.close();
  });
});
