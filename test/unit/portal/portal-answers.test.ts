import { describe, expect, it } from "vitest";
import { answerTexts, portalAnswers } from "../../../src/domain/forms/index.js";
import { buildForm, label } from "../forms/helpers.js";

const form = buildForm([
  { type: "short_text", code: "model", label: { en: "Boiler model", fr: "Modèle" }, showOnPortal: true },
  { type: "long_text", code: "notes", label: label("Notes") },
  {
    type: "single_choice",
    code: "access",
    label: { en: "Access", fr: "Accès" },
    options: [
      { value: "stairs", label: { en: "Stairs", fr: "Escalier" } },
      { value: "lift", label: { en: "Lift", fr: "" } },
    ],
    showOnPortal: true,
  },
  {
    type: "multiple_choice",
    code: "rooms",
    label: label("Rooms"),
    options: [
      { value: "kitchen", label: { en: "Kitchen", fr: "Cuisine" } },
      { value: "bath", label: { en: "Bathroom", fr: "Salle de bains" } },
    ],
    showOnPortal: true,
  },
  { type: "yes_no", code: "pets", label: { en: "Pets", fr: "Animaux" }, showOnPortal: true },
  {
    type: "short_text",
    code: "pet_names",
    label: label("Pet names"),
    showOnPortal: true,
    visibleWhen: { all: [{ field: "pets", operator: "is_one_of", values: [true] }] },
  },
  { type: "date", code: "since", label: label("Installed on"), showOnPortal: true },
  { type: "datetime", code: "last_visit", label: label("Last visit"), showOnPortal: true },
  { type: "number", code: "area", label: label("Area"), showOnPortal: true },
  { type: "rating", code: "mood", label: label("Mood"), showOnPortal: true },
  { type: "file", code: "photos", label: label("Photos"), showOnPortal: true },
  { type: "time", code: "arrival", label: label("Arrival"), showOnPortal: false },
]);

const answers = {
  model: "X200",
  notes: "Private note",
  access: "lift",
  rooms: ["bath", "kitchen"],
  pets: false,
  pet_names: "Rex",
  since: "2024-06-01",
  last_visit: "2026-01-15T13:30:00Z",
  area: 1234.5,
  mood: 4,
  photos: ["0b5c6f0e-1c8f-4c57-9a53-6f7e8c1d2a3b", "1b5c6f0e-1c8f-4c57-9a53-6f7e8c1d2a3b"],
  arrival: "08:30",
};

describe("portalAnswers", () => {
  it("formats answers shown on the portal in English", () => {
    expect(portalAnswers(form, answers, "en", { timeZone: "Europe/Paris" })).toEqual([
      { code: "model", label: "Boiler model", value: "X200" },
      { code: "access", label: "Access", value: "Lift" },
      { code: "rooms", label: "Rooms", value: "Kitchen, Bathroom" },
      { code: "pets", label: "Pets", value: "No" },
      { code: "since", label: "Installed on", value: "1 June 2024" },
      { code: "last_visit", label: "Last visit", value: "15 January 2026, 14:30" },
      { code: "area", label: "Area", value: "1,234.5" },
      { code: "mood", label: "Mood", value: "4/5" },
      { code: "photos", label: "Photos", value: "2 files" },
    ]);
  });

  it("formats answers in French with fallback labels", () => {
    expect(portalAnswers(form, answers, "fr", { timeZone: "Europe/Paris" })).toEqual([
      { code: "model", label: "Modèle", value: "X200" },
      { code: "access", label: "Accès", value: "Lift" },
      { code: "rooms", label: "Rooms", value: "Cuisine, Salle de bains" },
      { code: "pets", label: "Animaux", value: "Non" },
      { code: "since", label: "Installed on", value: "1er juin 2024" },
      { code: "last_visit", label: "Last visit", value: "15 janvier 2026 à 14:30" },
      { code: "area", label: "Area", value: "1\u202f234,5" },
      { code: "mood", label: "Mood", value: "4/5" },
      { code: "photos", label: "Photos", value: "2 fichiers" },
    ]);
  });

  it("shows an answer of a field made visible", () => {
    const shown = portalAnswers(form, { ...answers, pets: true }, "en");

    expect(shown.find((answer) => answer.code === "pets")).toEqual({
      code: "pets",
      label: "Pets",
      value: "Yes",
    });
    expect(shown.find((answer) => answer.code === "pet_names")?.value).toBe("Rex");
  });

  it("leaves out empty and invalid answers", () => {
    const shown = portalAnswers(form, { model: "  ", access: "boat", area: "many" }, "en");

    expect(shown).toEqual([]);
  });

  it("shows datetimes in UTC by default", () => {
    const [answer] = portalAnswers(form, { last_visit: "2026-01-15T13:30:00Z" }, "en");

    expect(answer?.value).toBe("15 January 2026, 13:30");
  });
});

describe("answerTexts", () => {
  it("includes fields not shown on the portal", () => {
    const texts = answerTexts(form, answers, "en");

    expect(texts.find((text) => text.code === "notes")?.value).toBe("Private note");
    expect(texts.find((text) => text.code === "arrival")?.value).toBe("08:30");
  });
});

describe("showOnPortal in definitions", () => {
  it("keeps a stored form without the flag unchanged", () => {
    const stored = buildForm([{ type: "short_text", code: "model", label: label("Model") }]);

    expect(stored.fields[0]).toEqual({
      type: "short_text",
      code: "model",
      label: label("Model"),
      required: false,
    });
  });

  it("rejects a flag that is not a boolean", () => {
    expect(() =>
      buildForm([{ type: "short_text", code: "model", label: label("Model"), showOnPortal: "yes" as never }]),
    ).toThrow(/showOnPortal/);
  });
});
