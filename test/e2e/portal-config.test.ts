import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestCustomer,
  createTestOrganization,
  TEST_PASSWORD,
  type TestOrganization,
} from "../helpers/factories.js";
import { type E2eDatabase, e2eDatabase, launchBrowser, type RunningServer, startServer } from "./harness.js";

/**
 * Browser tests of the back-office screens that configure the customer portal. They cover the
 * unit's settings with its logo and bulk access, and an activity type's portal texts with the
 * code picker and the live preview. They also cover a form field shown on the portal, and a
 * customer's access, preview and audit history.
 */

const ZONE = "Europe/Paris";

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

/** A field of the type's activity form, whose answer the portal texts may insert as `{form.boiler_model}`. */
const BOILER_MODEL_FIELD = {
  code: "boiler_model",
  type: "short_text",
  label: { en: "Boiler model", fr: "Modèle de chaudière" },
  required: false,
};

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
/** An organization of its own whose unit already uses the slug `takenSlug`. */
let otherOrganization: TestOrganization;
let takenSlug = "";
let slug = "";
/** Camille Durand, customer of the first activity, A000001. */
let customerId = "";
let typeId = "";

async function apiSignIn(email: string): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

async function callApi<T>(
  cookie: string,
  buId: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${server.url}/api/business-units/${buId}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

beforeAll(async () => {
  database = e2eDatabase();
  ({ organization, otherOrganization, customerId } = await database.prepare(async (context) => {
    const organization = await createTestOrganization(context);
    const otherOrganization = await createTestOrganization(context);
    const camille = await createTestCustomer(context, organization, { displayName: "Camille Durand" });
    await createTestCustomer(context, organization, { displayName: "Paul Martin" });
    await createTestCustomer(context, organization, { displayName: "Léa Petit" });
    return { organization, otherOrganization, customerId: camille.id };
  }));
  // Slugs are unique across Rondo, and a PostgreSQL test database is shared with other test files.
  slug = `plomberie-${organization.suffix.toLowerCase()}`;
  takenSlug = `pris-${otherOrganization.suffix.toLowerCase()}`;
  server = await startServer(database.environment);
  browser = await launchBrowser();

  const otherCookie = await apiSignIn(otherOrganization.admin.email);
  await callApi(otherCookie, otherOrganization.businessUnitId, "PUT", "/portal", {
    enabled: true,
    slug: takenSlug,
  });

  const cookie = await apiSignIn(organization.admin.email);
  const type = await callApi<{ id: string }>(cookie, organization.businessUnitId, "POST", "/activity-types", {
    name: "Entretien chaudière",
    colour: "#e8590c",
    defaultDurationMinutes: 60,
    activityForm: { fields: [BOILER_MODEL_FIELD] },
  });
  typeId = type.id;
  await callApi(cookie, organization.businessUnitId, "POST", "/activities", {
    activityTypeId: typeId,
    customerId,
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

/**
 * Signs the admin in, in an English browser profile that can reach the test server only. The
 * profile ignores the content security policy, so that axe-core can run in the page.
 */
async function signInAdmin(): Promise<Page> {
  const context = await browser.newContext({
    locale: "en-GB",
    viewport: { width: 1280, height: 800 },
    bypassCSP: true,
  });
  await context.route(
    (url) => url.origin !== server.url,
    (route) => route.abort(),
  );
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(organization.admin.email);
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

async function readApi<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(
    `${server.url}/api/business-units/${organization.businessUnitId}${path}`,
  );
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

async function openPortalSettings(page: Page): Promise<void> {
  await page.goto(`${server.url}/bu/${organization.businessUnitId}/settings?tab=portal`);
  await page.getByRole("switch", { name: /^Customer portal enabled/ }).waitFor();
}

interface PortalConfig {
  enabled: boolean;
  slug: string | null;
  displayName: string;
  logoUrl: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  address: string | null;
  information: string;
  informationHtml: string;
  accessByDefault: boolean;
  loginChannels: string;
  portalUrl: string;
  customerCount: number;
  customersWithAccess: number;
}

describe("portal configuration screens", () => {
  it("saves the unit's portal settings", async () => {
    const page = await signInAdmin();
    await openPortalSettings(page);
    const address = page.getByTestId("portal-address");
    expect(await address.textContent()).toBe(`${server.url}/portal`);

    await page.getByRole("switch", { name: /^Customer portal enabled/ }).check();
    await page.getByRole("textbox", { name: "Company name shown", exact: true }).fill("Plomberie Martin");
    const slugInput = page.getByRole("textbox", { name: "Portal address", exact: true });
    await slugInput.fill("-bad-");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page
      .getByText(
        "Use 3 to 40 characters: lowercase letters, digits and single hyphens, with no hyphen at either end.",
        {
          exact: true,
        },
      )
      .waitFor();

    // A slug that another company uses is rejected by the server, under the slug field.
    await slugInput.fill(takenSlug);
    expect(await address.textContent()).toBe(`${server.url}/portal/${takenSlug}`);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page
      .getByText("Another company already uses this portal address. Choose another one.", { exact: true })
      .waitFor();
    expect(await slugInput.getAttribute("aria-invalid")).toBe("true");

    await slugInput.fill(slug);
    expect(await address.textContent()).toBe(`${server.url}/portal/${slug}`);
    await page.getByText("This address works once the settings are saved.", { exact: true }).waitFor();
    await page.getByRole("textbox", { name: "Phone", exact: true }).fill("01 23 45 67 89");
    await page.getByRole("textbox", { name: "Email", exact: true }).fill("contact@plomberie.example");
    await page.getByRole("textbox", { name: "Address", exact: true }).fill("12 rue de la Paix\n75002 Paris");
    await page
      .getByRole("textbox", { name: "Information for customers", exact: true })
      .fill("Bonjour **à tous** <b>!</b>\n\n- Entretien annuel\n- Dépannage");
    await page.getByRole("switch", { name: /^New customers get portal access/ }).check();
    await page.getByRole("radio", { name: "By email only", exact: true }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Portal settings saved.", { exact: true }).waitFor();

    const saved = await readApi<PortalConfig>(page, "/portal");
    expect(saved.enabled).toBe(true);
    expect(saved.slug).toBe(slug);
    expect(saved.displayName).toBe("Plomberie Martin");
    expect(saved.contactPhone).toBe("+33123456789");
    expect(saved.contactEmail).toBe("contact@plomberie.example");
    expect(saved.address).toBe("12 rue de la Paix\n75002 Paris");
    expect(saved.accessByDefault).toBe(true);
    expect(saved.loginChannels).toBe("email");
    expect(saved.portalUrl).toBe(`${server.url}/portal/${slug}`);

    // The form shows the values as the server stored them, and the information as rendered.
    expect(await page.getByRole("textbox", { name: "Phone", exact: true }).inputValue()).toBe("+33123456789");
    expect(await address.textContent()).toBe(`${server.url}/portal/${slug}`);
    expect(await page.getByText("This address works once the settings are saved.").count()).toBe(0);
    const preview = page.getByTestId("portal-information-preview");
    expect(await preview.locator("strong").textContent()).toBe("à tous");
    expect(await preview.locator("b").count(), "typed HTML is shown as text").toBe(0);
    expect(await preview.locator("p").first().textContent()).toBe("Bonjour à tous <b>!</b>");
    expect(await preview.getByRole("listitem").allTextContents()).toEqual(["Entretien annuel", "Dépannage"]);
    expect(await seriousViolations(page)).toEqual([]);

    // Access for new customers is the unit's setting, which the General tab no longer shows.
    const unit = await readApi<{ portalAccessByDefault: boolean }>(page, "");
    expect(unit.portalAccessByDefault).toBe(true);
    await page.getByRole("tab", { name: "General", exact: true }).click();
    await page.getByRole("textbox", { name: "Code", exact: true }).waitFor();
    expect(await page.getByRole("switch", { name: /^New customers get portal access/ }).count()).toBe(0);
    await page.context().close();
  });

  it("uploads and removes the logo", async () => {
    const page = await signInAdmin();
    await openPortalSettings(page);
    await page.getByText("No logo yet. The portal shows only the company name.", { exact: true }).waitFor();
    const fileInput = page.getByLabel("Upload a logo", { exact: true });

    await fileInput.setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("not an image"),
    });
    await page
      .getByText("This file is not a PNG, JPEG or WebP image. Choose an image in one of these formats.", {
        exact: true,
      })
      .waitFor();
    const tooLarge = Buffer.alloc(2 * 1024 * 1024 + 1);
    await fileInput.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: tooLarge });
    await page
      .getByText("This image is larger than 2 MB. Choose a smaller image.", { exact: true })
      .waitFor();

    const png = await sharp({
      create: { width: 64, height: 32, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 1 } },
    })
      .png()
      .toBuffer();
    await fileInput.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
    await page.getByText("Logo uploaded.", { exact: true }).waitFor();
    const logo = page.getByRole("img", { name: "Logo of Plomberie Martin", exact: true });
    await logo.waitFor();
    const source = (await logo.getAttribute("src")) ?? "";
    expect(source).toMatch(new RegExp(`^/portal-api/logos/${organization.businessUnitId}/[0-9a-f-]+$`));
    const image = await page.request.get(`${server.url}${source}`);
    expect(image.status()).toBe(200);
    expect(image.headers()["content-type"]).toBe("image/png");
    expect((await sharp(await image.body()).metadata()).format).toBe("png");
    expect((await readApi<PortalConfig>(page, "/portal")).logoUrl).toBe(source);

    await page.getByRole("button", { name: "Remove the logo", exact: true }).click();
    await page.getByText("Logo removed.", { exact: true }).waitFor();
    await page.getByText("No logo yet. The portal shows only the company name.", { exact: true }).waitFor();
    expect((await readApi<PortalConfig>(page, "/portal")).logoUrl).toBeNull();

    // The logo stays for the other tests and for a look at the portal.
    await page.getByLabel("Upload a logo", { exact: true }).setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: png,
    });
    await page.getByRole("img", { name: "Logo of Plomberie Martin", exact: true }).waitFor();
    await page.getByLabel("Replace the logo", { exact: true }).waitFor();
    await page.context().close();
  });

  it("grants access to all customers", async () => {
    const page = await signInAdmin();
    await openPortalSettings(page);
    const counts = page.getByTestId("portal-access-counts");
    expect(await counts.textContent()).toBe("Customers with portal access: 0 of 3.");

    await page.getByRole("button", { name: "Grant access to all existing customers", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Grant portal access to all customers?", exact: true });
    await dialog.waitFor();
    await dialog
      .getByText(
        `3 customers of Paris ${organization.suffix} get portal access now. Afterwards every customer of the unit has it (3 in all).`,
        { exact: true },
      )
      .waitFor();
    await dialog.getByRole("button", { name: "Grant access to 3 customers", exact: true }).click();
    await page.getByText("Portal access granted to 3 customers.", { exact: true }).waitFor();
    await counts.filter({ hasText: "Customers with portal access: 3 of 3." }).waitFor();
    expect(await counts.textContent()).toBe("Customers with portal access: 3 of 3.");
    expect(
      await page
        .getByRole("button", { name: "Grant access to all existing customers", exact: true })
        .isDisabled(),
    ).toBe(true);

    const saved = await readApi<PortalConfig>(page, "/portal");
    expect(saved.customersWithAccess).toBe(3);
    const customer = await readApi<{ portalAccess: boolean }>(page, `/customers/${customerId}`);
    expect(customer.portalAccess).toBe(true);
    await page.context().close();
  });

  it("writes a type's portal texts with codes", async () => {
    const page = await signInAdmin();
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/catalog/${typeId}?tab=portal`);
    const shown = page.getByRole("switch", { name: /^Shown on the portal/ });
    await shown.waitFor();
    await shown.check();

    const picker = page.getByRole("group", { name: "Replacement codes", exact: true });
    await picker.getByRole("button", { name: "{form.boiler_model}", exact: true }).waitFor();
    expect(
      await picker
        .getByText("Answer to the activity form field “Boiler model”; empty when not answered")
        .count(),
    ).toBe(1);

    const title = page.getByRole("textbox", { name: "Displayed title", exact: true });
    await title.fill("Visite pour ");
    await picker.getByRole("button", { name: "{customer.name}", exact: true }).click();
    expect(await title.inputValue()).toBe("Visite pour {customer.name}");

    const description = page.getByRole("textbox", { name: "Description", exact: true });
    await description.fill("Référence ");
    await picker.getByRole("button", { name: "{activity.reference}", exact: true }).click();
    expect(await description.inputValue()).toBe("Référence {activity.reference}");

    const longDescription = page.getByRole("textbox", { name: "Long description", exact: true });
    await longDescription.fill("Merci {activity.dat}");
    await page
      .getByRole("combobox", { name: "Activity used for the preview", exact: true })
      .selectOption({ label: "A000001 · Camille Durand" });

    // The preview fills the codes from A000001 and points at the unknown code under its field. The
    // unknown code renders empty, and a line whose codes are all empty is left out.
    const preview = page.getByTestId("portal-display-preview");
    const problem =
      "Line 1, column 7: unknown replacement code {activity.dat}. Did you mean {activity.date}?";
    await page.getByText(problem, { exact: true }).waitFor();
    await preview.locator("dd").first().filter({ hasText: "Visite pour Camille Durand" }).waitFor();
    expect(await preview.locator("dd").allTextContents()).toEqual([
      "Visite pour Camille Durand",
      "Référence A000001",
      "(empty)",
    ]);
    await page.getByText("Codes filled in from A000001.", { exact: true }).waitFor();

    // The server rejects the unknown code on save, under the same field.
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page
      .getByText("The portal display was not saved. Correct the problems shown under the texts.", {
        exact: true,
      })
      .waitFor();
    expect(await longDescription.getAttribute("aria-invalid")).toBe("true");

    await longDescription.fill("Merci de votre confiance.\nModèle : {form.boiler_model}");
    await page.getByText(problem, { exact: true }).waitFor({ state: "detached" });
    await preview.locator("dd").nth(2).filter({ hasText: "Merci de votre confiance." }).waitFor();
    expect(await preview.locator("dd").nth(2).textContent()).toBe("Merci de votre confiance.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Portal display saved.", { exact: true }).waitFor();

    const display = await readApi<{
      shown: boolean;
      title: string;
      description: string;
      longDescription: string;
    }>(page, `/activity-types/${typeId}/portal-display`);
    expect(display.shown).toBe(true);
    expect(display.title).toBe("Visite pour {customer.name}");
    expect(display.description).toBe("Référence {activity.reference}");
    expect(display.longDescription).toBe("Merci de votre confiance.\nModèle : {form.boiler_model}");
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it("marks a form field visible on the portal", async () => {
    const page = await signInAdmin();
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/catalog/${typeId}?tab=activityForm`);
    await page.getByRole("button", { name: "Edit “Boiler model”", exact: true }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("checkbox", { name: /^Visible to the customer on the portal/ }).check();
    await dialog.getByRole("button", { name: "Apply", exact: true }).click();
    await page.getByText("Visible on the portal", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Save activity form", exact: true }).click();
    await page.getByText("Activity form saved.", { exact: true }).waitFor();

    const type = await readApi<{ activityForm: { fields: { code: string; showOnPortal?: boolean }[] } }>(
      page,
      `/activity-types/${typeId}`,
    );
    expect(type.activityForm.fields[0]?.showOnPortal).toBe(true);
    await page.context().close();
  });

  it("previews a customer's portal with an audit entry", async () => {
    const page = await signInAdmin();
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/customers/${customerId}`);
    const access = page.getByRole("switch", { name: /^Portal access/ });
    await access.waitFor();
    expect(await access.isChecked()).toBe(true);
    await page.getByText("No event recorded yet.", { exact: true }).waitFor();

    const popup = page.waitForEvent("popup");
    await page.getByRole("button", { name: "Preview the portal as this customer", exact: true }).click();
    const tab = await popup;
    expect(tab.url()).toMatch(new RegExp(`^${server.url}/portal/preview#token=[A-Za-z0-9_-]+$`));
    expect(await tab.evaluate<boolean>("window.opener === null")).toBe(true);
    await tab.close();

    const history = page.getByRole("list", { name: "Audit history", exact: true });
    await history.getByRole("listitem").first().waitFor();
    const { events } = await readApi<{ events: { action: string; createdAt: string }[] }>(
      page,
      `/customers/${customerId}/audit`,
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
    // Only the portal section is checked, because the map's attribution link fails the
    // link-in-text-block rule, which concerns the location panel.
    expect(await seriousViolations(page, 'section[aria-labelledby="customer-portal"]')).toEqual([]);

    await access.uncheck();
    await page.getByText("Camille Durand no longer has portal access.", { exact: true }).waitFor();
    const customer = await readApi<{ portalAccess: boolean }>(page, `/customers/${customerId}`);
    expect(customer.portalAccess).toBe(false);
    await page.context().close();
  });
});
