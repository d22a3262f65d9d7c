import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditEvents,
  businessUnits,
  customers,
  messages,
  portalLoginCodes,
  portalSessions,
} from "../../src/db/schema/index.js";
import { loginIdentifierHash } from "../../src/domain/contact/login-identifier.js";
import { runHousekeeping } from "../../src/jobs/housekeeping.js";
import { buildApp } from "../../src/server/app.js";
import { settlePortalCodeRequests } from "../../src/services/portal/login-service.js";
import { createTestContext, type TestContext, uniqueSuffix } from "../helpers/context.js";
import { addTestMember, createTestOrganization, type TestOrganization } from "../helpers/factories.js";
import { buildTestApp, cookieHeader, signIn, type TestApp } from "../helpers/http.js";

let context: TestContext;
let app: TestApp;

beforeAll(async () => {
  context = await createTestContext();
  app = await buildTestApp(context);
});

afterAll(async () => {
  await app.close();
  await context.close();
});

const CODE_ANSWER = { message: "If this address or number is registered, a code has been sent." };

interface PortalUnit {
  organization: TestOrganization;
  cookie: string;
  base: string;
  slug: string;
}

/** A unit with its portal enabled at a slug unique to this run. */
async function portalUnit(loginChannels: "email" | "sms" | "both" = "both"): Promise<PortalUnit> {
  const organization = await createTestOrganization(context);
  const slug = `test-${uniqueSuffix()}`;
  await context.db
    .update(businessUnits)
    .set({
      portalEnabled: true,
      portalSlug: slug,
      portalSettings: { loginChannels, displayName: "Chauffage Dupré" },
    })
    .where(eq(businessUnits.id, organization.businessUnitId));
  const cookie = await signIn(app, organization.admin.email);
  return { organization, cookie, base: `/api/business-units/${organization.businessUnitId}`, slug };
}

/** Creates a customer through the API, so that its email and numbers are normalized as in production. */
async function customerOf(unit: PortalUnit, fields: Record<string, unknown>): Promise<string> {
  const response = await app.inject({
    method: "POST",
    url: `${unit.base}/customers`,
    headers: { cookie: unit.cookie },
    payload: { firstName: "Léa", lastName: "Dupré-Hébert", country: "FR", portalAccess: true, ...fields },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

/** A random loopback address, so that per-address limits of other tests stay out of the way. */
function clientAddress(): string {
  const octet = () => Math.floor(Math.random() * 254) + 1;
  return `127.${octet()}.${octet()}.${octet()}`;
}

/**
 * Forgets earlier codes of fixed identifiers: a shared PostgreSQL database keeps those of earlier
 * runs, whose cooldown would otherwise hold back this run's codes.
 */
async function forgetCodes(kind: "email" | "phone", ...values: string[]) {
  const hashes = values.map((value) => loginIdentifierHash(kind, value));
  await context.db.delete(portalLoginCodes).where(inArray(portalLoginCodes.identifierHash, hashes));
}

async function requestCode(identifier: string, options: { slug?: string; ip?: string } = {}) {
  const response = await app.inject({
    method: "POST",
    url: "/portal-api/auth/code",
    payload: { identifier, ...(options.slug ? { slug: options.slug } : {}) },
    remoteAddress: options.ip ?? clientAddress(),
  });
  await settlePortalCodeRequests();
  return response;
}

interface SentCode {
  recipient: string;
  channel: string;
  code: string;
  linkToken: string | null;
  count: number;
}

/** The newest login code queued in the organization, read from the outbox as the dispatcher would send it. */
async function lastCode(organizationId: string): Promise<SentCode | undefined> {
  const rows = await context.db
    .select()
    .from(messages)
    .where(and(eq(messages.organizationId, organizationId), eq(messages.event, "login_code")))
    .orderBy(desc(messages.createdAt), desc(sql`ctid`));
  const [row] = rows;
  if (!row) return undefined;
  return {
    recipient: row.recipient,
    channel: row.channel,
    code: /\b(\d{6})\b/.exec(row.bodyText)?.[1] ?? "",
    linkToken: /\/portal\/sign-in#token=([A-Za-z0-9_-]+)/.exec(row.bodyText)?.[1] ?? null,
    count: rows.length,
  };
}

function verify(identifier: string, code: string, options: { slug?: string; ip?: string } = {}) {
  return app.inject({
    method: "POST",
    url: "/portal-api/auth/verify",
    payload: { identifier, code, ...(options.slug ? { slug: options.slug } : {}) },
    remoteAddress: options.ip ?? clientAddress(),
  });
}

function session(cookie: string) {
  return app.inject({ method: "GET", url: "/portal-api/session", headers: { cookie } });
}

function signedInCustomerId(response: LightMyRequestResponse): string | undefined {
  const body = response.json();
  return body.state === "signed_in" ? body.customer.id : undefined;
}

/** Requests a code, reads it from the outbox and signs in with it. */
async function signInAs(unit: PortalUnit, identifier: string) {
  expect((await requestCode(identifier, { slug: unit.slug })).statusCode).toBe(202);
  const sent = await lastCode(unit.organization.organizationId);
  const response = await verify(identifier, sent?.code ?? "", { slug: unit.slug });
  expect(response.statusCode, response.body).toBe(200);
  return { response, cookie: cookieHeader(response), sent };
}

/**
 * A mainland French mobile number (06 1x: no overseas prefix) as people type it, random so that
 * runs on a shared database do not meet.
 */
function randomMobile(): string {
  const digits = `1${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
  return `06 ${digits.replace(/(\d\d)(?=\d)/g, "$1 ")}`;
}

function advance(seconds: number) {
  context.clock.set(new Date(context.clock.now().getTime() + seconds * 1000).toISOString());
}

describe("C28: phone typed in national or international form", () => {
  it("stores 06 12 34 56 78 as +33612345678 and signs in from every written form", async () => {
    context.clock.set("2026-06-01T08:00:00Z");
    const unit = await portalUnit();
    await forgetCodes("phone", "+33612345678");
    const customerId = await customerOf(unit, { mobile: "06 12 34 56 78" });
    const [stored] = await context.db
      .select({ mobile: customers.mobile })
      .from(customers)
      .where(eq(customers.id, customerId));
    expect(stored?.mobile).toBe("+33612345678");

    const forms = [
      "+33612345678",
      "+33 6 12 34 56 78",
      "0033 6 12 34 56 78",
      "+33 (0)6 12 34 56 78",
      "06.12.34.56.78",
      "+330612345678",
    ];
    for (const [index, form] of forms.entries()) {
      advance(61);
      const { response, sent } = await signInAs(unit, form);
      expect(sent).toMatchObject({ recipient: "+33612345678", channel: "sms", count: index + 1 });
      expect(signedInCustomerId(response)).toBe(customerId);
    }
  });

  it("refuses 612345678 without the trunk prefix and asks for the full number", async () => {
    const unit = await portalUnit();
    const response = await requestCode("612345678", { slug: unit.slug });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields).toEqual([
      {
        path: "identifier",
        code: "missing_trunk_prefix",
        value: "612345678",
        message:
          '"612345678" is incomplete: type the full number, starting with 0 or with + and the country code.',
      },
    ]);
  });
});

describe("C29: French overseas numbers", () => {
  it("signs in Martinique and Réunion customers on +596 and +262, never +33", async () => {
    context.clock.set("2026-06-01T09:00:00Z");
    const unit = await portalUnit();
    await forgetCodes("phone", "+596696123456", "+262692123456");
    const martinique = await customerOf(unit, {
      city: "Fort-de-France",
      postcode: "97200",
      mobile: "0696 12 34 56",
    });
    const reunion = await customerOf(unit, {
      city: "Saint-Denis",
      postcode: "97400",
      mobile: "0692 12 34 56",
    });
    const stored = await context.db
      .select({ id: customers.id, mobile: customers.mobile })
      .from(customers)
      .where(inArray(customers.id, [martinique, reunion]));
    expect(Object.fromEntries(stored.map((row) => [row.id, row.mobile]))).toEqual({
      [martinique]: "+596696123456",
      [reunion]: "+262692123456",
    });

    for (const form of ["+596 696 12 34 56", "0696 12 34 56"]) {
      advance(61);
      const { response, sent } = await signInAs(unit, form);
      expect(sent?.recipient).toBe("+596696123456");
      expect(signedInCustomerId(response)).toBe(martinique);
    }
    advance(61);
    const { response, sent } = await signInAs(unit, "0692 12 34 56");
    expect(sent?.recipient).toBe("+262692123456");
    expect(signedInCustomerId(response)).toBe(reunion);
  });
});

describe("C31: email case and surrounding spaces", () => {
  it("signs in the same customer from every case and trailing space", async () => {
    context.clock.set("2026-06-01T10:00:00Z");
    const unit = await portalUnit();
    await forgetCodes("email", "lea.dupre@example.com");
    const customerId = await customerOf(unit, { email: "  Lea.Dupre@Example.COM \u00a0" });
    for (const form of ["Lea.Dupre@example.com", "lea.dupre@example.com\t", "LEA.DUPRE@EXAMPLE.COM"]) {
      advance(61);
      const { response, sent } = await signInAs(unit, form);
      expect(sent).toMatchObject({ recipient: "Lea.Dupre@Example.COM", channel: "email" });
      expect(signedInCustomerId(response)).toBe(customerId);
    }
  });
});

describe("C36: sign-in link opened by a mail scanner", () => {
  it("neither signs in nor uses the token on GET or HEAD; the click's POST works once", async () => {
    context.clock.set("2026-06-02T08:00:00Z");
    const webRoot = mkdtempSync(join(tmpdir(), "rondo-web-"));
    for (const page of ["backoffice", "portal"]) {
      mkdirSync(join(webRoot, page));
      writeFileSync(join(webRoot, page, "index.html"), `<!doctype html><title>${page}</title>`);
    }
    const web = await buildApp({ context, webRoot });
    try {
      const unit = await portalUnit();
      const email = `lea.${uniqueSuffix()}@example.com`;
      const customerId = await customerOf(unit, { email });
      expect((await requestCode(email)).statusCode).toBe(202);
      const sent = await lastCode(unit.organization.organizationId);
      const token = sent?.linkToken ?? "";
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const scanner = { "user-agent": "Mozilla/5.0 (compatible; SafeLinks scanner)" };
      for (const [method, url] of [
        ["HEAD", `/portal/sign-in#token=${token}`],
        ["GET", `/portal/sign-in#token=${token}`],
        ["GET", `/portal/sign-in?token=${token}`],
        ["GET", `/portal/sign-in?token=${token}`],
        ["GET", `/portal-api/auth/link?token=${token}`],
      ] as const) {
        const opened = await web.inject({ method, url, headers: scanner, remoteAddress: clientAddress() });
        expect(opened.cookies).toEqual([]);
        // The API has no GET that takes the token: without a session the path answers 401.
        expect(opened.statusCode).toBe(url.startsWith("/portal-api/") ? 401 : 200);
      }

      const click = await web.inject({
        method: "POST",
        url: "/portal-api/auth/link",
        payload: { token },
        remoteAddress: clientAddress(),
      });
      expect(click.statusCode).toBe(200);
      expect(signedInCustomerId(click)).toBe(customerId);
      const again = await web.inject({
        method: "POST",
        url: "/portal-api/auth/link",
        payload: { token },
        remoteAddress: clientAddress(),
      });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.code).toBe("invalid_link");
    } finally {
      await web.close();
    }
  });

  it("leaves the typed code untouched by scanners", async () => {
    const unit = await portalUnit();
    const email = `lea.${uniqueSuffix()}@example.com`;
    const customerId = await customerOf(unit, { email });
    await requestCode(email);
    const sent = await lastCode(unit.organization.organizationId);
    await app.inject({ method: "HEAD", url: `/portal/sign-in#token=${sent?.linkToken}` });
    await app.inject({ method: "GET", url: `/portal/sign-in#token=${sent?.linkToken}` });
    const response = await verify(email, sent?.code ?? "");
    expect(response.statusCode).toBe(200);
    expect(signedInCustomerId(response)).toBe(customerId);
  });
});

describe("C37: code brute force", () => {
  async function codeFor() {
    const unit = await portalUnit();
    const email = `k1.${uniqueSuffix()}@example.com`;
    await customerOf(unit, { email });
    await requestCode(email);
    const sent = await lastCode(unit.organization.organizationId);
    const wrong = sent?.code === "000000" ? "111111" : "000000";
    return { unit, email, code: sent?.code ?? "", wrong };
  }

  it("(a) kills the code at the fifth failure, so the right code then fails", async () => {
    context.clock.set("2026-06-03T08:00:00Z");
    const { unit, email, code, wrong } = await codeFor();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) statuses.push((await verify(email, wrong)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const right = await verify(email, code);
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toMatchObject({
      code: "too_many_attempts",
      message: "Too many attempts. Try again later.",
    });

    advance(61);
    await requestCode(email);
    const renewed = await lastCode(unit.organization.organizationId);
    expect(renewed?.count).toBe(2);
    expect((await verify(email, renewed?.code ?? "")).statusCode).toBe(200);
  });

  it("(b) evaluates at most 5 of 50 parallel guesses from 50 addresses", async () => {
    context.clock.set("2026-06-03T09:00:00Z");
    const { email, code } = await codeFor();
    const guesses = Array.from({ length: 50 }, (_, index) =>
      String((Number(code) + 1 + index) % 1_000_000).padStart(6, "0"),
    );
    const responses = await Promise.all(guesses.map((guess) => verify(email, guess)));
    const counts = responses.reduce<Record<number, number>>((tally, response) => {
      tally[response.statusCode] = (tally[response.statusCode] ?? 0) + 1;
      return tally;
    }, {});
    expect(counts).toEqual({ 401: 5, 429: 45 });
    for (const response of responses.filter((candidate) => candidate.statusCode === 401))
      expect(response.json().error.message).toBe(
        "The code is wrong or has expired. Check it or ask for a new one.",
      );
  });

  it("(c) rejects the first code once a new one is sent after the cooldown", async () => {
    context.clock.set("2026-06-03T10:00:00Z");
    const { unit, email, code } = await codeFor();
    advance(30);
    await requestCode(email);
    expect((await lastCode(unit.organization.organizationId))?.count).toBe(1);
    advance(31);
    await requestCode(email);
    const second = await lastCode(unit.organization.organizationId);
    expect(second?.count).toBe(2);
    const first = await verify(email, code);
    expect(first.statusCode).toBe(second?.code === code ? 200 : 401);
    expect((await verify(email, second?.code ?? "")).statusCode).toBe(second?.code === code ? 429 : 200);
  });

  it("expires a code after 10 minutes", async () => {
    context.clock.set("2026-06-03T11:00:00Z");
    const { email, code } = await codeFor();
    advance(10 * 60 + 1);
    const response = await verify(email, code);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe("invalid_code");
  });
});

describe("C39: no account enumeration through code requests", () => {
  it("answers alike for known and unknown identifiers and sends only to known ones", async () => {
    context.clock.set("2026-06-04T08:00:00Z");
    const unit = await portalUnit();
    const suffix = uniqueSuffix();
    const knownEmail = `known.${suffix}@example.com`;
    const knownPhone = randomMobile();
    await customerOf(unit, { email: knownEmail, mobile: knownPhone });
    const unknownEmail = `unknown.${suffix}@example.com`;
    const unknownPhone = randomMobile();

    const kinds = { knownEmail, unknownEmail, knownPhone, unknownPhone } as const;
    for (let run = 0; run < 20; run++) {
      for (const identifier of Object.values(kinds)) {
        const response = await app.inject({
          method: "POST",
          url: "/portal-api/auth/code",
          payload: { identifier },
          remoteAddress: clientAddress(),
        });
        expect(response.statusCode).toBe(202);
        expect(response.json()).toEqual(CODE_ANSWER);
        await settlePortalCodeRequests();
      }
    }
    const malformed = await requestCode("not an address");
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details.fields[0]).toMatchObject({
      path: "identifier",
      code: "invalid_phone",
    });

    const sent = await context.db
      .select({ recipient: messages.recipient })
      .from(messages)
      .where(
        and(eq(messages.organizationId, unit.organization.organizationId), eq(messages.event, "login_code")),
      );
    // One each for the known identifiers: the 60-second cooldown holds back the other 19 requests.
    expect(sent.map((row) => row.recipient).sort()).toEqual(
      [knownEmail, `+33${knownPhone.replace(/\s/g, "").slice(1)}`].sort(),
    );
    const unknownMessages = await context.db
      .select({ count: sql<number>`count(*)::int` })
      .from(messages)
      .where(inArray(messages.recipient, [unknownEmail, `+33${unknownPhone.replace(/\s/g, "").slice(1)}`]));
    expect(unknownMessages[0]?.count).toBe(0);
    // No customer record was created for the unknown identifiers.
    const created = await context.db
      .select({ count: sql<number>`count(*)::int` })
      .from(customers)
      .where(
        sql`${customers.emailNormalized} = ${unknownEmail} OR ${customers.mobile} = ${`+33${unknownPhone.replace(/\s/g, "").slice(1)}`}`,
      );
    expect(created[0]?.count).toBe(0);

    // Latency is compared by `npm run bench` (bench/portal-login.ts), not here: timings on a
    // loaded CI machine would make this test flaky.
  });

  it("limits code requests per client address", async () => {
    const ip = clientAddress();
    const statuses: number[] = [];
    for (let request = 0; request < 31; request++)
      statuses.push((await requestCode(`nobody.${uniqueSuffix()}@example.com`, { ip })).statusCode);
    expect(statuses.filter((status) => status === 202)).toHaveLength(30);
    expect(statuses[30]).toBe(429);
  });

  it("stops sending after ten codes a day to one identifier", async () => {
    context.clock.set("2026-06-05T08:00:00Z");
    const unit = await portalUnit();
    const email = `daily.${uniqueSuffix()}@example.com`;
    await customerOf(unit, { email });
    for (let request = 0; request < 12; request++) {
      await requestCode(email);
      advance(61);
    }
    expect((await lastCode(unit.organization.organizationId))?.count).toBe(10);
  });
});

describe("portal sessions", () => {
  it("lets a person whose email matches customers of two companies choose one", async () => {
    context.clock.set("2026-06-06T08:00:00Z");
    const first = await portalUnit();
    const second = await portalUnit();
    const email = `shared.${uniqueSuffix()}@example.com`;
    const inFirst = await customerOf(first, { email });
    const inSecond = await customerOf(second, { email, firstName: "Paul", lastName: "Martin" });
    await requestCode(email);
    const sent =
      (await lastCode(first.organization.organizationId)) ??
      (await lastCode(second.organization.organizationId));
    const verified = await verify(email, sent?.code ?? "");
    expect(verified.statusCode).toBe(200);
    const body = verified.json();
    expect(body.state).toBe("choose");
    expect(body.choices.map((choice: { customerId: string }) => choice.customerId).sort()).toEqual(
      [inFirst, inSecond].sort(),
    );
    const cookie = cookieHeader(verified);
    expect(
      (await app.inject({ method: "GET", url: "/portal-api/home", headers: { cookie } })).statusCode,
    ).toBe(401);

    const chosen = await app.inject({
      method: "POST",
      url: "/portal-api/auth/choose",
      headers: { cookie },
      payload: { organizationId: second.organization.organizationId, customerId: inSecond },
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toMatchObject({
      state: "signed_in",
      canSwitch: true,
      customer: { id: inSecond, name: "Paul Martin" },
    });
    expect(
      chosen
        .json()
        .choices.map((choice: { customerId: string }) => choice.customerId)
        .sort(),
    ).toEqual([inFirst, inSecond].sort());
    const home = await app.inject({ method: "GET", url: "/portal-api/home", headers: { cookie } });
    expect(home.json()).toEqual({ upcoming: [], past: [], actions: [] });

    const foreign = await app.inject({
      method: "POST",
      url: "/portal-api/auth/choose",
      headers: { cookie },
      payload: {
        organizationId: first.organization.organizationId,
        customerId: (await portalUnit()).organization.admin.id,
      },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it("signs out a customer on the next request once their access is revoked", async () => {
    context.clock.set("2026-06-06T09:00:00Z");
    const unit = await portalUnit();
    const email = `revoked.${uniqueSuffix()}@example.com`;
    const customerId = await customerOf(unit, { email });
    const { cookie } = await signInAs(unit, email);
    expect((await session(cookie)).statusCode).toBe(200);
    const revoked = await app.inject({
      method: "PATCH",
      url: `${unit.base}/customers/${customerId}`,
      headers: { cookie: unit.cookie },
      payload: { portalAccess: false },
    });
    expect(revoked.statusCode).toBe(200);
    const audit = await context.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, customerId));
    expect(audit).toEqual([{ action: "portal_access_changed", details: { portalAccess: false } }]);
    const next = await session(cookie);
    expect(next.statusCode).toBe(401);
    expect(next.json().error.code).toBe("portal_signed_out");
    expect((await session(cookie)).json().error.code).toBe("unauthenticated");
  });

  it("signs out every customer of a unit whose portal is turned off, and after sign-out", async () => {
    const unit = await portalUnit();
    const email = `off.${uniqueSuffix()}@example.com`;
    await customerOf(unit, { email });
    const { cookie } = await signInAs(unit, email);
    const signedOut = await app.inject({
      method: "POST",
      url: "/portal-api/auth/sign-out",
      headers: { cookie },
    });
    expect(signedOut.statusCode).toBe(204);
    expect((await session(cookie)).statusCode).toBe(401);

    advance(61);
    const again = await signInAs(unit, email);
    await context.db
      .update(businessUnits)
      .set({ portalEnabled: false })
      .where(eq(businessUnits.id, unit.organization.businessUnitId));
    expect((await session(again.cookie)).json().error.code).toBe("portal_signed_out");
  });

  it("sends no code for a unit that allows only SMS when the identifier is an email", async () => {
    const unit = await portalUnit("sms");
    const email = `smsonly.${uniqueSuffix()}@example.com`;
    await customerOf(unit, { email });
    expect((await requestCode(email)).statusCode).toBe(202);
    expect(await lastCode(unit.organization.organizationId)).toBeUndefined();
  });

  it("keeps a slug's sign-in to that organization's customers", async () => {
    const first = await portalUnit();
    const second = await portalUnit();
    const email = `scoped.${uniqueSuffix()}@example.com`;
    await customerOf(first, { email });
    const inSecond = await customerOf(second, { email });
    await requestCode(email, { slug: second.slug });
    expect(await lastCode(first.organization.organizationId)).toBeUndefined();
    const sent = await lastCode(second.organization.organizationId);
    const response = await verify(email, sent?.code ?? "", { slug: second.slug });
    expect(response.json()).toMatchObject({
      state: "signed_in",
      canSwitch: false,
      customer: { id: inSecond },
    });
    expect((await requestCode(email, { slug: "no-such-portal" })).statusCode).toBe(404);
  });
});

describe("staff preview of a customer's portal", () => {
  it("shows the portal read-only, records each preview, and is refused to field workers", async () => {
    context.clock.set("2026-06-07T08:00:00Z");
    const unit = await portalUnit();
    const customerId = await customerOf(unit, {
      email: `preview.${uniqueSuffix()}@example.com`,
      portalAccess: false,
    });
    const opened = await app.inject({
      method: "POST",
      url: `${unit.base}/customers/${customerId}/portal-preview`,
      headers: { cookie: unit.cookie },
    });
    expect(opened.statusCode).toBe(201);
    const token = /^\/portal\/preview#token=([A-Za-z0-9_-]{43})$/.exec(opened.json().url)?.[1] ?? "";
    expect(token).not.toBe("");

    const headers = { "x-rondo-preview": token };
    const seen = await app.inject({ method: "GET", url: "/portal-api/session", headers });
    expect(seen.json()).toMatchObject({
      state: "signed_in",
      preview: { staffName: "Ada Admin" },
      customer: { id: customerId, name: "Léa Dupré-Hébert" },
      company: { displayName: "Chauffage Dupré", slug: unit.slug },
    });
    expect((await app.inject({ method: "GET", url: "/portal-api/home", headers })).statusCode).toBe(200);
    const write = await app.inject({ method: "POST", url: "/portal-api/auth/sign-out", headers });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe("preview_read_only");
    // The preview token is no customer session.
    expect((await session(`rondo_portal=${token}`)).statusCode).toBe(401);

    const audit = await context.db
      .select({
        action: auditEvents.action,
        actorUserId: auditEvents.actorUserId,
        subjectId: auditEvents.subjectId,
      })
      .from(auditEvents)
      .where(eq(auditEvents.organizationId, unit.organization.organizationId));
    expect(audit).toEqual([
      { action: "portal_preview_opened", actorUserId: unit.organization.admin.id, subjectId: customerId },
    ]);

    const worker = await addTestMember(context, unit.organization, ["field_worker"], {
      passwordChosen: true,
    });
    const refused = await app.inject({
      method: "POST",
      url: `${unit.base}/customers/${customerId}/portal-preview`,
      headers: { cookie: await signIn(app, worker.email) },
    });
    expect(refused.statusCode).toBe(403);

    advance(3601);
    expect((await app.inject({ method: "GET", url: "/portal-api/session", headers })).statusCode).toBe(401);
  });
});

describe("housekeeping", () => {
  it("deletes ended portal sessions and codes expired over a day ago, and keeps the rest", async () => {
    // Dates before every other test file's clock, so that a shared database loses none of their rows.
    const now = new Date("2020-01-10T12:00:00Z");
    const identifierHash = loginIdentifierHash("email", `housekeeping.${uniqueSuffix()}@example.com`);
    const at = (iso: string) => new Date(iso);
    const code = (id: string, expiresAt: string) => ({
      id,
      identifierHash,
      channel: "email",
      codeHash: "x",
      createdAt: at("2020-01-01T00:00:00Z"),
      expiresAt: at(expiresAt),
    });
    const [oldCode, recentCode] = [crypto.randomUUID(), crypto.randomUUID()];
    await context.db
      .insert(portalLoginCodes)
      .values([code(oldCode, "2020-01-09T11:59:00Z"), code(recentCode, "2020-01-09T12:01:00Z")]);
    const session = (tokenHash: string, expiresAt: string) => ({
      tokenHash,
      identifierHash,
      createdAt: at("2020-01-01T00:00:00Z"),
      lastSeenAt: at("2020-01-01T00:00:00Z"),
      expiresAt: at(expiresAt),
    });
    const [ended, live] = [`ended-${uniqueSuffix()}`, `live-${uniqueSuffix()}`];
    await context.db
      .insert(portalSessions)
      .values([session(ended, "2020-01-10T11:59:00Z"), session(live, "2020-01-10T12:01:00Z")]);

    await runHousekeeping(context.db, now);

    const codes = await context.db
      .select({ id: portalLoginCodes.id })
      .from(portalLoginCodes)
      .where(eq(portalLoginCodes.identifierHash, identifierHash));
    expect(codes).toEqual([{ id: recentCode }]);
    const sessions = await context.db
      .select({ tokenHash: portalSessions.tokenHash })
      .from(portalSessions)
      .where(eq(portalSessions.identifierHash, identifierHash));
    expect(sessions).toEqual([{ tokenHash: live }]);
  });
});

describe("login codes in the back office's Messages", () => {
  it("masks a queued code when a real mail server sends the emails", async () => {
    context.clock.set("2026-06-09T08:00:00Z");
    const unit = await portalUnit();
    const email = `masked.${uniqueSuffix()}@example.com`;
    await customerOf(unit, { email });
    await requestCode(email);
    const production = await buildApp({
      context: { ...context, config: { ...context.config, smtpUrl: "smtp://127.0.0.1:2525" } },
    });
    try {
      const list = await production.inject({
        method: "GET",
        url: `${unit.base}/messages`,
        headers: { cookie: unit.cookie },
      });
      const queued = list.json().find((message: { event: string }) => message.event === "login_code");
      expect(queued.status).toBe("queued");
      const detail = await production.inject({
        method: "GET",
        url: `${unit.base}/messages/${queued.id}`,
        headers: { cookie: unit.cookie },
      });
      expect(detail.json().bodyText).toMatch(/^••••••$/m);
      expect(detail.json().bodyText).toContain("/portal/sign-in#token=••••••");
      expect(detail.json().bodyText).not.toMatch(/\b\d{6}\b/);
      // The development transport keeps content, so that a trial can sign in.
      const trial = await app.inject({
        method: "GET",
        url: `${unit.base}/messages/${queued.id}`,
        headers: { cookie: unit.cookie },
      });
      expect(trial.json().bodyText).toMatch(/^\d{6}$/m);
    } finally {
      await production.close();
    }
  });
});
