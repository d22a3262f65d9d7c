import i18next from "i18next";
import { MAX_DISPLAY_TEXT_LENGTH } from "../../../../src/domain/portal/display-texts.js";
import { ApiError } from "../../../shared/api";
import { PORTAL_TEXT_FIELDS, type PortalTextField, type PortalTextProblem } from "../../lib/portal";

export function isPortalTextField(value: string): value is PortalTextField {
  return (PORTAL_TEXT_FIELDS as readonly string[]).includes(value);
}

/** Returns the text problems of a rejected save, or an empty list when the error names none. */
export function portalTextProblemsOf(error: unknown): PortalTextProblem[] {
  if (!(error instanceof ApiError)) {
    return [];
  }
  return error.fieldErrors.filter((field) => isPortalTextField(field.path.split(".")[0] ?? ""));
}

const braced = (code: string) => (code.startsWith("{") ? code : `{${code}}`);

/** Describes what is wrong, lower-case first, without the position. Unknown codes show the server's message. */
function describeProblem(problem: PortalTextProblem, field: PortalTextField): string | null {
  const t = i18next.t;
  const value = typeof problem.value === "string" ? problem.value : "";
  const suggestion =
    problem.suggestion === undefined
      ? undefined
      : t("catalog:portalDisplay.problems.suggestion", { suggestion: braced(problem.suggestion) });
  const braces = { open: "{{", close: "}}" };
  switch (problem.code) {
    case "unknown_replacement_code":
    case "replacement_code_not_allowed": {
      const fix = suggestion ?? t("catalog:portalDisplay.problems.useListed");
      return `${t(`catalog:portalDisplay.problems.${problem.code}`, { code: value })} ${fix}`;
    }
    case "invalid_replacement_code": {
      const problemText = t("catalog:portalDisplay.problems.invalid_replacement_code", { code: value });
      return suggestion === undefined ? problemText : `${problemText} ${suggestion}`;
    }
    case "unclosed_brace":
    case "unmatched_closing_brace":
      return t(`catalog:portalDisplay.problems.${problem.code}`, braces);
    case "escaped_replacement_code": {
      // The value is the code between double braces, such as {{activity.date}}.
      const name = value.replace(/^\{+|\}+$/g, "");
      return t("catalog:portalDisplay.problems.escaped_replacement_code", {
        escaped: value,
        code: braced(name),
      });
    }
    case "line_break_in_title":
      return t("catalog:portalDisplay.problems.line_break_in_title");
    case "too_long":
      return t("catalog:portalDisplay.problems.too_long", { max: MAX_DISPLAY_TEXT_LENGTH[field] });
    default:
      return null;
  }
}

/**
 * Returns a problem in the current language with its place, such as "Line 2, column 8: unknown
 * replacement code {activity.dat}. Did you mean {activity.date}?". Codes that this screen does
 * not know show the server's English message, which names the place itself.
 */
export function portalTextProblemText(problem: PortalTextProblem): string {
  const field = problem.path.split(".")[0] ?? "";
  const described = isPortalTextField(field) ? describeProblem(problem, field) : null;
  if (described === null) {
    return problem.message;
  }
  if (problem.line === undefined || problem.column === undefined) {
    return described.charAt(0).toUpperCase() + described.slice(1);
  }
  return i18next.t("catalog:portalDisplay.problems.located", {
    line: problem.line,
    column: problem.column,
    problem: described,
  });
}

/** Groups problems by the text they concern, as translated lines. */
export function problemLinesByField(
  problems: readonly PortalTextProblem[],
): Partial<Record<PortalTextField, string[]>> {
  const lines: Partial<Record<PortalTextField, string[]>> = {};
  for (const problem of problems) {
    const field = problem.path.split(".")[0] ?? "";
    if (isPortalTextField(field)) {
      const text = portalTextProblemText(problem);
      const list = lines[field] ?? [];
      if (!list.includes(text)) {
        list.push(text);
      }
      lines[field] = list;
    }
  }
  return lines;
}
