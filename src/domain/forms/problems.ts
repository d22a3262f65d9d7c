/**
 * One reason why a form definition or a set of answers is invalid. The shape matches the
 * `fields` entries of a `validation_failed` API error, so a route can return problems as they are.
 */
export interface FormProblem {
  /** Dotted path in the checked object, e.g. `fields.2.code` or `answers.boiler_model`. */
  path: string;
  /** Stable machine-readable reason, e.g. `duplicate_code`; the UI translates it. */
  code: string;
  /** Plain English sentence naming the field and the value, and saying what to do. */
  message: string;
  /** The offending value as it was given, when there is one. */
  value?: unknown;
}

const MAX_DESCRIBED_LENGTH = 60;

/** Formats a value for a message: JSON, cut to 60 characters so that a long text stays readable. */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return "nothing";
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  if (text.length > MAX_DESCRIBED_LENGTH) {
    return `${text.slice(0, MAX_DESCRIBED_LENGTH - 1)}…`;
  }
  return text;
}

/** Formats a list of allowed values for a message, e.g. `"ok", "ko"`. */
export function describeList(values: readonly unknown[]): string {
  return values.map((value) => describeValue(value)).join(", ");
}

export function joinPath(segments: readonly PropertyKey[]): string {
  return segments.map((segment) => String(segment)).join(".");
}
