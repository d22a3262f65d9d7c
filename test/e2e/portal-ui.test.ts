import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type E2eDatabase, e2eDatabase, launchBrowser, type RunningServer, startServer } from "./harness.js";

/**
 * Browser tests of the portal's pages on phone-sized screens. A real server serves the built
 * pages, and `page.route` replaces `/portal-api` with a fake, so each test can produce the
 * responses it needs (rate limits, revoked access, several customers) and record what the pages
 * send.
 */

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  database = e2eDatabase();
  server = await startServer(database.environment);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

const company = {
  businessUnitId: "bu-1",
  slug: "acme",
  displayName: "Acme Heating",
  logoUrl: "/portal/icons/icon-192.png",
  timeZone: "Europe/Paris",
  contactPhone: "+33477001122",
  contactEmail: "contact@acme.example",
  address: "12 rue de la République\n69002 Lyon",
  informationHtml: "<p>Open <strong>Monday to Friday</strong>.</p>",
};

function signedIn(preview: { staffName: string } | null = null) {
  return {
    state: "signed_in",
    preview,
    canSwitch: false,
    customer: { id: "c-1", name: "Marie Dupont", firstName: "Marie", language: "fr", timeZone: null },
    company,
  };
}

const upcoming = {
  id: "a-1",
  reference: "A000001",
  title: "Boiler service",
  description: "Yearly maintenance",
  state: "scheduled",
  start: "2026-06-08T07:30:00Z",
  end: "2026-06-08T08:30:00Z",
  arrivalWindow: { start: "2026-06-08T07:00:00Z", end: "2026-06-08T09:00:00Z" },
  timeZone: "Europe/Paris",
  address: "5 place Bellecour, 69002 Lyon",
};
const detail = {
  ...upcoming,
  longDescription: "First line\nSecond line",
  worker: "Thomas Moreau",
  answers: [{ code: "boiler_model", label: "Boiler model", value: "Saunier Duval" }],
};

interface RecordedRequest {
  method: string;
  path: string;
  previewHeader: string | null;
  body: string | null;
}

/** State of the fake portal API of one page. */
interface FakePortal {
  session: object | null;
  /** Makes the next request of a signed-in customer fail with `portal_signed_out`. */
  revoked: boolean;
  requests: RecordedRequest[];
}

async function fakePortalApi(page: Page): Promise<FakePortal> {
  const fake: FakePortal = { session: null, revoked: false, requests: [] };

  await page.route("**/portal-api/**", async (route: Route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const previewHeader = request.headers()["x-rondo-preview"] ?? null;
    fake.requests.push({ method: request.method(), path, previewHeader, body: request.postData() });
    const body = request.postData() ? JSON.parse(request.postData() ?? "{}") : {};
    const reply = (status: number, json?: unknown) =>
      route.fulfill({
        status,
        contentType: "application/json",
        body: json === undefined ? "" : JSON.stringify(json),
      });
    const fail = (status: number, code: string, details?: object) =>
      reply(status, { error: { code, message: code, requestId: "request-1", details } });

    if (previewHeader !== null) {
      if (path === "/portal-api/session") return reply(200, signedIn({ staffName: "Alice Admin" }));
      if (path === "/portal-api/home") return reply(200, { upcoming: [upcoming], past: [] });
      if (path === "/portal-api/auth/sign-out") return fail(403, "preview_read_only");
    }
    if (fake.revoked && fake.session !== null) {
      fake.session = null;
      return fail(401, "portal_signed_out");
    }
    switch (path) {
      case "/portal-api/units/acme":
        return reply(200, {
          slug: "acme",
          displayName: company.displayName,
          logoUrl: null,
          loginChannels: "both",
        });
      case "/portal-api/units/no-such-company":
        return fail(404, "not_found");
      case "/portal-api/session":
        return fake.session === null ? fail(401, "unauthenticated") : reply(200, fake.session);
      case "/portal-api/auth/code":
        if (body.identifier === "0612") {
          const field = { path: "identifier", message: "missing trunk prefix", code: "missing_trunk_prefix" };
          return fail(400, "validation_failed", { fields: [field] });
        }
        if (body.identifier === "busy@example.com")
          return fail(429, "rate_limited", { retryAfterSeconds: 120 });
        return reply(202, { message: "If this address or number is registered, a code has been sent." });
      case "/portal-api/auth/verify":
        if (body.code !== "123456") return fail(401, "invalid_code");
        fake.session =
          body.identifier === "family@example.com"
            ? {
                state: "choose",
                choices: [
                  {
                    organizationId: "o-1",
                    customerId: "c-1",
                    customerName: "Marie Dupont",
                    companyName: "Acme Heating",
                    logoUrl: null,
                  },
                  {
                    organizationId: "o-2",
                    customerId: "c-2",
                    customerName: "Paul Dupont",
                    companyName: "Martin Plumbing",
                    logoUrl: null,
                  },
                ],
              }
            : signedIn();
        return reply(200, fake.session);
      case "/portal-api/auth/choose":
        fake.session = signedIn();
        return reply(200, fake.session);
      case "/portal-api/auth/link":
        if (body.token !== "good-token") return fail(400, "invalid_link");
        fake.session = signedIn();
        return reply(200, fake.session);
      case "/portal-api/auth/sign-out":
        fake.session = null;
        return reply(204);
    }
    if (fake.session === null) return fail(401, "unauthenticated");
    if (path === "/portal-api/home") return reply(200, { upcoming: [upcoming], past: [] });
    if (path === "/portal-api/activities/a-1") return reply(200, detail);
    return fail(404, "not_found");
  });
  return fake;
}

/**
 * Opens a phone-sized browser profile. It bypasses the page's CSP, which would block the inline
 * script that injects axe-core.
 */
function phoneContext(options: { locale?: string; timezoneId?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: options.locale ?? "en-GB",
    timezoneId: options.timezoneId ?? "Europe/Paris",
    viewport: { width: 375, height: 800 },
    bypassCSP: true,
    serviceWorkers: "block",
  });
}

/** Returns the serious and critical axe-core violations of the page, as "rule: element" lines. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate<AxeViolation[]>("axe.run().then((result) => result.violations)");
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")}`));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
}

function focusedLabel(page: Page): Promise<string | null> {
  return page.evaluate<string | null>(`(() => {
    const element = document.activeElement;
    return element?.id ? (document.querySelector(\`label[for="\${element.id}"]\`)?.textContent ?? null) : null;
  })()`);
}

describe("customer portal pages", () => {
  it("signs in with a code at a company's address", async () => {
    const context = await phoneContext({ timezoneId: "America/New_York" });
    const page = await context.newPage();
    const fake = await fakePortalApi(page);

    await page.goto(`${server.url}/portal/acme`);
    await page.getByRole("heading", { level: 1, name: "Sign in to Acme Heating" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);

    const identifier = page.getByLabel("Email or mobile phone number");
    expect(await identifier.getAttribute("autocomplete")).toBe("email");
    expect(await identifier.getAttribute("inputmode")).toBe("email");
    await identifier.fill("0612");
    await page.getByRole("button", { name: "Send me a code" }).click();
    await page.getByText("Type the full phone number, starting with 0 or +").waitFor();
    expect(await identifier.getAttribute("aria-invalid")).toBe("true");

    await identifier.fill("busy@example.com");
    await page.getByRole("button", { name: "Send me a code" }).click();
    await page.getByRole("alert").getByText("Too many requests. Try again in 2 minutes.").waitFor();

    await identifier.fill("marie@example.com");
    await page.getByRole("button", { name: "Send me a code" }).click();
    const code = page.getByLabel("6-digit code");
    await code.waitFor();
    expect(await focusedLabel(page)).toBe("6-digit code");
    expect(await code.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await code.getAttribute("inputmode")).toBe("numeric");
    await page.getByRole("status").getByText("If marie@example.com is registered").waitFor();
    const resend = page.getByRole("button", { name: /^Send a new code in \d+ seconds$/ });
    expect(await resend.isDisabled()).toBe(true);
    const sent = fake.requests.filter((request) => request.path === "/portal-api/auth/code");
    expect(JSON.parse(sent.at(-1)?.body ?? "{}")).toEqual({ identifier: "marie@example.com", slug: "acme" });

    await code.fill("000000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("The code is wrong or has expired.").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await code.fill("123456");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Hello, Marie" }).waitFor();
    const card = page.getByRole("listitem").filter({ hasText: "Boiler service" });
    expect(await card.textContent()).toContain("Arrival window: 09:00–11:00 (Paris time)");
    expect(await card.textContent()).toContain("Monday, 8 June 2026");
    expect(await page.getByRole("link", { name: "+33 4 77 00 11 22" }).getAttribute("href")).toBe(
      "tel:+33477001122",
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);

    await page.getByRole("link", { name: "Boiler service" }).click();
    await page.getByRole("heading", { level: 1, name: "Boiler service" }).waitFor();
    expect(await page.evaluate<string>("document.activeElement?.tagName")).toBe("H1");
    expect(await page.getByText("Saunier Duval").isVisible()).toBe(true);
    expect(await page.getByText("Thomas Moreau").isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await context.close();
  });

  it("names no zone when the device shares it", async () => {
    const context = await phoneContext({ locale: "fr-FR", timezoneId: "Europe/Paris" });
    const page = await context.newPage();
    const fake = await fakePortalApi(page);
    fake.session = signedIn();

    await page.goto(`${server.url}/portal`);
    await page.getByRole("heading", { level: 1, name: "Bonjour Marie" }).waitFor();
    const card = page.getByRole("listitem").filter({ hasText: "Boiler service" });
    expect(await card.textContent()).toContain("lundi 8 juin 2026");
    expect(await card.textContent()).not.toContain("heure de Paris");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("radio", { name: "English" }).check();
    await page.getByRole("heading", { level: 1, name: "Hello, Marie" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.evaluate<string | null>('localStorage.getItem("rondo.language")')).toBe("en");
    await context.close();
  });

  it("lets a shared phone choose a customer", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    const fake = await fakePortalApi(page);

    await page.goto(`${server.url}/portal`);
    await page.getByLabel("Email or mobile phone number").fill("family@example.com");
    await page.getByRole("button", { name: "Send me a code" }).click();
    await page.getByLabel("6-digit code").fill("123456");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Choose an account" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: /Martin Plumbing/ }).click();
    await page.getByRole("heading", { level: 1, name: "Hello, Marie" }).waitFor();
    const chosen = fake.requests.find((request) => request.path === "/portal-api/auth/choose");
    expect(JSON.parse(chosen?.body ?? "{}")).toEqual({ organizationId: "o-2", customerId: "c-2" });
    await context.close();
  });

  it("sends a sign-in link's token only on click", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    const fake = await fakePortalApi(page);

    await page.goto(`${server.url}/portal/sign-in#token=good-token`);
    await page.getByRole("heading", { level: 1, name: "Sign in to your customer portal" }).waitFor();
    await page.waitForTimeout(500);
    expect(fake.requests).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Hello, Marie" }).waitFor();
    expect(fake.requests[0]).toMatchObject({ path: "/portal-api/auth/link", body: '{"token":"good-token"}' });
    expect(new URL(page.url()).pathname).toBe("/portal/acme");
    await context.close();
  });

  it("sends the preview token on every request", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    const fake = await fakePortalApi(page);

    await page.goto(`${server.url}/portal/preview#token=preview-token`);
    await page.getByRole("heading", { level: 1, name: "Hello, Marie" }).waitFor();
    expect(page.url()).not.toContain("preview-token");
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.every((request) => request.previewHeader === "preview-token")).toBe(true);

    const banner = page.getByRole("region", { name: "Preview" });
    expect(await banner.textContent()).toBe(
      "Preview: you see the portal as Marie Dupont sees it. Actions are disabled.",
    );
    expect(await page.getByRole("button", { name: "Sign out" }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("signs out a customer whose access was revoked", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    const fake = await fakePortalApi(page);
    fake.session = signedIn();

    await page.goto(`${server.url}/portal/acme`);
    await page.getByRole("heading", { level: 1, name: "Hello, Marie" }).waitFor();
    fake.revoked = true;
    await page.getByRole("link", { name: "Boiler service" }).click();

    await page.getByText("Your session has ended. Sign in again to continue.").waitFor();
    expect(new URL(page.url()).pathname).toBe("/portal/acme");
    expect(await page.getByLabel("Email or mobile phone number").isVisible()).toBe(true);
    await context.close();
  });

  it("explains an unknown portal address", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await fakePortalApi(page);

    await page.goto(`${server.url}/portal/no-such-company`);
    await page.getByRole("heading", { level: 1, name: "This portal address does not exist" }).waitFor();
    expect(await page.getByRole("link", { name: "Go to the portal sign-in page" }).getAttribute("href")).toBe(
      "/portal",
    );
    expect(await seriousViolations(page)).toEqual([]);
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
    expect(offline.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("shows the offline page without a network", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await fakePortalApi(page);

    await page.goto(`${server.url}/portal/acme`);
    const scope = await page.evaluate<string>(
      "navigator.serviceWorker.ready.then((registration) => registration.scope)",
    );
    expect(scope).toBe(`${server.url}/portal/`);
    await page.reload();
    await page.getByRole("heading", { level: 1 }).waitFor();

    await context.setOffline(true);
    await page.goto(`${server.url}/portal/activities/a-1`);
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
