import type { ValidationProblem } from "../domain/scheduling/working-time/index.js";
import { AppError, type FieldProblem } from "../server/errors.js";

/** Builds one `validation_failed` error listing every problem, each naming its field. */
export function validationError(problems: FieldProblem[]): AppError {
  return new AppError(
    "validation_failed",
    problems.map((problem) => `${problem.path}: ${problem.message}`).join("; "),
    { fields: problems },
  );
}

/** Turns the working-time domain's problems into field problems under `prefix`. */
export function toFieldProblems(problems: ValidationProblem[], prefix: string): FieldProblem[] {
  return problems.map((problem) => ({
    path: [prefix, ...problem.path].filter((part) => part !== "").join("."),
    code: "invalid_working_time",
    message: problem.message,
  }));
}

/** Returns the SQLSTATE of a database error, from `pg` or PGlite, also when drizzle wraps it. */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === "23503";
}
