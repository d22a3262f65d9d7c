import { parseLocalDate } from "./calendar.js";
import type { ValidationProblem } from "./types.js";

/** Helpers shared by the validators, and the error thrown for invalid input. */

/** Path from a validated value to one of its fields, in the form zod uses. */
export type Path = (string | number)[];

/** Thrown when working-time functions get input that the validators reject. */
export class InvalidWorkingTimeInputError extends Error {
  readonly problems: ValidationProblem[];

  constructor(problems: ValidationProblem[]) {
    const details = problems.map((problem) => `${problem.path.join(".") || "(root)"}: ${problem.message}`);
    super(`Invalid working-time input: ${details.join(" ")}`);
    this.name = "InvalidWorkingTimeInputError";
    this.problems = problems;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reports each field of `value` that is not in `fields`, so that a misspelt field is not silently ignored. */
export function checkKnownFields(
  value: Record<string, unknown>,
  fields: string[],
  path: Path,
): ValidationProblem[] {
  return Object.keys(value)
    .filter((key) => !fields.includes(key))
    .map((key) => ({
      path: [...path, key],
      message: `Unknown field "${key}": expected ${fields.join(", ")}.`,
    }));
}

/** Checks a "YYYY-MM-DD" date and returns its day number when it is a real date. */
export function checkLocalDate(
  value: unknown,
  path: Path,
  problems: ValidationProblem[],
): number | undefined {
  const dayNumber = typeof value === "string" ? parseLocalDate(value) : undefined;
  if (dayNumber === undefined) {
    problems.push({ path, message: `Invalid date ${JSON.stringify(value)}: use a real date as YYYY-MM-DD.` });
  }
  return dayNumber;
}
