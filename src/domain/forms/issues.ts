import type { z } from "zod";
import { describeList, describeValue, type FormProblem, joinPath } from "./problems.js";
import { FIELD_TYPES } from "./schema.js";

type Issue = z.core.$ZodIssue;

/** The location of one parse's issues: the path prefix, e.g. `fields.3`, and how messages name it. */
export interface IssueContext {
  prefix: readonly PropertyKey[];
  /** Start of each message, e.g. `Field "boiler_model"`. */
  subject: string;
  /** The field type, used to say which properties a field of that type has. */
  fieldType?: string | undefined;
}

const EXPECTED_DESCRIPTIONS: Record<string, string> = {
  string: "a text string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

/**
 * Scores how badly a union branch's issues fit the value's shape: each missing or unknown
 * property of the value itself counts. A nested union scores as its best branch.
 */
function shapeMismatch(issues: readonly Issue[]): number {
  let score = 0;
  for (const issue of issues) {
    if (issue.code === "invalid_union" && issue.path.length === 0 && issue.errors.length > 0) {
      score += Math.min(...issue.errors.map(shapeMismatch));
    } else if (issue.code === "unrecognized_keys" && issue.path.length === 0) {
      score += issue.keys.length;
    } else if (issue.path.length === 1 && issue.input === undefined) {
      score += 1;
    }
  }
  return score;
}

/** Converts zod issues, parsed with `reportInput: true`, into problems with plain English messages. */
export function problemsFromIssues(issues: readonly Issue[], context: IssueContext): FormProblem[] {
  return issues.flatMap((issue) => problemsFromIssue(issue, context));
}

function problemsFromIssue(issue: Issue, context: IssueContext): FormProblem[] {
  const segments = [...context.prefix, ...issue.path];
  const path = joinPath(segments);
  const property = issue.path.length === 0 ? "the value" : joinPath(issue.path);
  const { subject } = context;
  const withValue = (problem: FormProblem): FormProblem =>
    issue.input === undefined ? problem : { ...problem, value: issue.input };

  switch (issue.code) {
    case "invalid_union": {
      if (issue.discriminator !== undefined) {
        // A discriminator issue carries the whole field as its input, so the type is read from it.
        const type = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator];
        if (type === undefined) {
          const message = `${subject}: type is missing. Set it to one of ${describeList(FIELD_TYPES)}.`;
          return [{ path, code: "missing", message }];
        }
        const message = `${subject}: type ${describeValue(type)} is not a field type. Use one of ${describeList(FIELD_TYPES)}.`;
        return [{ path, code: "invalid_field_type", message, value: type }];
      }
      // Display conditions are the only plain unions: report the branch whose shape the value has.
      const scores = issue.errors.map(shapeMismatch);
      const best = scores.indexOf(Math.min(...scores));
      const branch = issue.errors[best];
      if (branch === undefined || scores[best] !== 0) {
        const message =
          `${subject}: ${property} ${describeValue(issue.input)} is not a condition. Use ` +
          '{ "all": [...] }, { "any": [...] } or { "field": ..., "operator": ..., "values": [...] }.';
        return [withValue({ path, code: "invalid_condition", message })];
      }
      return problemsFromIssues(branch, { ...context, prefix: segments });
    }

    case "invalid_type": {
      const expected = EXPECTED_DESCRIPTIONS[issue.expected] ?? issue.expected;
      if (issue.input === undefined) {
        return [{ path, code: "missing", message: `${subject}: ${property} is missing. Add ${expected}.` }];
      }
      const message = `${subject}: ${property} must be ${expected}, not ${describeValue(issue.input)}.`;
      return [withValue({ path, code: "invalid_type", message })];
    }

    case "unrecognized_keys": {
      const owner = context.fieldType === undefined ? "this object" : `${context.fieldType} fields`;
      return issue.keys.map((key) => ({
        path: joinPath([...segments, key]),
        code: "unknown_property",
        message: `${subject}: "${key}" is not a property of ${owner}. Remove it.`,
      }));
    }

    case "invalid_value": {
      const message =
        `${subject}: ${property} is ${describeValue(issue.input)}, but must be one of ` +
        `${describeList(issue.values)}.`;
      return [withValue({ path, code: "invalid_value", message })];
    }

    case "too_big":
    case "too_small": {
      const countedUnits: Record<string, string> = {
        string: "characters",
        array: "items",
      };
      if (issue.origin !== "string" && issue.origin !== "array" && issue.origin !== "number") {
        break;
      }
      // Messages set on the schema (e.g. "needs at least one option") already say what to do.
      if (!issue.message.startsWith("Too ")) {
        return [withValue({ path, code: issue.code, message: `${subject}, ${property}: ${issue.message}` })];
      }
      const bound = issue.code === "too_big" ? `at most ${issue.maximum}` : `at least ${issue.minimum}`;
      const unit = countedUnits[issue.origin];
      const requirement = unit === undefined ? `must be ${bound}` : `must have ${bound} ${unit}`;
      const message = `${subject}: ${property} ${requirement}, not ${describeValue(issue.input)}.`;
      return [withValue({ path, code: issue.code, message })];
    }

    case "invalid_format": {
      const code =
        issue.path.at(-1) === "code" || issue.path.at(-1) === "value" ? "invalid_code" : "invalid_format";
      return [withValue({ path, code, message: `${subject}, ${property}: ${issue.message}` })];
    }

    case "custom": {
      const code = typeof issue.params?.code === "string" ? issue.params.code : "invalid";
      return [withValue({ path, code, message: `${subject}, ${property}: ${issue.message}` })];
    }
  }

  return [withValue({ path, code: issue.code, message: `${subject}, ${property}: ${issue.message}` })];
}
