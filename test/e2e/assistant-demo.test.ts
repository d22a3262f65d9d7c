import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { businessUnitRepository } from "../../src/repositories/business-units.js";
import { DEMO_PASSWORD, seedDemo } from "../../src/services/demo/seed.js";
import {
  type E2eDatabase,
  e2eDatabase,
  launchBrowser,
  newContext,
  type RunningServer,
  startServer,
} from "./harness.js";

/**
 * The demo as a person trying Rondo sees it: the planner opens an unscheduled demo activity,
 * schedules it from the assistant's best slot, and the activity shows that worker and time.
 */
let database: E2eDatabase;
let server: RunningServer;
let browser: Browser;
let ids: { organizationId: string; businessUnitId: string };

beforeAll(async () => {
  database = e2eDatabase();
  ids = await database.prepare(async (context) => {
    // A shared PostgreSQL database may hold earlier demos: this run works in its own one.
    const { organizationId } = await seedDemo(context);
    const units = await businessUnitRepository(context.db, organizationId!).list();
    return {
      organizationId: organizationId!,
      businessUnitId: units.find((unit) => unit.code === "LYON")!.id,
    };
  });
  server = await startServer(database.environment);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  database?.cleanup();
});

describe("the assistant on the demo", () => {
  it("schedules an unscheduled demo activity from its best slot", async () => {
    const page = await (await newContext(browser)).newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email", { exact: true }).fill("planner@rondo-demo.example");
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(/\/bu\//);
    const switched = await page.request.post(`${server.url}/api/session/organization`, {
      data: { organizationId: ids.organizationId },
      headers: { origin: server.url },
    });
    expect(switched.status()).toBe(204);

    const api = `${server.url}/api/business-units/${ids.businessUnitId}`;
    const list = await page.request.get(`${api}/activities?state=unscheduled&limit=50`);
    expect(list.status()).toBe(200);
    const unscheduled = (
      (await list.json()) as {
        items: { id: string; reference: string; customerName: string | null; latitude: number | null }[];
      }
    ).items.find((activity) => activity.latitude !== null && activity.customerName !== null);
    expect(unscheduled, "the demo has a located activity to schedule").toBeDefined();
    const activity = unscheduled!;

    const suggestions = (await (
      await page.request.get(`${api}/activities/${activity.id}/assistant`)
    ).json()) as {
      days: { slots: { workerName: string; start: string; grade: string }[] }[];
      workers: unknown[];
    };
    const best = suggestions.days.find((day) => day.slots.length > 0)?.slots[0];
    expect(best, "the demo week has a free slot").toBeDefined();
    expect(suggestions.workers).toHaveLength(8);

    await page.goto(`${server.url}/bu/${ids.businessUnitId}/activities/${activity.id}`);
    // The demo accounts work in French.
    await page.getByRole("button", { name: "Planifier avec l’assistant", exact: true }).click();
    const time = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "Europe/Paris" }).format(
      new Date(best!.start),
    );
    const name = best!.workerName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const slotButton = page
      .getByRole("button", { name: new RegExp(`^Planifier .* ${time} avec ${name}, `) })
      .first();
    await slotButton.click();
    await page
      .getByRole("dialog", { name: `Confirmer le créneau de ${activity.reference}`, exact: true })
      .getByRole("button", { name: "Planifier", exact: true })
      .click();
    await page.waitForURL(new RegExp(`/activities/${activity.id}$`));

    const after = (await (await page.request.get(`${api}/activities/${activity.id}`)).json()) as {
      state: string;
      startAt: string;
      assignee: { name: string } | null;
    };
    expect([after.state, after.startAt, after.assignee?.name]).toEqual([
      "scheduled",
      new Date(best!.start).toISOString(),
      best!.workerName,
    ]);
    await page.getByText(best!.workerName, { exact: true }).first().waitFor();
  });
});
