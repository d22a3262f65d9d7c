import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/context.js";
import { addTestMember, createTestOrganization, type TestOrganization } from "../helpers/factories.js";
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

interface Catalog {
  organization: TestOrganization;
  cookie: string;
  base: string;
}

async function createCatalog(): Promise<Catalog> {
  const organization = await createTestOrganization(context);
  return {
    organization,
    cookie: await signIn(app, organization.admin.email),
    base: `/api/business-units/${organization.businessUnitId}`,
  };
}

const label = (en: string, fr: string) => ({ en, fr });

const boilerForm = {
  fields: [
    {
      code: "boiler_type",
      type: "single_choice",
      label: label("Boiler type", "Type de chaudière"),
      required: true,
      options: [
        { value: "gas", label: label("Gas", "Gaz") },
        { value: "oil", label: label("Oil", "Fioul") },
      ],
    },
    {
      code: "tank_litres",
      type: "number",
      label: label("Tank size (litres)", "Taille de la cuve (litres)"),
      required: true,
      min: 100,
      max: 5000,
      visibleWhen: { all: [{ field: "boiler_type", operator: "is_one_of", values: ["oil"] }] },
    },
    { code: "photo", type: "file", label: label("Photo", "Photo"), maxCount: 2 },
  ],
};

describe("activity types", () => {
  it("creates a type whose closing form starts with the system fields", async () => {
    const catalog = await createCatalog();

    const response = await app.inject({
      method: "POST",
      url: `${catalog.base}/activity-types`,
      headers: { cookie: catalog.cookie },
      payload: { name: "Entretien chaudière", defaultDurationMinutes: 90, activityForm: boilerForm },
    });

    expect(response.statusCode).toBe(201);
    const type = response.json();
    expect(type).toMatchObject({
      name: "Entretien chaudière",
      operatingMode: "on_site",
      defaultDurationMinutes: 90,
    });
    expect(type.closingForm.fields.map((field: { code: string }) => field.code)).toEqual([
      "actual_start",
      "actual_end",
      "result",
    ]);
    expect(type.activityForm.fields.map((field: { code: string }) => field.code)).toEqual([
      "boiler_type",
      "tank_litres",
      "photo",
    ]);
  });

  it("refuses a closing form without the result field", async () => {
    const catalog = await createCatalog();
    const created = await app.inject({
      method: "POST",
      url: `${catalog.base}/activity-types`,
      headers: { cookie: catalog.cookie },
      payload: { name: "Dépannage" },
    });
    const closingForm = created.json().closingForm;

    const response = await app.inject({
      method: "PATCH",
      url: `${catalog.base}/activity-types/${created.json().id}`,
      headers: { cookie: catalog.cookie },
      payload: {
        closingForm: {
          fields: closingForm.fields.filter((field: { code: string }) => field.code !== "result"),
        },
      },
    });

    expect(response.statusCode).toBe(400);
    const codes = response.json().error.details.fields.map((field: { code: string }) => field.code);
    expect(codes).toContain("system_field_missing");
    expect(response.json().error.details.fields[0].path).toMatch(/^closingForm\./);
  });

  it("reports a duplicate field code and a condition on a later field", async () => {
    const catalog = await createCatalog();

    const response = await app.inject({
      method: "POST",
      url: `${catalog.base}/activity-types`,
      headers: { cookie: catalog.cookie },
      payload: {
        name: "Installation",
        activityForm: {
          fields: [
            {
              code: "floor",
              type: "number",
              label: label("Floor", "Étage"),
              visibleWhen: { all: [{ field: "access", operator: "is_one_of", values: [true] }] },
            },
            { code: "access", type: "yes_no", label: label("Lift", "Ascenseur") },
            { code: "access", type: "short_text", label: label("Code", "Code") },
          ],
        },
      },
    });

    expect(response.statusCode).toBe(400);
    const codes = response.json().error.details.fields.map((field: { code: string }) => field.code);
    expect(codes).toContain("duplicate_code");
    expect(codes).toContain("field_not_before");
  });

  it("stores required skills with their minimum level", async () => {
    const catalog = await createCatalog();
    const skill = await app.inject({
      method: "POST",
      url: `${catalog.base}/skills`,
      headers: { cookie: catalog.cookie },
      payload: { name: "Fioul" },
    });

    const response = await app.inject({
      method: "POST",
      url: `${catalog.base}/activity-types`,
      headers: { cookie: catalog.cookie },
      payload: { name: "Ramonage", requiredSkills: [{ skillId: skill.json().id, minimumLevel: 3 }] },
    });
    const deleteSkill = await app.inject({
      method: "DELETE",
      url: `${catalog.base}/skills/${skill.json().id}`,
      headers: { cookie: catalog.cookie },
    });

    expect(response.json().requiredSkills).toEqual([
      { skillId: skill.json().id, name: "Fioul", minimumLevel: 3 },
    ]);
    expect(deleteSkill.statusCode).toBe(409);
    expect(deleteSkill.json().error.code).toBe("skill_in_use");
  });

  it("keeps planners from editing the catalog", async () => {
    const catalog = await createCatalog();
    const planner = await addTestMember(context, catalog.organization, ["planner"], { passwordChosen: true });
    const cookie = await signIn(app, planner.email);

    const response = await app.inject({
      method: "POST",
      url: `${catalog.base}/activity-types`,
      headers: { cookie },
      payload: { name: "Visite" },
    });
    const list = await app.inject({
      method: "GET",
      url: `${catalog.base}/activity-types`,
      headers: { cookie },
    });

    expect(response.statusCode).toBe(403);
    expect(list.statusCode).toBe(200);
  });

  it("rejects a second type with the same name in other letter cases", async () => {
    const catalog = await createCatalog();
    await app.inject({
      method: "POST",
      url: `${catalog.base}/activity-types`,
      headers: { cookie: catalog.cookie },
      payload: { name: "Visite annuelle" },
    });

    const response = await app.inject({
      method: "POST",
      url: `${catalog.base}/activity-types`,
      headers: { cookie: catalog.cookie },
      payload: { name: "VISITE ANNUELLE" },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0]).toMatchObject({ path: "name", code: "name_taken" });
  });
});

describe("answers on the server", () => {
  async function createBoilerType(catalog: Catalog): Promise<string> {
    const response = await app.inject({
      method: "POST",
      url: `${catalog.base}/activity-types`,
      headers: { cookie: catalog.cookie },
      payload: { name: "Entretien", activityForm: boilerForm },
    });
    return response.json().id;
  }

  it("requires a field only while its display condition holds", async () => {
    const catalog = await createCatalog();
    const typeId = await createBoilerType(catalog);
    const url = `${catalog.base}/activity-types/${typeId}/forms/activity/check`;

    const gas = await app.inject({
      method: "POST",
      url,
      headers: { cookie: catalog.cookie },
      payload: { answers: { boiler_type: "gas", tank_litres: 900 } },
    });
    const oil = await app.inject({
      method: "POST",
      url,
      headers: { cookie: catalog.cookie },
      payload: { answers: { boiler_type: "oil" } },
    });

    expect(gas.statusCode).toBe(200);
    expect(gas.json().answers).toEqual({ boiler_type: "gas" });
    expect(oil.statusCode).toBe(400);
    expect(oil.json().error.details.fields[0]).toMatchObject({
      path: "answers.tank_litres",
      code: "required",
    });
  });

  it("checks answers against an unsaved draft of the form", async () => {
    const catalog = await createCatalog();
    const typeId = await createBoilerType(catalog);
    const draft = {
      fields: [
        { code: "floor", type: "number", label: label("Floor", "Étage"), required: true, integer: true },
      ],
    };

    const response = await app.inject({
      method: "POST",
      url: `${catalog.base}/activity-types/${typeId}/forms/activity/check`,
      headers: { cookie: catalog.cookie },
      payload: { answers: { floor: 2.5 }, form: draft },
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0]).toMatchObject({
      path: "answers.floor",
      code: "not_integer",
    });
  });

  it("accepts an uploaded photo and rejects a file id of another organization", async () => {
    const catalog = await createCatalog();
    const other = await createCatalog();
    const typeId = await createBoilerType(catalog);
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const upload = (target: Catalog) =>
      app.inject({
        method: "POST",
        url: `${target.base}/files?fileName=chaudiere.png`,
        headers: { cookie: target.cookie, "content-type": "application/octet-stream" },
        payload: png,
      });
    const own = await upload(catalog);
    const foreign = await upload(other);
    const url = `${catalog.base}/activity-types/${typeId}/forms/activity/check`;

    const accepted = await app.inject({
      method: "POST",
      url,
      headers: { cookie: catalog.cookie },
      payload: { answers: { boiler_type: "gas", photo: [own.json().id] } },
    });
    const rejected = await app.inject({
      method: "POST",
      url,
      headers: { cookie: catalog.cookie },
      payload: { answers: { boiler_type: "gas", photo: [foreign.json().id] } },
    });
    const download = await app.inject({
      method: "GET",
      url: `/api/files/${own.json().id}`,
      headers: { cookie: catalog.cookie },
    });
    const foreignDownload = await app.inject({
      method: "GET",
      url: `/api/files/${foreign.json().id}`,
      headers: { cookie: catalog.cookie },
    });

    expect(own.statusCode).toBe(201);
    expect(own.json().contentType).toBe("image/png");
    expect(accepted.json().answers).toEqual({ boiler_type: "gas", photo: [own.json().id] });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().error.details.fields[0]).toMatchObject({
      path: "answers.photo",
      code: "unknown_file",
    });
    expect(download.headers["content-type"]).toBe("image/png");
    expect(download.rawPayload.equals(png)).toBe(true);
    expect(foreignDownload.statusCode).toBe(404);
  });

  it("rejects an upload that is not an image or PDF, whatever its name", async () => {
    const catalog = await createCatalog();

    const response = await app.inject({
      method: "POST",
      url: `${catalog.base}/files?fileName=photo.png`,
      headers: { cookie: catalog.cookie, "content-type": "application/octet-stream" },
      payload: Buffer.from("<script>alert(1)</script>"),
    });

    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.fields[0].code).toBe("unsupported_file_type");
  });
});
