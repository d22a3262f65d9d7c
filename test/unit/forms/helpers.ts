import {
  type FormDefinition,
  type FormFieldInput,
  type FormKind,
  type FormProblem,
  validateFormDefinition,
} from "../../../src/domain/forms/index.js";

/** Validates a definition that the test expects to be valid, failing with its problems otherwise. */
export function buildForm(fields: FormFieldInput[], kind: FormKind = "activity"): FormDefinition {
  const result = validateFormDefinition({ fields }, { kind });
  if (!result.ok) {
    throw new Error(`Test form is invalid: ${JSON.stringify(result.problems, null, 2)}`);
  }
  return result.form;
}

/** Returns the problems of a definition that the test expects to be invalid. */
export function definitionProblems(definition: unknown, kind: FormKind = "activity"): FormProblem[] {
  const result = validateFormDefinition(definition, { kind });
  if (result.ok) {
    throw new Error("Expected the definition to be invalid, but it is valid.");
  }
  return result.problems;
}

/** Reduces problems to `path code` lines, for compact exact comparisons. */
export function pathsAndCodes(problems: readonly FormProblem[]): string[] {
  return problems.map((problem) => `${problem.path} ${problem.code}`);
}

export const label = (en: string) => ({ en, fr: en });
