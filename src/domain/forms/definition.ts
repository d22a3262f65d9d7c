import { z } from "zod";
import { problemsFromIssues } from "./issues.js";
import type { FormProblem } from "./problems.js";
import {
  checkFormRules,
  entryOfField,
  type FieldEntry,
  fieldSubject,
  normalizeDefaultValues,
  rawEntry,
} from "./rules.js";
import { conditionGroupSchema, FIELD_TYPES, type FormField, formFieldSchema, MAX_FIELDS } from "./schema.js";
import { checkClosingSystemFields } from "./system-fields.js";

export const FORM_KINDS = ["activity", "closing"] as const;
/** `activity`: what is known before the visit. `closing`: the field worker's report. */
export type FormKind = (typeof FORM_KINDS)[number];

/** A validated form: its fields in display order. It is stored as JSON unchanged. */
export interface FormDefinition {
  fields: FormField[];
}

export type FormDefinitionResult =
  | { ok: true; form: FormDefinition }
  | { ok: false; problems: FormProblem[] };

/** Turns a dotted problem path back into zod path segments, numbers for array indexes. */
function pathSegments(path: string): (string | number)[] {
  if (path === "") {
    return [];
  }
  return path.split(".").map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function addProblems(problems: readonly FormProblem[], context: z.RefinementCtx): void {
  for (const problem of problems) {
    context.addIssue({
      code: "custom",
      path: pathSegments(problem.path),
      message: problem.message,
      params: { code: problem.code },
      input: problem.value,
    });
  }
}

function buildDefinitionSchema(kind: FormKind | undefined) {
  return z
    .strictObject({ fields: z.array(formFieldSchema).max(MAX_FIELDS) })
    .superRefine((definition, context) => {
      addProblems(checkFormRules(definition.fields.map(entryOfField)), context);
      if (kind === "closing") {
        addProblems(checkClosingSystemFields(definition.fields), context);
      }
    })
    .transform((definition): FormDefinition => ({ fields: normalizeDefaultValues(definition.fields) }));
}

/**
 * A form definition with every rule that does not depend on the form kind, for request schemas.
 * Rules across fields run only once every field has a valid shape; `validateFormDefinition`
 * reports all problems at once with friendlier messages. The output has normalized defaults.
 */
export const formDefinitionSchema = buildDefinitionSchema(undefined);

/** `formDefinitionSchema` plus the rules on the system fields of a closing form. */
export const closingFormDefinitionSchema = buildDefinitionSchema("closing");

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sorts problems by field position and keeps their order within a field. Form-wide problems come first. */
function sortByField(problems: FormProblem[]): FormProblem[] {
  const position = (problem: FormProblem) => {
    const match = /^fields\.(\d+)/.exec(problem.path);
    return match === null ? -1 : Number(match[1]);
  };
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => position(a.problem) - position(b.problem) || a.order - b.order)
    .map(({ problem }) => problem);
}

/**
 * Validates a form definition sent by an editor or read from storage and returns it normalized,
 * or returns every problem found. Problems include invalid shapes, duplicate codes and options,
 * invalid defaults and display conditions on unknown, later or answerless fields. A closing form
 * also gets problems for system fields that are missing, moved or changed.
 */
export function validateFormDefinition(
  definition: unknown,
  options: { kind: FormKind },
): FormDefinitionResult {
  if (!isPlainObject(definition)) {
    const message = 'The form definition must be an object such as { "fields": [] }.';
    return { ok: false, problems: [{ path: "", code: "invalid_type", message, value: definition }] };
  }

  const problems: FormProblem[] = [];
  for (const key of Object.keys(definition)) {
    if (key !== "fields") {
      const message = `"${key}" is not a property of a form definition, which has only "fields". Remove it.`;
      problems.push({ path: key, code: "unknown_property", message });
    }
  }

  const rawFields = definition.fields;
  if (!Array.isArray(rawFields)) {
    const code = rawFields === undefined ? "missing" : "invalid_type";
    const message =
      '"fields" is missing or not a list. Set it to the fields in display order, e.g. { "fields": [] }.';
    problems.push({ path: "fields", code, message, value: rawFields });
    return { ok: false, problems };
  }
  if (rawFields.length > MAX_FIELDS) {
    const message = `The form has ${rawFields.length} fields, more than the maximum of ${MAX_FIELDS}. Remove some.`;
    problems.push({ path: "fields", code: "too_big", message });
  }

  const entries: FieldEntry[] = rawFields.map((raw, index) => {
    const parsed = formFieldSchema.safeParse(raw, { reportInput: true });
    const entry = rawEntry(raw, index, parsed.data, parsed.data?.visibleWhen);
    if (parsed.success) {
      return entry;
    }

    const fieldType = (FIELD_TYPES as readonly unknown[]).includes(entry.type) ? entry.type : undefined;
    const context = { prefix: ["fields", index], subject: fieldSubject(entry), fieldType };
    problems.push(...problemsFromIssues(parsed.error.issues, context));
    // A valid condition is still checked against the other fields when another property is invalid.
    const condition = conditionGroupSchema.safeParse((raw as { visibleWhen?: unknown } | null)?.visibleWhen);
    return { ...entry, visibleWhen: condition.data };
  });

  problems.push(...checkFormRules(entries));
  if (options.kind === "closing") {
    problems.push(...checkClosingSystemFields(rawFields));
  }
  if (problems.length > 0) {
    return { ok: false, problems: sortByField(problems) };
  }

  // Every entry has a parsed field, since any parse failure added a problem.
  const fields = entries.map((entry) => entry.field as FormField);
  return { ok: true, form: { fields: normalizeDefaultValues(fields) } };
}
