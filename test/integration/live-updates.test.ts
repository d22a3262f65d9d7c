import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChangeFeed, openChangeFeed } from "../../src/db/events.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { addTestMember, createTestCustomer, createTestOrganization } from "../helpers/factories.js";
import { buildTestApp, signIn, type TestApp } from "../helpers/http.js";

/**
 * Two server instances on one database when a server is configured (each with its own pool and
 * LISTEN connection, as two processes would have), one instance on PGlite.
 */
let listening: { context: TestContext; app: TestApp; feed: ChangeFeed; url: string };
let writing: { context: TestContext; app: TestApp; feed?: ChangeFeed };

beforeAll(async () => {
  const context = await createTestContext();
  const feed = await openChangeFeed(context.database, process.env.TEST_DATABASE_URL, context.logger);
  context.changeFeed = feed;
  const app = await buildTestApp(context);
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  listening = { context, app, feed, url: `http://127.0.0.1:${port}` };
  if (process.env.TEST_DATABASE_URL) {
    const otherContext = await createTestContext();
    writing = { context: otherContext, app: await buildTestApp(otherContext) };
  } else {
    writing = { context, app };
  }
});

afterAll(async () => {
  if (writing.app !== listening.app) {
    await writing.app.close();
    await writing.context.close();
  }
  await listening.app.close();
  await listening.feed.close();
  await listening.context.close();
});

/** Reads server-sent events until one matches or the time runs out. */
async function waitForEvent(
  body: ReadableStream<Uint8Array>,
  matches: (data: { kind: string; id: string }) => boolean,
  timeoutMs: number,
): Promise<{ kind: string; id: string } | undefined> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), deadline - Date.now())),
      ]);
      if (!chunk || chunk.done) return undefined;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = message.split("\n").find((line) => line.startsWith("data: "));
        if (message.includes("event: change") && data) {
          const parsed = JSON.parse(data.slice(6));
          if (matches(parsed)) return parsed;
        }
        end = buffer.indexOf("\n\n");
      }
    }
    return undefined;
  } finally {
    await reader.cancel();
  }
}

describe("live updates", () => {
  it("tells a unit's screens within two seconds that an activity changed", async () => {
    const organization = await createTestOrganization(writing.context);
    await addTestMember(writing.context, organization, ["field_worker"], { passwordChosen: true });
    const customer = await createTestCustomer(writing.context, organization);
    const writerCookie = await signIn(writing.app, organization.admin.email);
    const listenerCookie = await signIn(listening.app, organization.admin.email);
    const base = `/api/business-units/${organization.businessUnitId}`;
    const type = await writing.app.inject({
      method: "POST",
      url: `${base}/activity-types`,
      headers: { cookie: writerCookie },
      payload: { name: "Visite" },
    });
    const events = await fetch(`${listening.url}${base}/events`, { headers: { cookie: listenerCookie } });
    expect(events.status).toBe(200);
    expect(events.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");

    const startedAt = Date.now();
    const created = await writing.app.inject({
      method: "POST",
      url: `${base}/activities`,
      headers: { cookie: writerCookie },
      payload: { activityTypeId: type.json().id, customerId: customer.id },
    });
    const event = await waitForEvent(events.body!, (data) => data.id === created.json().id, 2000);

    expect(event).toEqual({ kind: "activity", id: created.json().id });
    expect(Date.now() - startedAt).toBeLessThan(2000);
  });

  it("tells the unit's screens that a worker's leave changed", async () => {
    const organization = await createTestOrganization(writing.context);
    const worker = await addTestMember(writing.context, organization, ["field_worker"], {
      passwordChosen: true,
    });
    const writerCookie = await signIn(writing.app, organization.admin.email);
    const listenerCookie = await signIn(listening.app, organization.admin.email);
    const base = `/api/business-units/${organization.businessUnitId}`;
    const events = await fetch(`${listening.url}${base}/events`, { headers: { cookie: listenerCookie } });

    await writing.app.inject({
      method: "POST",
      url: `${base}/workers/${worker.id}/unavailabilities`,
      headers: { cookie: writerCookie },
      payload: { start: "2026-03-10T08:00:00+01:00", end: "2026-03-12T18:00:00+01:00", reason: "sick" },
    });
    const event = await waitForEvent(events.body!, (data) => data.kind === "worker", 2000);

    expect(event).toEqual({ kind: "worker", id: worker.id });
  });

  it("sends nothing about another organization's activities", async () => {
    const watched = await createTestOrganization(writing.context);
    const other = await createTestOrganization(writing.context);
    const customer = await createTestCustomer(writing.context, other);
    const listenerCookie = await signIn(listening.app, watched.admin.email);
    const otherCookie = await signIn(writing.app, other.admin.email);
    const otherBase = `/api/business-units/${other.businessUnitId}`;
    const type = await writing.app.inject({
      method: "POST",
      url: `${otherBase}/activity-types`,
      headers: { cookie: otherCookie },
      payload: { name: "Visite" },
    });
    const events = await fetch(`${listening.url}/api/business-units/${watched.businessUnitId}/events`, {
      headers: { cookie: listenerCookie },
    });

    await writing.app.inject({
      method: "POST",
      url: `${otherBase}/activities`,
      headers: { cookie: otherCookie },
      payload: { activityTypeId: type.json().id, customerId: customer.id },
    });
    const event = await waitForEvent(events.body!, () => true, 1000);

    expect(event).toBeUndefined();
  });

  it("refuses the stream of a unit the user does not belong to", async () => {
    const watched = await createTestOrganization(writing.context);
    const other = await createTestOrganization(writing.context);
    const cookie = await signIn(listening.app, watched.admin.email);

    const response = await fetch(`${listening.url}/api/business-units/${other.businessUnitId}/events`, {
      headers: { cookie },
    });

    expect(response.status).toBe(404);
  });
});
