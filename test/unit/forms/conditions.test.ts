import { describe, expect, it } from "vitest";
import { isFieldVisible, visibleFields } from "../../../src/domain/forms/index.js";
import { buildForm, label } from "./helpers.js";

// heating → has_tank (only for oil) → tank_volume (only if there is a tank):
// hiding has_tank must hide tank_volume too.
const heatingForm = buildForm([
  {
    code: "heating",
    type: "single_choice",
    label: label("Heating"),
    options: [
      { value: "gas", label: label("Gas") },
      { value: "oil", label: label("Oil") },
      { value: "heat_pump", label: label("Heat pump") },
    ],
  },
  {
    code: "has_tank",
    type: "yes_no",
    label: label("Has a tank"),
    visibleWhen: { all: [{ field: "heating", operator: "is_one_of", values: ["oil"] }] },
  },
  {
    code: "tank_volume",
    type: "number",
    label: label("Tank volume"),
    visibleWhen: { all: [{ field: "has_tank", operator: "is_one_of", values: [true] }] },
  },
  {
    code: "no_tank_notice",
    type: "displayed_text",
    label: label("Notice"),
    text: label("Check the gas meter."),
    visibleWhen: { any: [{ field: "has_tank", operator: "is_not_one_of", values: [true] }] },
  },
]);

function visibleCodes(answers: Record<string, unknown>): string[] {
  return visibleFields(heatingForm, answers).map((field) => field.code);
}

describe("isFieldVisible", () => {
  it("shows fields without a condition", () => {
    expect(isFieldVisible(heatingForm, "heating", {})).toBe(true);
  });

  it("shows a field when its leaf matches", () => {
    expect(isFieldVisible(heatingForm, "has_tank", { heating: "oil" })).toBe(true);
  });

  it("hides a field when its leaf does not match", () => {
    expect(isFieldVisible(heatingForm, "has_tank", { heating: "gas" })).toBe(false);
  });

  it("hides a field whose is_one_of field is unanswered", () => {
    expect(isFieldVisible(heatingForm, "has_tank", {})).toBe(false);
  });

  it("shows is_not_one_of on an unanswered field", () => {
    expect(isFieldVisible(heatingForm, "no_tank_notice", { heating: "oil" })).toBe(true);
  });

  it("hides dependents of a hidden field", () => {
    // has_tank is hidden for gas, so its stale answer neither shows tank_volume nor counts as "not true".
    const answers = { heating: "gas", has_tank: true };

    expect(isFieldVisible(heatingForm, "tank_volume", answers)).toBe(false);
    expect(isFieldVisible(heatingForm, "no_tank_notice", answers)).toBe(false);
  });

  it("shows dependents of a visible field", () => {
    expect(isFieldVisible(heatingForm, "tank_volume", { heating: "oil", has_tank: true })).toBe(true);
  });

  it("returns false for an unknown code", () => {
    expect(isFieldVisible(heatingForm, "nothing_here", {})).toBe(false);
  });

  it("treats an invalid answer as not matching", () => {
    expect(isFieldVisible(heatingForm, "has_tank", { heating: 42 })).toBe(false);
    expect(isFieldVisible(heatingForm, "no_tank_notice", { heating: "oil", has_tank: "maybe" })).toBe(false);
  });
});

describe("visibleFields", () => {
  it("lists fields in form order", () => {
    expect(visibleCodes({ heating: "oil", has_tank: true })).toEqual(["heating", "has_tank", "tank_volume"]);
  });

  it("hides a chain transitively", () => {
    expect(visibleCodes({ heating: "heat_pump", has_tank: true, tank_volume: 1000 })).toEqual(["heating"]);
  });

  it("shows displayed text whose condition holds", () => {
    expect(visibleCodes({ heating: "oil", has_tank: false })).toEqual([
      "heating",
      "has_tank",
      "no_tank_notice",
    ]);
  });
});

describe("nested all and any", () => {
  // Show "ladder" for (roof work and height >= 3) or access by "window".
  const form = buildForm([
    {
      code: "work",
      type: "multiple_choice",
      label: label("Work"),
      options: [
        { value: "roof", label: label("Roof") },
        { value: "boiler", label: label("Boiler") },
        { value: "garden", label: label("Garden") },
      ],
    },
    { code: "height", type: "rating", label: label("Height class") },
    { code: "access", type: "short_text", label: label("Access") },
    {
      code: "ladder",
      type: "yes_no",
      label: label("Ladder needed"),
      visibleWhen: {
        any: [
          {
            all: [
              { field: "work", operator: "is_one_of", values: ["roof"] },
              { field: "height", operator: "is_not_one_of", values: [1, 2] },
            ],
          },
          { field: "access", operator: "is_one_of", values: ["window"] },
        ],
      },
    },
  ]);

  const cases: [string, Record<string, unknown>, boolean][] = [
    ["roof and height 4", { work: ["boiler", "roof"], height: 4 }, true],
    ["roof and height 2", { work: ["roof"], height: 2 }, false],
    ["roof, height unanswered", { work: ["roof"] }, true],
    ["roof, height as text", { work: ["roof"], height: "5" }, true],
    ["no roof", { work: ["boiler", "garden"], height: 5 }, false],
    ["no work chosen", { work: [], height: 5 }, false],
    ["window access alone", { access: "  window " }, true],
    ["other access", { access: "door" }, false],
  ];

  for (const [name, answers, expected] of cases) {
    it(`evaluates ${name}`, () => {
      expect(isFieldVisible(form, "ladder", answers)).toBe(expected);
    });
  }
});

describe("conditions on list answers", () => {
  const form = buildForm([
    {
      code: "rooms",
      type: "multiple_choice",
      label: label("Rooms"),
      options: [
        { value: "kitchen", label: label("Kitchen") },
        { value: "bathroom", label: label("Bathroom") },
        { value: "cellar", label: label("Cellar") },
      ],
    },
    {
      code: "wet_rooms",
      type: "short_text",
      label: label("Wet rooms"),
      visibleWhen: { all: [{ field: "rooms", operator: "is_one_of", values: ["kitchen", "bathroom"] }] },
    },
    {
      code: "dry_only",
      type: "short_text",
      label: label("Dry only"),
      visibleWhen: { all: [{ field: "rooms", operator: "is_not_one_of", values: ["kitchen", "bathroom"] }] },
    },
  ]);

  it("is_one_of means any overlap", () => {
    expect(isFieldVisible(form, "wet_rooms", { rooms: ["cellar", "bathroom"] })).toBe(true);
  });

  it("is_one_of fails without overlap", () => {
    expect(isFieldVisible(form, "wet_rooms", { rooms: ["cellar"] })).toBe(false);
  });

  it("is_not_one_of means no overlap", () => {
    expect(isFieldVisible(form, "dry_only", { rooms: ["cellar"] })).toBe(true);
  });

  it("is_not_one_of fails on overlap", () => {
    expect(isFieldVisible(form, "dry_only", { rooms: ["cellar", "kitchen"] })).toBe(false);
  });
});
