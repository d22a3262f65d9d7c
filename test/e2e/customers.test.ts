import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTestMember,
  createTestCustomer,
  createTestOrganization,
  TEST_PASSWORD,
  type TestOrganization,
} from "../helpers/factories.js";
import {
  type E2eDatabase,
  e2eDatabase,
  launchBrowser,
  newContext,
  type RunningServer,
  startServer,
} from "./harness.js";

const fixtures = join(import.meta.dirname, "..", "fixtures", "csv");
/** Excel's "CSV (semicolon)" export in Windows-1252, with decimal commas: 3 customers. */
const WINDOWS_1252_FILE = join(fixtures, "excel-windows-1252.csv");
/** A UTF-8 file with a byte order mark glued to its first header, "email": 1 customer. */
const UTF8_BOM_FILE = join(fixtures, "bom-utf8-semicolon.csv");

/**
 * The map's tile URL. It points at a closed port of this machine, so the browser never fetches
 * tiles from the internet. The map works without them.
 */
const NO_TILES_URL = "https://127.0.0.1:9/tiles/{z}/{x}/{y}.png";

/** Coordinates of the Paris business unit of `createTestOrganization`, where a map without a pin opens. */
const UNIT_LATITUDE = 48.8606;
const UNIT_LONGITUDE = 2.3376;

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
let worker: { id: string; email: string };
let unlocated: { id: string; reference: string };

beforeAll(async () => {
  database = e2eDatabase();
  ({ organization, worker, unlocated } = await database.prepare(async (context) => {
    const organization = await createTestOrganization(context);
    const worker = await addTestMember(context, organization, ["field_worker"], {
      name: "Noé Field",
      passwordChosen: true,
    });
    const unlocated = await createTestCustomer(context, organization, {
      displayName: "Camille Durand",
      city: "Lyon",
      latitude: null,
      longitude: null,
    });
    return { organization, worker, unlocated };
  }));
  server = await startServer({ ...database.environment, MAP_TILE_URL: NO_TILES_URL });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

/** Opens a page in a new browser profile that can reach the test server only. */
async function openPage(options: { locale?: string; width?: number } = {}): Promise<Page> {
  const context = await newContext(browser, options);
  await context.route(
    (url) => url.origin !== server.url,
    (route) => route.abort(),
  );
  return context.newPage();
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/bu\//);
  await page.getByRole("heading", { level: 1 }).waitFor();
}

/** Reads JSON from the unit's API with the browser page's session cookie. */
async function readApi<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(
    `${server.url}/api/business-units/${organization.businessUnitId}${path}`,
  );
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

interface CustomerRecord {
  id: string;
  reference: string;
  displayName: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  located: boolean;
}

async function findCustomers(page: Page, q: string): Promise<CustomerRecord[]> {
  const list = await readApi<{ items: CustomerRecord[] }>(page, `/customers?q=${encodeURIComponent(q)}`);
  return list.items;
}

/** Opens the import wizard from the customer list and previews a file. */
async function previewFile(page: Page, file: string): Promise<void> {
  await page.getByRole("link", { name: "Customers", exact: true }).click();
  await page.getByRole("heading", { name: "Customers", exact: true, level: 1 }).waitFor();
  await page.getByRole("link", { name: "Import", exact: true }).click();
  await page.getByRole("heading", { name: "Step 1 of 3: Choose a file", exact: true }).waitFor();

  const chooser = page.waitForEvent("filechooser");
  await page.getByLabel("Customer file", { exact: true }).click();
  await (await chooser).setFiles(file);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await page.getByRole("heading", { name: "Step 2 of 3: Check the preview", exact: true }).waitFor();
}

/** Returns the text of the element that has the keyboard focus. */
function focusedText(page: Page): Promise<string> {
  // A string, because the test code is type-checked without the DOM library.
  return page.evaluate<string>("document.activeElement?.textContent ?? ''");
}

describe("customer screens", () => {
  it("imports Excel Windows-1252 file", async () => {
    const page = await openPage();
    await signIn(page, organization.admin.email);
    await previewFile(page, WINDOWS_1252_FILE);
    expect(await focusedText(page)).toBe("Step 2 of 3: Check the preview");

    // How the file was read: encoding, separator, rows, rows with errors.
    expect(await page.getByRole("definition").allTextContents()).toEqual([
      "Windows-1252",
      "Semicolon (;)",
      "3",
      "0",
    ]);
    const mapping = {
      nom: "Last name",
      prenom: "First name",
      email: "Email",
      telephone: "Phone",
      ville: "City",
      latitude: "Latitude",
      longitude: "Longitude",
    };
    for (const [header, field] of Object.entries(mapping)) {
      const select = page.getByRole("combobox", { name: `Import column "${header}" as`, exact: true });
      expect(await select.inputValue(), header).toBe(field);
    }
    const firstRow = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "2", exact: true }) });
    expect(await firstRow.getByRole("cell").allTextContents()).toEqual([
      "ReadyHélène Fabre",
      "",
      "Fabre",
      "Hélène",
      "helene.fabre@example.org",
      "04 77 00 11 22",
      "Saint-Étienne",
      "45,4397",
      "4,3872",
    ]);

    expect(await page.getByRole("radio", { name: "Create", exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole("radio", { name: "Update", exact: true }).isDisabled()).toBe(true);
    expect(await page.getByText("In this mode, the import would", { exact: false }).textContent()).toBe(
      "In this mode, the import would create 3, update 0, skip 0 and reject 0 of the 3 rows.",
    );

    await page.getByRole("button", { name: "Start the import", exact: true }).click();
    await page.getByRole("heading", { name: "Step 3 of 3: Import", exact: true }).waitFor();
    const summary = page.getByRole("status").filter({ hasText: "Import finished" });
    await summary.waitFor();
    expect(await summary.textContent()).toBe("Import finished: 3 created, 0 updated, 0 skipped, 0 rejected.");
    expect(await page.getByRole("term").allTextContents()).toEqual([
      "Created",
      "Updated",
      "Skipped",
      "Rejected",
    ]);
    expect(await page.getByRole("definition").allTextContents()).toEqual(["3", "0", "0", "0"]);

    const reportLink = page.getByRole("link", { name: "Download the report (CSV)", exact: true });
    const report = await page.request.get(`${server.url}${await reportLink.getAttribute("href")}`);
    expect(report.status()).toBe(200);
    expect((await report.text()).split("\r\n")[0]).toBe(
      "\ufeffLine;Outcome;Reference;Severity;Column;Value;Code;Message;nom;prenom;email;telephone;ville;latitude;longitude",
    );

    const [helene] = await findCustomers(page, "Hélène Fabre");
    expect(helene?.displayName).toBe("Hélène Fabre");
    expect(helene?.city).toBe("Saint-Étienne");
    expect(helene?.latitude).toBe(45.4397);
    expect(helene?.longitude).toBe(4.3872);
    expect(helene?.phone).toBe("+33477001122");
    expect(helene?.email).toBe("helene.fabre@example.org");
    const [zoe] = await findCustomers(page, "zoe.boeuf@example.org");
    expect(zoe?.displayName).toBe("Zoé Bœuf");
    expect(zoe?.longitude).toBe(-0.5792);
    await page.context().close();
  });

  it("imports UTF-8 file with BOM", async () => {
    const page = await openPage();
    await signIn(page, organization.admin.email);
    await previewFile(page, UTF8_BOM_FILE);

    expect(await page.getByRole("definition").allTextContents()).toEqual([
      "UTF-8 with byte order mark (BOM)",
      "Semicolon (;)",
      "1",
      "0",
    ]);
    const emailColumn = page.getByRole("combobox", { name: 'Import column "email" as', exact: true });
    expect(await emailColumn.inputValue()).toBe("Email");

    await page.getByRole("button", { name: "Start the import", exact: true }).click();
    const summary = page.getByRole("status").filter({ hasText: "Import finished" });
    await summary.waitFor();
    expect(await summary.textContent()).toBe("Import finished: 1 created, 0 updated, 0 skipped, 0 rejected.");

    const [lea] = await findCustomers(page, "lea.dupre@example.com");
    expect(lea?.email).toBe("lea.dupre@example.com");
    expect(lea?.displayName).toBe("Léa Dupré-Hébert");
    expect(lea?.phone).toBe("+33612345678");
    expect(lea?.latitude).toBe(48.6238);
    expect(lea?.longitude).toBe(2.441);
    await page.context().close();
  });

  it("places pin by clicking map", async () => {
    const page = await openPage();
    await signIn(page, organization.admin.email);
    await page.getByRole("link", { name: "Customers", exact: true }).click();
    // The filter lives in the URL, which the router updates in a transition, so the box is checked a moment later.
    const notLocatedOnly = page.getByRole("checkbox", { name: "Not located", exact: true });
    await notLocatedOnly.click();
    await expect.poll(() => notLocatedOnly.isChecked()).toBe(true);
    await page.getByLabel("Search customers", { exact: true }).fill("Camille");
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: "Camille Durand", exact: true }) });
    await row.waitFor();
    expect(await row.getByRole("cell").allTextContents()).toEqual([unlocated.reference, "Lyon", "", ""]);
    expect(await row.getByRole("rowheader").textContent()).toBe("Camille DurandNot located");

    await page.getByRole("link", { name: "Camille Durand", exact: true }).click();
    await page.getByRole("heading", { name: "Camille Durand", exact: true, level: 1 }).waitFor();
    const notice = page.getByText(
      "This customer has no position on the map, so travel estimates leave them out and they cannot book visits on the portal. Place the pin to include them.",
      { exact: true },
    );
    expect(await notice.isVisible()).toBe(true);

    // The map opens on the business unit. Its tiles do not load here, and clicks do not need them.
    await page.getByRole("region", { name: "Map of the position of Camille Durand", exact: true }).click();
    const latitude = page.getByLabel("Latitude", { exact: true });
    const longitude = page.getByLabel("Longitude", { exact: true });
    await expect.poll(() => latitude.inputValue()).not.toBe("");
    const shownLatitude = Number(await latitude.inputValue());
    const shownLongitude = Number(await longitude.inputValue());
    expect(Math.abs(shownLatitude - UNIT_LATITUDE)).toBeLessThan(0.01);
    expect(Math.abs(shownLongitude - UNIT_LONGITUDE)).toBeLessThan(0.01);

    await page.getByRole("button", { name: "Save location", exact: true }).click();
    await notice.waitFor({ state: "detached" });
    const saved = await readApi<CustomerRecord>(page, `/customers/${unlocated.id}`);
    expect(saved.latitude).toBe(shownLatitude);
    expect(saved.longitude).toBe(shownLongitude);
    expect(saved.located).toBe(true);
    await page.context().close();
  });

  it("shows server error under phone", async () => {
    const page = await openPage();
    await signIn(page, organization.admin.email);
    await page.goto(`${server.url}/bu/${organization.businessUnitId}/customers/${unlocated.id}`);
    const phone = page.getByLabel("Phone", { exact: true });
    await phone.fill("612345678");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const message = page.getByText('"612345678" lacks the leading 0', { exact: false });
    await message.waitFor();
    expect(await message.textContent()).toBe(
      '"612345678" lacks the leading 0 of a national number. Type the full number, such as 06 12 34 56 78, or start with + and the country code.',
    );
    expect(await phone.getAttribute("aria-invalid")).toBe("true");

    await phone.fill("04 72 00 11 22");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect
      .poll(async () => (await readApi<CustomerRecord>(page, `/customers/${unlocated.id}`)).phone)
      .toBe("+33472001122");
    await page.context().close();
  });

  it("previews and dry-runs in French", async () => {
    const page = await openPage();
    await signIn(page, organization.admin.email);
    await page.getByRole("radio", { name: "Français", exact: true }).check();
    await page.getByRole("link", { name: "Clients", exact: true }).click();
    await page.getByRole("link", { name: "Importer", exact: true }).click();
    const chooser = page.waitForEvent("filechooser");
    await page.getByLabel("Fichier de clients", { exact: true }).click();
    await (await chooser).setFiles(WINDOWS_1252_FILE);
    await page.getByRole("button", { name: "Continuer", exact: true }).click();
    await page.getByRole("heading", { name: "Étape 2 sur 3 : Vérifier l’aperçu", exact: true }).waitFor();
    expect(await page.getByRole("definition").allTextContents()).toEqual([
      "Windows-1252",
      "Point-virgule (;)",
      "3",
      "0",
    ]);

    // Mapping a column to the reference requests a new preview, which enables the update modes.
    const update = page.getByRole("radio", { name: "Mettre à jour", exact: true });
    expect(await update.isDisabled()).toBe(true);
    await page.getByRole("combobox", { name: "Importer la colonne « email » comme", exact: true }).click();
    await page.getByRole("option", { name: "Référence", exact: true }).click();
    await expect.poll(() => update.isDisabled()).toBe(false);

    const before = await readApi<{ total: number }>(page, "/customers");
    await page.getByRole("checkbox", { name: "Simulation", exact: true }).check();
    await page.getByRole("button", { name: "Lancer la simulation", exact: true }).click();
    const summary = page.getByRole("status").filter({ hasText: "Simulation terminée" });
    await summary.waitFor();
    expect(await summary.textContent()).toBe(
      "Simulation terminée : 3 seraient créés, 0 mis à jour, 0 ignorés, 0 rejetés.",
    );
    expect((await readApi<{ total: number }>(page, "/customers")).total).toBe(before.total);

    // The switch saved French to the account; English again keeps the next tests in English.
    await page.getByRole("radio", { name: "English", exact: true }).check();
    await expect
      .poll(async () => {
        const session = await page.request.get(`${server.url}/api/session`);
        return ((await session.json()) as { user: { language: string } }).user.language;
      })
      .toBe("en");
    await page.context().close();
  });

  it("field worker reads without editing", async () => {
    const page = await openPage();
    await signIn(page, worker.email);
    await page.getByRole("link", { name: "Customers", exact: true }).click();
    await page.getByRole("heading", { name: "Customers", exact: true, level: 1 }).waitFor();
    await page.getByRole("link", { name: "Camille Durand", exact: true }).waitFor();
    expect(await page.getByRole("link", { name: "Import", exact: true }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "New customer", exact: true }).count()).toBe(0);

    await page.getByRole("link", { name: "Camille Durand", exact: true }).click();
    await page.getByRole("heading", { name: "Camille Durand", exact: true, level: 1 }).waitFor();
    expect(await page.getByLabel("City", { exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Save", exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Save location", exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it("customer screens fit 375 px", async () => {
    const page = await openPage({ width: 375 });
    await signIn(page, organization.admin.email);
    // A string, because the test code is type-checked without the DOM library.
    const pageWidth = () => page.evaluate<number>("document.documentElement.scrollWidth");

    await page.goto(`${server.url}/bu/${organization.businessUnitId}/customers`);
    await page.getByRole("link", { name: "Camille Durand", exact: true }).waitFor();
    expect(await pageWidth()).toBe(375);

    await page.getByRole("link", { name: "Camille Durand", exact: true }).click();
    await page.getByRole("heading", { name: "Camille Durand", exact: true, level: 1 }).waitFor();
    expect(await pageWidth()).toBe(375);

    await page.goto(`${server.url}/bu/${organization.businessUnitId}/customers/import`);
    const chooser = page.waitForEvent("filechooser");
    await page.getByLabel("Customer file", { exact: true }).click();
    await (await chooser).setFiles(WINDOWS_1252_FILE);
    await page.getByRole("button", { name: "Continue", exact: true }).click();
    await page.getByRole("heading", { name: "Step 2 of 3: Check the preview", exact: true }).waitFor();
    expect(await pageWidth()).toBe(375);
    await page.context().close();
  });
});
