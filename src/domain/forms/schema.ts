import { z } from "zod";

/**
 * Field codes and option values: a lowercase letter, then up to 39 lowercase letters, digits or
 * underscores. Answers are stored under the field code, so it must stay stable once in use.
 */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

// Limits on definitions, in characters or counts. They are product choices that keep stored forms
// and the editor manageable, not limits of another system.
export const MAX_LABEL_LENGTH = 200;
export const MAX_HELP_TEXT_LENGTH = 1_000;
export const MAX_DISPLAYED_TEXT_LENGTH = 10_000;
export const MAX_OPTIONS = 200;
export const MAX_FILE_COUNT = 100;
export const MAX_FIELDS = 200;

export const FIELD_TYPES = [
  "short_text",
  "long_text",
  "number",
  "date",
  "time",
  "datetime",
  "single_choice",
  "multiple_choice",
  "yes_no",
  "rating",
  "signature",
  "file",
  "displayed_text",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const CONDITION_OPERATORS = ["is_one_of", "is_not_one_of"] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export type ConditionValue = string | number | boolean;

/** A test on the answer to an earlier field of the same form. */
export interface ConditionLeaf {
  field: string;
  operator: ConditionOperator;
  values: ConditionValue[];
}

export type ConditionGroup = { all: Condition[] } | { any: Condition[] };
export type Condition = ConditionLeaf | ConditionGroup;

export const codeSchema = z.string().regex(CODE_PATTERN, {
  error: (issue) =>
    `${JSON.stringify(issue.input)} is not a valid code. Use 1 to 40 characters: a lowercase letter, ` +
    'then lowercase letters, digits or underscores, e.g. "boiler_model".',
});

/** Builds an English and French text of at most `maxLength` characters each, trimmed. */
function localizedText(maxLength: number, requireOne: boolean) {
  const language = z.string().trim().max(maxLength);
  const schema = z.strictObject({ en: language, fr: language });
  if (!requireOne) {
    return schema;
  }
  return schema.refine((text) => text.en !== "" || text.fr !== "", {
    error: "both the English and the French text are empty. Fill in at least one of them.",
    params: { code: "empty_text" },
  });
}

/** An English and French label; at least one language must be non-empty. */
export const labelSchema = localizedText(MAX_LABEL_LENGTH, true);
export type LocalizedText = z.infer<typeof labelSchema>;

const helpTextSchema = localizedText(MAX_HELP_TEXT_LENGTH, false);

const conditionValueSchema = z.union([z.string(), z.number(), z.boolean()]);

const conditionLeafSchema = z.strictObject({
  field: codeSchema,
  operator: z.enum(CONDITION_OPERATORS),
  values: z
    .array(conditionValueSchema)
    .min(1, { error: "give at least one value to compare the answer with." }),
});

const conditionGroupItemsSchema = z
  .array(z.lazy(() => conditionSchema))
  .min(1, { error: "a condition group needs at least one condition. Add one or remove the group." });

/** A display condition group: `{ all: [...] }` or `{ any: [...] }`, whose items are leaves or groups. */
export const conditionGroupSchema: z.ZodType<ConditionGroup> = z.union([
  z.strictObject({ all: conditionGroupItemsSchema }),
  z.strictObject({ any: conditionGroupItemsSchema }),
]);

export const conditionSchema: z.ZodType<Condition> = z.union([conditionLeafSchema, conditionGroupSchema]);

const choiceOptionSchema = z.strictObject({ value: codeSchema, label: labelSchema });
export type ChoiceOption = z.infer<typeof choiceOptionSchema>;

const optionsSchema = z
  .array(choiceOptionSchema)
  .min(1, { error: "a choice field needs at least one option. Add one." })
  .max(MAX_OPTIONS);

/** Properties of every field, including displayed text. */
const commonShape = {
  code: codeSchema,
  label: labelSchema,
  helpText: helpTextSchema.optional(),
  visibleWhen: conditionGroupSchema.optional(),
};

/**
 * Properties of fields that take an answer. `showOnPortal` shows the answer to the customer on
 * the activity's portal page; it is optional, and absent means false, so forms stored before it
 * existed stay valid and unchanged.
 */
const answerShape = {
  ...commonShape,
  required: z.boolean().default(false),
  showOnPortal: z.boolean().optional(),
};

const shortTextFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("short_text"),
  defaultValue: z.string().optional(),
});

const longTextFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("long_text"),
  defaultValue: z.string().optional(),
});

const numberFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("number"),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Whether only whole numbers are accepted. */
  integer: z.boolean().default(false),
  defaultValue: z.number().optional(),
});

const dateFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("date"),
  defaultValue: z.string().optional(),
});

const timeFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("time"),
  defaultValue: z.string().optional(),
});

const datetimeFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("datetime"),
  defaultValue: z.string().optional(),
});

const singleChoiceFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("single_choice"),
  options: optionsSchema,
  defaultValue: z.string().optional(),
});

const multipleChoiceFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("multiple_choice"),
  options: optionsSchema,
  defaultValue: z.array(z.string()).optional(),
});

const yesNoFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("yes_no"),
  defaultValue: z.boolean().optional(),
});

const ratingFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("rating"),
  defaultValue: z.number().optional(),
});

// Signature and file fields take no default value: a prefilled signature would sign for the user.
const signatureFieldSchema = z.strictObject({ ...answerShape, type: z.literal("signature") });

const fileFieldSchema = z.strictObject({
  ...answerShape,
  type: z.literal("file"),
  /** Maximum number of files in the answer; no limit when absent. */
  maxCount: z.int().min(1).max(MAX_FILE_COUNT).optional(),
});

const displayedTextFieldSchema = z.strictObject({
  ...commonShape,
  type: z.literal("displayed_text"),
  text: localizedText(MAX_DISPLAYED_TEXT_LENGTH, true),
});

/**
 * The shape of one form field, discriminated by `type`. Rules that involve several fields or the
 * content of a default value are checked by `validateFormDefinition` and `formDefinitionSchema`.
 */
export const formFieldSchema = z.discriminatedUnion("type", [
  shortTextFieldSchema,
  longTextFieldSchema,
  numberFieldSchema,
  dateFieldSchema,
  timeFieldSchema,
  datetimeFieldSchema,
  singleChoiceFieldSchema,
  multipleChoiceFieldSchema,
  yesNoFieldSchema,
  ratingFieldSchema,
  signatureFieldSchema,
  fileFieldSchema,
  displayedTextFieldSchema,
]);

/** A validated field, with `required` and `integer` filled in with their defaults. */
export type FormField = z.output<typeof formFieldSchema>;
/** A field as an editor may send it, before defaults are filled in. */
export type FormFieldInput = z.input<typeof formFieldSchema>;
/** A field that takes an answer, i.e. any field but displayed text. */
export type AnswerField = Exclude<FormField, { type: "displayed_text" }>;
export type ChoiceField = Extract<FormField, { type: "single_choice" | "multiple_choice" }>;

export function isAnswerField(field: FormField): field is AnswerField {
  return field.type !== "displayed_text";
}
