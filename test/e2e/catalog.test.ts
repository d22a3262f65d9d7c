import type { Browser, Page } from "playwright-core";
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
let frenchAdminEmail: string;

beforeAll(async () => {
  database = e2eDatabase();
  ({ organization, frenchAdminEmail } = await database.prepare(async (context) => {
    const organization = await createTestOrganization(context);
    const frenchAdmin = await addTestMember(context, organization, ["admin"], { passwordChosen: true });
    return { organization, frenchAdminEmail: frenchAdmin.email };
  }));
  server = await startServer(database.environment);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

const BOILER_TYPE_FIELD = {
  code: "boiler_type",
  type: "single_choice",
  label: { en: "Boiler type", fr: "Type de chaudière" },
  required: false,
  options: [
    { value: "gas", label: { en: "Gas", fr: "Gaz" } },
    { value: "oil", label: { en: "Oil", fr: "Fioul" } },
  ],
};

const TANK_FIELD = {
  code: "tank_litres",
  type: "number",
  label: { en: "Tank capacity (litres)", fr: "Capacité de la cuve (litres)" },
  required: false,
  integer: false,
  visibleWhen: { all: [{ field: "boiler_type", operator: "is_one_of", values: ["oil"] }] },
};

async function signIn(
  page: Page,
  email: string,
  labels = { email: "Email", password: "Password", submit: "Sign in" },
) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel(labels.email, { exact: true }).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: labels.submit, exact: true }).click();
}

/** Returns the accessible label of the element that has the keyboard focus. */
async function focusedLabel(page: Page): Promise<string | null> {
  return page.locator(":focus").getAttribute("aria-label");
}

describe("activity-type catalog", () => {
  it("creates a type, edits its forms and previews them", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, organization.admin.email);

    await page.getByRole("link", { name: "Catalog", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Catalog", exact: true }).waitFor();
    await page.getByRole("button", { name: "New activity type", exact: true }).click();
    const createDialog = page.getByRole("dialog", { name: "New activity type", exact: true });
    await createDialog.getByLabel("Name", { exact: true }).fill("Entretien chaudière");
    await createDialog.getByLabel("Default duration (minutes)", { exact: true }).fill("90");
    await createDialog.getByRole("button", { name: "Create", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Entretien chaudière", exact: true }).waitFor();
    const typeId = /\/catalog\/([0-9a-f-]{36})/.exec(page.url())?.[1];
    expect(typeId).toBeDefined();

    // A single choice with two options; the code and option values follow the English labels.
    await page.getByRole("tab", { name: "Activity form", exact: true }).click();
    await page.getByRole("button", { name: "Add field", exact: true }).click();
    let panel = page.getByRole("dialog", { name: "Add a field", exact: true });
    await panel.getByLabel("Field type", { exact: true }).selectOption("single_choice");
    await panel.getByLabel("Label (English)", { exact: true }).fill("Boiler type");
    await panel.getByLabel("Label (French)", { exact: true }).fill("Type de chaudière");
    expect(await panel.getByLabel("Field code", { exact: true }).inputValue()).toBe("boiler_type");
    await panel.getByLabel("English label of option 1", { exact: true }).fill("Gas");
    await panel.getByLabel("French label of option 1", { exact: true }).fill("Gaz");
    expect(await panel.getByLabel("Value of option 1", { exact: true }).inputValue()).toBe("gas");
    await panel.getByRole("button", { name: "Add option", exact: true }).click();
    await panel.getByLabel("Value of option 2", { exact: true }).fill("oil");
    await panel.getByLabel("English label of option 2", { exact: true }).fill("Oil");
    await panel.getByLabel("French label of option 2", { exact: true }).fill("Fioul");
    await panel.getByRole("button", { name: "Add to the form", exact: true }).click();
    await expect.poll(() => focusedLabel(page)).toBe("Edit “Boiler type”");

    // A number shown only when the boiler runs on oil.
    await page.getByRole("button", { name: "Add field", exact: true }).click();
    panel = page.getByRole("dialog", { name: "Add a field", exact: true });
    await panel.getByLabel("Field type", { exact: true }).selectOption("number");
    await panel.getByLabel("Label (English)", { exact: true }).fill("Tank capacity (litres)");
    await panel.getByLabel("Label (French)", { exact: true }).fill("Capacité de la cuve (litres)");
    await panel.getByLabel("Field code", { exact: true }).fill("tank_litres");
    await panel.getByLabel("Show this field", { exact: true }).selectOption("all");
    expect(await panel.getByLabel("Field of condition 1", { exact: true }).inputValue()).toBe("boiler_type");
    await panel.getByRole("checkbox", { name: "Oil", exact: true }).check();
    await panel.getByRole("button", { name: "Add to the form", exact: true }).click();
    const tankRow = page.getByRole("listitem", { name: "Tank capacity (litres)", exact: true });
    expect(
      await tankRow.getByText("Shown when: Boiler type is one of Oil", { exact: true }).isVisible(),
    ).toBe(true);

    await page.getByRole("button", { name: "Save activity form", exact: true }).click();
    await page.getByText("Activity form saved.", { exact: true }).waitFor();

    // The preview applies the display condition as answers change.
    const preview = page.getByRole("region", { name: "Preview", exact: true });
    const tankInput = preview.getByLabel("Tank capacity (litres)", { exact: true });
    const oil = preview.getByRole("radio", { name: "Oil", exact: true });
    await oil.waitFor();
    expect(await tankInput.count()).toBe(0);
    await oil.check();
    await tankInput.waitFor();
    expect(await tankInput.isVisible()).toBe(true);
    await preview.getByRole("radio", { name: "Gas", exact: true }).check();
    await tankInput.waitFor({ state: "detached" });
    expect(await tankInput.count()).toBe(0);

    // A second field with the same code: the server's problem is shown on that field.
    await page.getByRole("button", { name: "Add field", exact: true }).click();
    panel = page.getByRole("dialog", { name: "Add a field", exact: true });
    await panel.getByLabel("Label (English)", { exact: true }).fill("Boiler model");
    await panel.getByLabel("Field code", { exact: true }).fill("boiler_type");
    await panel.getByRole("button", { name: "Add to the form", exact: true }).click();
    await page.getByRole("button", { name: "Save activity form", exact: true }).click();
    const duplicateRow = page.getByRole("listitem", { name: "Boiler model", exact: true });
    const duplicateMessage = "The field “Boiler type” already uses this code. Give each field its own code.";
    await duplicateRow.getByText(duplicateMessage, { exact: true }).waitFor();
    expect(await page.getByRole("alert").filter({ hasText: "The form was not saved" }).isVisible()).toBe(
      true,
    );

    await duplicateRow.getByRole("button", { name: "Edit “Boiler model”", exact: true }).click();
    panel = page.getByRole("dialog", { name: "Edit field “Boiler model”", exact: true });
    const codeInput = panel.getByLabel("Field code", { exact: true });
    expect(await codeInput.getAttribute("aria-invalid")).toBe("true");
    expect(await panel.getByText(duplicateMessage, { exact: true }).isVisible()).toBe(true);
    await panel.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect.poll(() => focusedLabel(page)).toBe("Edit “Boiler model”");
    await duplicateRow.getByRole("button", { name: "Delete “Boiler model”", exact: true }).click();
    await expect.poll(() => duplicateRow.count()).toBe(0);

    // The closing form starts with three locked system fields.
    await page.getByRole("tab", { name: "Closing form", exact: true }).click();
    const closingList = page.getByRole("list", { name: "Fields of the closing form", exact: true });
    await expect.poll(() => closingList.getByRole("listitem").count()).toBe(3);
    for (const label of ["Actual start", "Actual end", "Result"]) {
      const row = closingList.getByRole("listitem", { name: label, exact: true });
      expect(await row.getByText("System field", { exact: true }).isVisible()).toBe(true);
      expect(await row.getByRole("button", { name: `Edit “${label}”`, exact: true }).isVisible()).toBe(true);
      expect(await row.getByRole("button", { name: `Delete “${label}”`, exact: true }).count()).toBe(0);
      expect(await row.getByRole("button", { name: `Move up “${label}”`, exact: true }).count()).toBe(0);
    }

    // After a reload, the page and the API show the saved definition, without the deleted field.
    await page.reload();
    await page.getByRole("tab", { name: "Activity form", exact: true }).click();
    const activityList = page.getByRole("list", { name: "Fields of the activity form", exact: true });
    await expect.poll(() => activityList.getByRole("listitem").count()).toBe(2);
    const response = await page.request.get(
      `${server.url}/api/business-units/${organization.businessUnitId}/activity-types/${typeId}`,
    );
    expect(response.status()).toBe(200);
    const saved = (await response.json()) as {
      name: string;
      defaultDurationMinutes: number;
      activityForm: unknown;
    };
    expect(saved.name).toBe("Entretien chaudière");
    expect(saved.defaultDurationMinutes).toBe(90);
    expect(saved.activityForm).toEqual({ fields: [BOILER_TYPE_FIELD, TANK_FIELD] });
    await context.close();
  });

  it("edits and previews a form in French", async () => {
    const context = await newContext(browser, { locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, frenchAdminEmail, {
      email: "Adresse e-mail",
      password: "Mot de passe",
      submit: "Se connecter",
    });
    // The account's language is English, so once signed in the switch moves the UI to French.
    await page.getByRole("button", { name: "Log out", exact: true }).waitFor();
    await page.getByRole("radio", { name: "Français", exact: true }).check();
    await page.getByRole("link", { name: "Catalogue", exact: true }).waitFor();

    const created = await page.request.post(
      `${server.url}/api/business-units/${organization.businessUnitId}/activity-types`,
      { data: { name: "Ramonage", activityForm: { fields: [BOILER_TYPE_FIELD, TANK_FIELD] } } },
    );
    expect(created.status()).toBe(201);

    await page.getByRole("link", { name: "Catalogue", exact: true }).click();
    await page.getByRole("link", { name: "Ramonage", exact: true }).click();
    await page.getByRole("tab", { name: "Formulaire d’activité", exact: true }).click();

    const preview = page.getByRole("region", { name: "Aperçu", exact: true });
    const tankInput = preview.getByLabel("Capacité de la cuve (litres)", { exact: true });
    const oil = preview.getByRole("radio", { name: "Fioul", exact: true });
    await oil.waitFor();
    expect(await tankInput.count()).toBe(0);
    await oil.check();
    await tankInput.waitFor();
    expect(await tankInput.isVisible()).toBe(true);
    await preview.getByRole("radio", { name: "Gaz", exact: true }).check();
    await tankInput.waitFor({ state: "detached" });

    await page.getByRole("button", { name: "Modifier « Type de chaudière »", exact: true }).click();
    const panel = page.getByRole("dialog", { name: "Modifier le champ « Type de chaudière »", exact: true });
    expect(await panel.getByLabel("Code du champ", { exact: true }).inputValue()).toBe("boiler_type");
    expect(await panel.getByLabel("Libellé (anglais)", { exact: true }).inputValue()).toBe("Boiler type");
    expect(await panel.getByLabel("Libellé (français)", { exact: true }).inputValue()).toBe(
      "Type de chaudière",
    );
    await context.close();
  });
});
