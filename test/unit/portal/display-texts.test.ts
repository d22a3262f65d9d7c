import { describe, expect, it } from "vitest";
import { validateFormDefinition } from "../../../src/domain/forms/index.js";
import {
  activityStateLabel,
  listPortalCodes,
  portalFormFieldCodes,
  readPortalDisplay,
  renderPortalText,
  validatePortalDisplay,
} from "../../../src/domain/portal/display-texts.js";

const texts = (title: string, description = "", longDescription = "") => ({
  title,
  description,
  longDescription,
});

const ALLOWED =
  "{customer.name}, {customer.first_name}, {activity.reference}, {activity.type}, {activity.date}, " +
  "{activity.time}, {activity.window}, {activity.address}, {activity.worker}, {bu.name}, {bu.phone}, " +
  "{bu.email}, {activity.state}, {form.boiler_model}";

describe("readPortalDisplay", () => {
  it("fills defaults for an empty value", () => {
    expect(readPortalDisplay({})).toEqual({
      shown: false,
      title: "{activity.type}",
      description: "",
      longDescription: "",
    });
  });

  it("keeps valid keys and replaces invalid ones", () => {
    expect(readPortalDisplay({ shown: true, title: 42, description: "Visit" })).toEqual({
      shown: true,
      title: "{activity.type}",
      description: "Visit",
      longDescription: "",
    });
  });

  it("reads null as the defaults", () => {
    expect(readPortalDisplay(null).title).toBe("{activity.type}");
  });
});

describe("validatePortalDisplay", () => {
  it("accepts allowed codes and form codes", () => {
    const problems = validatePortalDisplay(
      texts(
        "{activity.type} on {activity.date}",
        "{activity.state}: {activity.window}",
        "Model {form.boiler_model}\n{{not a code}}",
      ),
      ["boiler_model"],
    );

    expect(problems).toEqual([]);
  });

  it("reports an unknown code with line, column and suggestion", () => {
    const problems = validatePortalDisplay(texts("Visit", "", "Hello,\nOn {activity.dat} we come"), [
      "boiler_model",
    ]);

    expect(problems).toEqual([
      {
        code: "unknown_replacement_code",
        severity: "error",
        part: "longDescription",
        offset: 10,
        line: 2,
        column: 4,
        value: "{activity.dat}",
        suggestion: "activity.date",
        message:
          "Unknown replacement code {activity.dat} at line 2, column 4 of the long description. " +
          `Did you mean {activity.date}? Use one of ${ALLOWED}.`,
      },
    ]);
  });

  it("suggests a form field code", () => {
    const [problem] = validatePortalDisplay(texts("{form.boiler_modle}"), ["boiler_model"]);

    expect(problem?.code).toBe("unknown_replacement_code");
    expect(problem?.suggestion).toBe("form.boiler_model");
  });

  it("rejects a form code of a field not in the form", () => {
    const [problem] = validatePortalDisplay(texts("{form.colour}"), ["boiler_model"]);

    expect(problem?.code).toBe("unknown_replacement_code");
    expect(problem?.suggestion).toBeUndefined();
    expect(problem?.value).toBe("{form.colour}");
  });

  it("rejects a message code that means nothing on the portal", () => {
    const [problem] = validatePortalDisplay(texts("", "Go to {portal.url}"), []);

    expect(problem?.code).toBe("replacement_code_not_allowed");
    expect(problem?.part).toBe("description");
    expect(
      problem?.message.startsWith(
        "Replacement code {portal.url} at line 1, column 7 of the description is not available on the customer portal.",
      ),
    ).toBe(true);
  });

  it("suggests the spelling of a code in capitals", () => {
    const [problem] = validatePortalDisplay(texts("{ Activity.Date }"), []);

    expect(problem?.code).toBe("invalid_replacement_code");
    expect(problem?.suggestion).toBe("activity.date");
    expect(problem?.message).toBe(
      "Invalid replacement code { Activity.Date } at line 1, column 1 of the title: write codes in lower case " +
        "without spaces, such as {activity.date}. Did you mean {activity.date}? Write {{ and }} for literal braces.",
    );
  });

  it("reports broken braces with their positions", () => {
    const problems = validatePortalDisplay(texts("Visit {activity.date", "Done }"), []);

    expect(
      problems.map(({ code, part, line, column, value }) => ({ code, part, line, column, value })),
    ).toEqual([
      { code: "unclosed_brace", part: "title", line: 1, column: 7, value: "{" },
      { code: "unmatched_closing_brace", part: "description", line: 1, column: 6, value: "}" },
    ]);
  });

  it("warns about a code written in double braces", () => {
    const [problem] = validatePortalDisplay(texts("{{activity.date}}"), []);

    expect(problem?.code).toBe("escaped_replacement_code");
    expect(problem?.severity).toBe("warning");
  });

  it("rejects a line break in the title", () => {
    const [problem] = validatePortalDisplay(texts("Visit\nof today"), []);

    expect(problem?.code).toBe("line_break_in_title");
    expect(problem?.line).toBe(1);
    expect(problem?.column).toBe(6);
  });

  it("rejects texts over their maximum length", () => {
    const problems = validatePortalDisplay(texts("x".repeat(201), "y".repeat(501), "z".repeat(5001)), []);

    expect(problems.map((problem) => problem.message)).toEqual([
      "The title has 201 characters, more than the maximum of 200. Shorten it.",
      "The description has 501 characters, more than the maximum of 500. Shorten it.",
      "The long description has 5001 characters, more than the maximum of 5000. Shorten it.",
    ]);
  });
});

describe("renderPortalText", () => {
  it("fills codes with their values", () => {
    const rendered = renderPortalText("{activity.type} on {activity.date}", {
      "activity.type": "Boiler service",
      "activity.date": "Wednesday 10 June 2026",
    });

    expect(rendered).toBe("Boiler service on Wednesday 10 June 2026");
  });

  it("renders a missing value empty, never as the code", () => {
    expect(renderPortalText("Visit {activity.date} for {customer.name}", { "customer.name": "Ann" })).toBe(
      "Visit  for Ann",
    );
  });

  it("drops a line whose codes are all empty", () => {
    const rendered = renderPortalText("Model: {form.boiler_model}\nTechnician: {activity.worker}\nThanks", {
      "form.boiler_model": "X200",
    });

    expect(rendered).toBe("Model: X200\nThanks");
  });

  it("keeps markup in values as plain text", () => {
    expect(renderPortalText("Hello {customer.name}", { "customer.name": "<b>{bu.name}</b>" })).toBe(
      "Hello <b>{bu.name}</b>",
    );
  });

  it("writes literal braces", () => {
    expect(renderPortalText("{{activity.date}} is {activity.date}", { "activity.date": "today" })).toBe(
      "{activity.date} is today",
    );
  });
});

describe("portal codes of a form", () => {
  const result = validateFormDefinition(
    {
      fields: [
        { type: "short_text", code: "boiler_model", label: { en: "Boiler model", fr: "Modèle" } },
        { type: "displayed_text", code: "note", label: { en: "Note", fr: "" }, text: { en: "Hi", fr: "" } },
      ],
    },
    { kind: "activity" },
  );
  if (!result.ok) throw new Error("test form is invalid");

  it("lists answer fields only", () => {
    expect(portalFormFieldCodes(result.form)).toEqual(["boiler_model"]);
  });

  it("describes the form codes last", () => {
    const codes = listPortalCodes(result.form);

    expect(codes.at(-2)).toEqual({
      code: "activity.state",
      description: "State of the activity, e.g. Scheduled or Completed",
    });
    expect(codes.at(-1)).toEqual({
      code: "form.boiler_model",
      description: 'Answer to the activity form field "Boiler model"; empty when not answered',
    });
  });

  it("labels states in French", () => {
    expect(activityStateLabel("to_close", "fr")).toBe("En attente de clôture");
  });
});
