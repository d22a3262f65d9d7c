import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTestMember,
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

let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let organization: TestOrganization;
let workerEmail: string;

beforeAll(async () => {
  database = e2eDatabase();
  ({ organization, workerEmail } = await database.prepare(async (context) => {
    const organization = await createTestOrganization(context);
    const worker = await addTestMember(context, organization, ["field_worker"], { passwordChosen: true });
    return { organization, workerEmail: worker.email };
  }));
  server = await startServer(database.environment);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

describe("back office shell", () => {
  it("signs in, changes the time zone, switches to French and signs out", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await page.goto(`${server.url}/`);
    await page.getByLabel("Email", { exact: true }).fill(organization.admin.email);
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();

    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByRole("tab", { name: "Localisation" }).click();
    const timeZone = page.getByRole("combobox", { name: "Time zone" });
    await timeZone.fill("America/Martin");
    await page.getByRole("option", { name: "America/Martinique" }).click();
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => readTimeZone(organization)).toBe("America/Martinique");

    await page.getByRole("radio", { name: "Français" }).check();
    await expect.poll(() => page.getByRole("link", { name: "Paramètres" }).isVisible()).toBe(true);
    expect(await page.getByRole("tab", { name: "Adresse" }).isVisible()).toBe(true);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");

    await page.reload();
    expect(await page.getByRole("combobox", { name: "Fuseau horaire" }).inputValue()).toBe(
      "America/Martinique",
    );

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Se connecter" }).isVisible()).toBe(true);
    const session = await page.request.get(`${server.url}/api/session`);
    expect(session.status()).toBe(401);
    await context.close();
  });

  it("shows a translated error for a wrong password", async () => {
    const context = await newContext(browser, { locale: "fr-FR" });
    const page = await context.newPage();

    await page.goto(`${server.url}/login`);
    await page.getByLabel("Adresse e-mail", { exact: true }).fill(organization.admin.email);
    await page.getByLabel("Mot de passe", { exact: true }).fill("pas le bon mot de passe");
    await page.getByRole("button", { name: "Se connecter" }).click();

    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toBe("L’adresse e-mail ou le mot de passe est incorrect.");
    await context.close();
  });

  it("keeps a field worker out of the settings", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email", { exact: true }).fill(workerEmail);
    await page.getByLabel("Password", { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Log out" }).waitFor();

    expect(await page.getByRole("link", { name: "Settings" }).count()).toBe(0);
    const response = await page.request.patch(
      `${server.url}/api/business-units/${organization.businessUnitId}`,
      {
        data: { timeZone: "Europe/London" },
      },
    );
    expect(response.status()).toBe(403);
    await context.close();
  });
});

async function readTimeZone(organization: TestOrganization): Promise<string | undefined> {
  const response = await fetch(`${server.url}/api/business-units/${organization.businessUnitId}`, {
    headers: { cookie: await adminCookie() },
  });
  const unit = (await response.json()) as { timeZone?: string };
  return unit.timeZone;
}

let cachedCookie: string | undefined;
async function adminCookie(): Promise<string> {
  if (cachedCookie) return cachedCookie;
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: organization.admin.email, password: TEST_PASSWORD }),
  });
  cachedCookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return cachedCookie;
}
