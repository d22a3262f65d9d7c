import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activities, businessUnits, customers } from "../../src/db/schema/index.js";
import { auditRepository } from "../../src/repositories/audit-events.js";
import { fileRepository } from "../../src/repositories/files.js";
import { createTestContext, type TestContext } from "../helpers/context.js";
import {
  addTestMember,
  createTestCustomer,
  createTestOrganization,
  type TestOrganization,
} from "../helpers/factories.js";
import { buildTestApp, signIn, type TestApp } from "../helpers/http.js";

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

interface Unit {
  organization: TestOrganization;
  cookie: string;
  base: string;
}

async function createUnit(): Promise<Unit> {
  const organization = await createTestOrganization(context);
  const cookie = await signIn(app, organization.admin.email);
  return { organization, cookie, base: `/api/business-units/${organization.businessUnitId}` };
}

function getConfig(unit: Unit, cookie = unit.cookie) {
  return app.inject({ method: "GET", url: `${unit.base}/portal`, headers: { cookie } });
}

function putConfig(unit: Unit, payload: Record<string, unknown>, cookie = unit.cookie) {
  return app.inject({ method: "PUT", url: `${unit.base}/portal`, headers: { cookie }, payload });
}

function uploadLogo(unit: Unit, body: Buffer, contentType: string, cookie = unit.cookie) {
  return app.inject({
    method: "POST",
    url: `${unit.base}/portal/logo`,
    headers: { cookie, "content-type": contentType },
    payload: body,
  });
}

/** Reads the stored logo file named by a `/portal-api/logos/<unit>/<file>` address. */
async function storedLogo(unit: Unit, logoUrl: string) {
  const fileId = logoUrl.split("/").at(-1) as string;
  const file = await fileRepository(context.db, unit.organization.organizationId).find(fileId);
  expect(file).toBeDefined();
  return file!;
}

function image(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: "#336699" } });
}

const FIELD_FORM = {
  fields: [
    {
      type: "short_text",
      code: "boiler_model",
      label: { en: "Boiler model", fr: "Modèle de chaudière" },
      showOnPortal: true,
    },
    { type: "yes_no", code: "pets", label: { en: "Pets at home", fr: "Animaux" } },
  ],
};

async function createType(unit: Unit, name = "Boiler service"): Promise<string> {
  const response = await app.inject({
    method: "POST",
    url: `${unit.base}/activity-types`,
    headers: { cookie: unit.cookie },
    payload: { name, defaultDurationMinutes: 60, activityForm: FIELD_FORM },
  });
  expect(response.statusCode).toBe(201);
  return response.json().id;
}

async function createActivity(
  unit: Unit,
  typeId: string,
  customerId: string | null,
  answers: Record<string, unknown> = {},
): Promise<{ id: string; reference: string }> {
  const response = await app.inject({
    method: "POST",
    url: `${unit.base}/activities`,
    headers: { cookie: unit.cookie },
    payload: { activityTypeId: typeId, ...(customerId ? { customerId } : {}), answers },
  });
  expect(response.statusCode).toBe(201);
  return { id: response.json().id, reference: response.json().reference };
}

describe("portal settings", () => {
  it("returns defaults before any change", async () => {
    const unit = await createUnit();

    const response = await getConfig(unit);

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      enabled: false,
      slug: null,
      displayName: `Paris ${unit.organization.suffix}`,
      logoUrl: null,
      contactPhone: null,
      contactEmail: null,
      address: null,
      information: "",
      informationHtml: "",
      accessByDefault: false,
      loginChannels: "both",
      portalUrl: "http://127.0.0.1:3000/portal",
      customerCount: 0,
      customersWithAccess: 0,
    });
  });

  it("saves and returns normalized settings", async () => {
    const unit = await createUnit();
    const slug = `paris-${unit.organization.suffix}`;

    const saved = await putConfig(unit, {
      enabled: true,
      slug: `  ${slug.toUpperCase()} `,
      displayName: "Chauffage Durand",
      contactPhone: "04 72 00 00 00",
      contactEmail: " Contact@Durand.example ",
      address: "1 Rue de Rivoli\n75001 Paris",
      information: "Open **Monday** to *Friday*.\n\n- Call us\n- [Write](mailto:contact@durand.example)",
      accessByDefault: true,
      loginChannels: "email",
    });

    expect(saved.statusCode).toBe(200);
    const expected = {
      enabled: true,
      slug,
      displayName: "Chauffage Durand",
      logoUrl: null,
      contactPhone: "+33472000000",
      contactEmail: "Contact@Durand.example",
      address: "1 Rue de Rivoli\n75001 Paris",
      information: "Open **Monday** to *Friday*.\n\n- Call us\n- [Write](mailto:contact@durand.example)",
      informationHtml:
        "<p>Open <strong>Monday</strong> to <em>Friday</em>.</p>\n<ul>\n<li>Call us</li>\n" +
        '<li><a href="mailto:contact@durand.example" rel="noopener noreferrer">Write</a></li>\n</ul>',
      accessByDefault: true,
      loginChannels: "email",
      portalUrl: `http://127.0.0.1:3000/portal/${slug}`,
      customerCount: 0,
      customersWithAccess: 0,
    };
    expect(saved.json()).toEqual(expected);
    expect((await getConfig(unit)).json()).toEqual(expected);
  });

  it("records changed keys without values", async () => {
    const unit = await createUnit();
    await putConfig(unit, { enabled: true, displayName: "First name" });
    context.clock.advanceSeconds(60);

    await putConfig(unit, { enabled: true, displayName: "Second name", loginChannels: "sms" });

    const events = await auditRepository(context.db, unit.organization.organizationId).listForSubject(
      "business_unit",
      unit.organization.businessUnitId,
    );
    expect(events.map((event) => event.action)).toEqual([
      "portal_settings_changed",
      "portal_settings_changed",
    ]);
    expect(events[0]?.details).toEqual({ changed: ["displayName", "loginChannels"] });
    expect(events[1]?.details).toEqual({ changed: ["enabled", "displayName"] });
    expect(events[0]?.actor?.name).toBe("Ada Admin");
  });

  it("records nothing when nothing changed", async () => {
    const unit = await createUnit();

    await putConfig(unit, {});

    const events = await auditRepository(context.db, unit.organization.organizationId).listForSubject(
      "business_unit",
      unit.organization.businessUnitId,
    );
    expect(events).toEqual([]);
  });

  it("rejects a slug of another organization", async () => {
    const first = await createUnit();
    const second = await createUnit();
    const slug = `lyon-${first.organization.suffix}`;
    expect((await putConfig(first, { slug })).statusCode).toBe(200);

    const response = await putConfig(second, { slug: slug.toUpperCase() });

    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe("slug_taken");
    expect(response.json().error.details.fields).toEqual([
      { path: "slug", code: "slug_taken", value: slug, message: "is already used by another company" },
    ]);
  });

  it("gives a slug to one of two concurrent requests", async () => {
    const first = await createUnit();
    const second = await createUnit();
    const slug = `race-${first.organization.suffix}`;

    const responses = await Promise.all([putConfig(first, { slug }), putConfig(second, { slug })]);

    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, 409]);
    const refused = responses.find((response) => response.statusCode === 409);
    expect(refused?.json().error.code).toBe("slug_taken");
  });

  it("keeps the unit's own slug", async () => {
    const unit = await createUnit();
    const slug = `own-${unit.organization.suffix}`;
    await putConfig(unit, { slug });

    const response = await putConfig(unit, { slug, displayName: "Other" });

    expect(response.statusCode).toBe(200);
    expect(response.json().slug).toBe(slug);
  });

  it("rejects reserved and invalid slugs naming the value", async () => {
    const unit = await createUnit();
    const cases = [
      { slug: "preview", code: "reserved_slug" },
      { slug: "sign-in", code: "reserved_slug" },
      { slug: "ab", code: "slug_too_short" },
      { slug: "-lyon", code: "invalid_slug_hyphens" },
      { slug: "lyon--nord", code: "invalid_slug_hyphens" },
      { slug: "café-lyon", code: "invalid_slug_characters" },
      { slug: "a".repeat(41), code: "slug_too_long" },
    ];

    for (const { slug, code } of cases) {
      const response = await putConfig(unit, { slug });

      expect(response.statusCode, slug).toBe(400);
      const [field] = response.json().error.details.fields;
      expect(field.path, slug).toBe("slug");
      expect(field.code, slug).toBe(code);
      expect(field.value, slug).toBe(slug);
      expect(field.message, slug).toContain(`"${slug}"`);
    }
  });

  it("rejects a bad phone and email naming both", async () => {
    const unit = await createUnit();

    const response = await putConfig(unit, { contactPhone: "6 12 34", contactEmail: "contact@" });

    expect(response.statusCode).toBe(400);
    const fields = response.json().error.details.fields;
    expect(fields.map((field: { path: string; value: string }) => [field.path, field.value])).toEqual([
      ["contactPhone", "6 12 34"],
      ["contactEmail", "contact@"],
    ]);
    expect(fields[1].message).toBe(
      '"contact@" is not a valid email address. Enter one such as contact@example.com.',
    );
  });

  it("lets planners read and only admins write", async () => {
    const unit = await createUnit();
    const planner = await addTestMember(context, unit.organization, ["planner"], { passwordChosen: true });
    const cookie = await signIn(app, planner.email);

    expect((await getConfig(unit, cookie)).statusCode).toBe(200);
    const write = await putConfig(unit, { enabled: true }, cookie);
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe("forbidden");
    const access = await app.inject({
      method: "POST",
      url: `${unit.base}/portal/access`,
      headers: { cookie },
      payload: { grant: true },
    });
    expect(access.statusCode).toBe(403);
    const logo = await uploadLogo(unit, await image(10, 10).png().toBuffer(), "image/png", cookie);
    expect(logo.statusCode).toBe(403);
  });

  it("hides another organization's unit", async () => {
    const unit = await createUnit();
    const stranger = await createUnit();

    const read = await getConfig(unit, stranger.cookie);
    const write = await putConfig(unit, { enabled: true }, stranger.cookie);

    expect(read.statusCode).toBe(404);
    expect(write.statusCode).toBe(404);
  });
});

describe("portal logo", () => {
  it("re-encodes a large PNG to fit 512 px", async () => {
    const unit = await createUnit();

    const response = await uploadLogo(unit, await image(1600, 800).png().toBuffer(), "image/png");

    expect(response.statusCode).toBe(200);
    const { logoUrl } = response.json();
    expect(logoUrl).toMatch(
      new RegExp(`^/portal-api/logos/${unit.organization.businessUnitId}/[0-9a-f-]{36}$`),
    );
    const file = await storedLogo(unit, logoUrl);
    expect(file.contentType).toBe("image/png");
    const metadata = await sharp(file.content).metadata();
    expect(metadata.format).toBe("png");
    expect(metadata.width).toBe(512);
    expect(metadata.height).toBe(256);
    expect((await getConfig(unit)).json().logoUrl).toBe(logoUrl);
  });

  it("turns a JPEG upright and drops its EXIF", async () => {
    const unit = await createUnit();
    const jpeg = await image(400, 200)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Artist: "Secret Artist" } })
      .toBuffer();

    const response = await uploadLogo(unit, jpeg, "image/jpeg");

    expect(response.statusCode).toBe(200);
    const file = await storedLogo(unit, response.json().logoUrl);
    const metadata = await sharp(file.content).metadata();
    expect(metadata.format).toBe("png");
    expect(metadata.width).toBe(200);
    expect(metadata.height).toBe(400);
    expect(metadata.exif).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    expect(Buffer.from(file.content).includes("Secret Artist")).toBe(false);
  });

  it("re-encodes a WebP without enlarging it", async () => {
    const unit = await createUnit();

    const response = await uploadLogo(unit, await image(120, 80).webp().toBuffer(), "image/webp");

    expect(response.statusCode).toBe(200);
    const metadata = await sharp((await storedLogo(unit, response.json().logoUrl)).content).metadata();
    expect(metadata.format).toBe("png");
    expect(metadata.width).toBe(120);
    expect(metadata.height).toBe(80);
  });

  it("rejects a text file named as PNG", async () => {
    const unit = await createUnit();

    const response = await uploadLogo(unit, Buffer.from("not an image at all\n"), "image/png");

    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe("invalid_image");
  });

  it("rejects images of other formats", async () => {
    const unit = await createUnit();
    const gif = await image(10, 10).gif().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"></svg>');

    const gifResponse = await uploadLogo(unit, gif, "image/png");
    const svgResponse = await uploadLogo(unit, svg, "image/webp");

    expect(gifResponse.statusCode).toBe(422);
    expect(gifResponse.json().error.message).toBe(
      "The file is a gif image, which is not accepted. Upload a PNG, JPEG or WebP image.",
    );
    expect(svgResponse.statusCode).toBe(422);
  });

  it("rejects a body over 2 MB", async () => {
    const unit = await createUnit();

    const response = await uploadLogo(unit, Buffer.alloc(2 * 1024 * 1024 + 1, 7), "image/png");

    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe("image_too_large");
  });

  it("replaces and removes the logo with its files", async () => {
    const unit = await createUnit();
    const first = (await uploadLogo(unit, await image(20, 20).png().toBuffer(), "image/png")).json().logoUrl;
    const second = (await uploadLogo(unit, await image(30, 30).png().toBuffer(), "image/png")).json().logoUrl;
    const files = fileRepository(context.db, unit.organization.organizationId);
    const fileId = (url: string) => url.split("/").at(-1) as string;

    expect(await files.find(fileId(first))).toBeUndefined();
    const removed = await app.inject({
      method: "DELETE",
      url: `${unit.base}/portal/logo`,
      headers: { cookie: unit.cookie },
    });

    expect(removed.statusCode).toBe(204);
    expect(await files.find(fileId(second))).toBeUndefined();
    expect((await getConfig(unit)).json().logoUrl).toBeNull();
  });
});

describe("portal access for all", () => {
  it("grants and revokes with counts and audit", async () => {
    const unit = await createUnit();
    for (let index = 0; index < 3; index++) await createTestCustomer(context, unit.organization);
    const setAccess = (grant: boolean) =>
      app.inject({
        method: "POST",
        url: `${unit.base}/portal/access`,
        headers: { cookie: unit.cookie },
        payload: { grant },
      });

    const granted = await setAccess(true);
    context.clock.advanceSeconds(60);
    const grantedAgain = await setAccess(true);
    const countsAfterGrant = (await getConfig(unit)).json();
    context.clock.advanceSeconds(60);
    const revoked = await setAccess(false);

    expect(granted.json()).toEqual({ updated: 3 });
    expect(grantedAgain.json()).toEqual({ updated: 0 });
    expect(countsAfterGrant.customerCount).toBe(3);
    expect(countsAfterGrant.customersWithAccess).toBe(3);
    expect(revoked.json()).toEqual({ updated: 3 });
    expect((await getConfig(unit)).json().customersWithAccess).toBe(0);
    const events = await auditRepository(context.db, unit.organization.organizationId).listForSubject(
      "business_unit",
      unit.organization.businessUnitId,
    );
    expect(events.map((event) => [event.action, event.details])).toEqual([
      ["portal_access_revoked_from_all", { updated: 3 }],
      ["portal_access_granted_to_all", { updated: 0 }],
      ["portal_access_granted_to_all", { updated: 3 }],
    ]);
  });

  it("leaves other units' customers alone", async () => {
    const unit = await createUnit();
    const other = await createUnit();
    const outsider = await createTestCustomer(context, other.organization);

    await app.inject({
      method: "POST",
      url: `${unit.base}/portal/access`,
      headers: { cookie: unit.cookie },
      payload: { grant: true },
    });

    const [row] = await context.db
      .select({ portalAccess: customers.portalAccess })
      .from(customers)
      .where(
        and(eq(customers.organizationId, other.organization.organizationId), eq(customers.id, outsider.id)),
      );
    expect(row?.portalAccess).toBe(false);
  });
});

describe("customer audit history", () => {
  it("lists the customer's events newest first", async () => {
    const unit = await createUnit();
    const customer = await createTestCustomer(context, unit.organization);
    const audit = auditRepository(context.db, unit.organization.organizationId);
    for (const minute of ["00", "05"]) {
      await audit.record({
        businessUnitId: unit.organization.businessUnitId,
        actorUserId: unit.organization.admin.id,
        action: "portal_preview_opened",
        subjectType: "customer",
        subjectId: customer.id,
        details: { minute },
        createdAt: new Date(`2026-03-02T09:${minute}:00Z`),
      });
    }

    const response = await app.inject({
      method: "GET",
      url: `${unit.base}/customers/${customer.id}/audit`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(200);
    const events = response.json().events;
    expect(events.map((event: { createdAt: string }) => event.createdAt)).toEqual([
      "2026-03-02T09:05:00.000Z",
      "2026-03-02T09:00:00.000Z",
    ]);
    expect(events[0].action).toBe("portal_preview_opened");
    expect(events[0].actor).toEqual({ id: unit.organization.admin.id, name: "Ada Admin" });
    expect(events[0].details).toEqual({ minute: "05" });
  });

  it("hides another organization's customer", async () => {
    const unit = await createUnit();
    const stranger = await createUnit();
    const customer = await createTestCustomer(context, stranger.organization);

    const response = await app.inject({
      method: "GET",
      url: `${unit.base}/customers/${customer.id}/audit`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(404);
  });
});

describe("activity type portal display", () => {
  it("returns defaults and the allowed codes", async () => {
    const unit = await createUnit();
    const typeId = await createType(unit);

    const response = await app.inject({
      method: "GET",
      url: `${unit.base}/activity-types/${typeId}/portal-display`,
      headers: { cookie: unit.cookie },
    });

    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.shown).toBe(false);
    expect(body.title).toBe("{activity.type}");
    expect(body.description).toBe("");
    expect(body.longDescription).toBe("");
    expect(body.codes.map((code: { code: string }) => code.code)).toEqual([
      "customer.name",
      "customer.first_name",
      "activity.reference",
      "activity.type",
      "activity.date",
      "activity.time",
      "activity.window",
      "activity.address",
      "activity.worker",
      "bu.name",
      "bu.phone",
      "bu.email",
      "activity.state",
      "form.boiler_model",
      "form.pets",
    ]);
  });

  it("saves texts with valid codes", async () => {
    const unit = await createUnit();
    const typeId = await createType(unit);
    const display = {
      shown: true,
      title: "{activity.type} on {activity.date}",
      description: "{activity.state}",
      longDescription: "Model: {form.boiler_model}\nCall {bu.phone}",
    };

    const saved = await app.inject({
      method: "PUT",
      url: `${unit.base}/activity-types/${typeId}/portal-display`,
      headers: { cookie: unit.cookie },
      payload: display,
    });
    const read = await app.inject({
      method: "GET",
      url: `${unit.base}/activity-types/${typeId}/portal-display`,
      headers: { cookie: unit.cookie },
    });

    expect(saved.statusCode).toBe(200);
    expect(read.json()).toMatchObject(display);
  });

  it("rejects an unknown code with line, column and suggestion", async () => {
    const unit = await createUnit();
    const typeId = await createType(unit);

    const response = await app.inject({
      method: "PUT",
      url: `${unit.base}/activity-types/${typeId}/portal-display`,
      headers: { cookie: unit.cookie },
      payload: { shown: true, title: "Visit", description: "", longDescription: "Hello\nOn {activity.dat}" },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("validation_failed");
    const [field] = response.json().error.details.fields;
    expect(field.path).toBe("longDescription");
    expect(field.code).toBe("unknown_replacement_code");
    expect(field.value).toBe("{activity.dat}");
    expect(field.line).toBe(2);
    expect(field.column).toBe(4);
    expect(field.suggestion).toBe("activity.date");
    expect(field.message).toMatch(
      /^Unknown replacement code \{activity\.dat\} at line 2, column 4 of the long description\. Did you mean \{activity\.date\}\?/,
    );
  });

  it("rejects writes by a planner", async () => {
    const unit = await createUnit();
    const typeId = await createType(unit);
    const planner = await addTestMember(context, unit.organization, ["planner"], { passwordChosen: true });

    const response = await app.inject({
      method: "PUT",
      url: `${unit.base}/activity-types/${typeId}/portal-display`,
      headers: { cookie: await signIn(app, planner.email) },
      payload: { shown: true, title: "Visit", description: "", longDescription: "" },
    });

    expect(response.statusCode).toBe(403);
  });
});

describe("portal display preview", () => {
  async function preparedUnit() {
    const unit = await createUnit();
    await putConfig(unit, { displayName: "Chauffage Durand", contactPhone: "04 72 00 00 00" });
    const typeId = await createType(unit);
    const customer = await createTestCustomer(context, unit.organization, {
      displayName: "<script>alert(1)</script> {bu.name}",
    });
    return { unit, typeId, customerId: customer.id };
  }

  function preview(unit: Unit, typeId: string, payload: Record<string, unknown>) {
    return app.inject({
      method: "POST",
      url: `${unit.base}/activity-types/${typeId}/portal-display/preview`,
      headers: { cookie: unit.cookie },
      payload,
    });
  }

  const TEXTS = {
    title: "{activity.type} for {customer.name}",
    description: "{activity.state}: {activity.date} {activity.window}",
    longDescription:
      "Model: {form.boiler_model}\nTechnician: {activity.worker}\nCall {bu.name} on {bu.phone}",
  };

  it("renders against the latest activity", async () => {
    const { unit, typeId, customerId } = await preparedUnit();
    await createActivity(unit, typeId, customerId, { boiler_model: "Old" });
    context.clock.advanceSeconds(60);
    const latest = await createActivity(unit, typeId, customerId, { boiler_model: "X200 <b>" });

    const response = await preview(unit, typeId, { ...TEXTS, language: "en" });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      activity: latest,
      title: "Boiler service for <script>alert(1)</script> {bu.name}",
      description: "To be scheduled:",
      longDescription: "Model: X200 <b>\nCall Chauffage Durand on +33 4 72 00 00 00",
      fields: [],
    });
  });

  it("renders a scheduled activity's date, window and worker", async () => {
    const { unit, typeId, customerId } = await preparedUnit();
    const policy = await app.inject({
      method: "PUT",
      url: `${unit.base}/activity-types/${typeId}/booking-policy`,
      headers: { cookie: unit.cookie },
      payload: { showWorker: true },
    });
    expect(policy.statusCode).toBe(200);
    const activity = await createActivity(unit, typeId, customerId);
    await context.db
      .update(activities)
      .set({
        assigneeId: unit.organization.admin.id,
        startAt: new Date("2026-06-10T07:00:00Z"),
        endAt: new Date("2026-06-10T08:00:00Z"),
        arrivalWindowStart: new Date("2026-06-10T07:00:00Z"),
        arrivalWindowEnd: new Date("2026-06-10T09:00:00Z"),
      })
      .where(
        and(eq(activities.organizationId, unit.organization.organizationId), eq(activities.id, activity.id)),
      );

    const english = await preview(unit, typeId, { ...TEXTS, activityId: activity.id, language: "en" });
    const french = await preview(unit, typeId, { ...TEXTS, activityId: activity.id });

    expect(english.json().description).toBe(
      "Scheduled: Wednesday 10 June 2026 between 09:00 and 11:00 Paris time",
    );
    expect(english.json().longDescription).toBe(
      "Technician: Ada Admin\nCall Chauffage Durand on +33 4 72 00 00 00",
    );
    expect(french.json().description).toBe(
      "Planifiée: mercredi 10 juin 2026 entre 09:00 et 11:00 (heure de Paris)",
    );
  });

  it("lists problems of unsaved texts", async () => {
    const { unit, typeId } = await preparedUnit();

    const response = await preview(unit, typeId, {
      title: "{activity.typ}",
      description: "",
      longDescription: "",
    });

    expect(response.statusCode).toBe(200);
    expect(response.json().activity).toBeNull();
    expect(response.json().title).toBe("");
    expect(response.json().fields).toEqual([
      expect.objectContaining({
        path: "title",
        code: "unknown_replacement_code",
        value: "{activity.typ}",
        severity: "error",
        line: 1,
        column: 1,
        suggestion: "activity.type",
      }),
    ]);
  });

  it("rejects an activity of another type", async () => {
    const { unit, typeId, customerId } = await preparedUnit();
    const otherType = await createType(unit, "Chimney sweeping");
    const activity = await createActivity(unit, otherType, customerId);

    const response = await preview(unit, typeId, { ...TEXTS, activityId: activity.id });

    expect(response.statusCode).toBe(404);
  });

  it("rejects an activity of another organization", async () => {
    const { unit, typeId } = await preparedUnit();
    const stranger = await preparedUnit();
    const activity = await createActivity(stranger.unit, stranger.typeId, stranger.customerId);

    const response = await preview(unit, typeId, { ...TEXTS, activityId: activity.id });

    expect(response.statusCode).toBe(404);
  });
});

describe("portal branding routes", () => {
  it("shows an enabled unit's name and logo", async () => {
    const unit = await createUnit();
    const slug = `brand-${unit.organization.suffix}`;
    await putConfig(unit, { enabled: true, slug, displayName: "Chauffage Durand", loginChannels: "sms" });
    const logoUrl = (await uploadLogo(unit, await image(64, 64).png().toBuffer(), "image/png")).json()
      .logoUrl;

    const branding = await app.inject({ method: "GET", url: `/portal-api/units/${slug.toUpperCase()}` });
    const logo = await app.inject({ method: "GET", url: logoUrl });

    expect(branding.statusCode).toBe(200);
    expect(branding.json()).toEqual({ slug, displayName: "Chauffage Durand", logoUrl, loginChannels: "sms" });
    expect(logo.statusCode).toBe(200);
    expect(logo.headers["content-type"]).toBe("image/png");
    expect(logo.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(logo.headers["x-content-type-options"]).toBe("nosniff");
    expect((await sharp(logo.rawPayload).metadata()).width).toBe(64);
  });

  it("hides a unit whose portal is disabled", async () => {
    const unit = await createUnit();
    const slug = `off-${unit.organization.suffix}`;
    await putConfig(unit, { enabled: false, slug });
    const logoUrl = (await uploadLogo(unit, await image(8, 8).png().toBuffer(), "image/png")).json().logoUrl;

    const branding = await app.inject({ method: "GET", url: `/portal-api/units/${slug}` });
    const logo = await app.inject({ method: "GET", url: logoUrl });

    expect(branding.statusCode).toBe(404);
    expect(branding.json().error.code).toBe("not_found");
    expect(logo.statusCode).toBe(404);
  });

  it("serves no file other than the current logo", async () => {
    const unit = await createUnit();
    await putConfig(unit, { enabled: true });
    const old = (await uploadLogo(unit, await image(8, 8).png().toBuffer(), "image/png")).json().logoUrl;
    await uploadLogo(unit, await image(9, 9).png().toBuffer(), "image/png");
    const [row] = await context.db
      .select({ logo: businessUnits.portalLogoFileId })
      .from(businessUnits)
      .where(eq(businessUnits.id, unit.organization.businessUnitId));
    const other = await createUnit();

    const replaced = await app.inject({ method: "GET", url: old });
    const wrongUnit = await app.inject({
      method: "GET",
      url: `/portal-api/logos/${other.organization.businessUnitId}/${row?.logo}`,
    });
    const malformed = await app.inject({ method: "GET", url: "/portal-api/logos/x/y" });

    expect(replaced.statusCode).toBe(404);
    expect(wrongUnit.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
  });

  it("returns 404 for an unknown slug", async () => {
    const response = await app.inject({ method: "GET", url: "/portal-api/units/no-such-portal-here" });

    expect(response.statusCode).toBe(404);
  });
});
