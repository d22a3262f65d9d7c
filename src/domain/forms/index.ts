export {
  type AnswersResult,
  defaultAnswers,
  type ValidateAnswersOptions,
  validateAnswers,
} from "./answers.js";
export { isFieldVisible, visibleFields } from "./conditions.js";
export {
  closingFormDefinitionSchema,
  FORM_KINDS,
  type FormDefinition,
  type FormDefinitionResult,
  type FormKind,
  formDefinitionSchema,
  validateFormDefinition,
} from "./definition.js";
export {
  type AnswerTextOptions,
  answerTexts,
  formatAnswer,
  type PortalAnswer,
  portalAnswers,
} from "./portal-answers.js";
export type { FormProblem } from "./problems.js";
export { MAX_CONDITION_DEPTH } from "./rules.js";
export {
  type AnswerField,
  type ChoiceOption,
  CODE_PATTERN,
  CONDITION_OPERATORS,
  type Condition,
  type ConditionGroup,
  type ConditionLeaf,
  type ConditionOperator,
  type ConditionValue,
  FIELD_TYPES,
  type FieldType,
  type FormField,
  type FormFieldInput,
  formFieldSchema,
  isAnswerField,
  type LocalizedText,
  MAX_DISPLAYED_TEXT_LENGTH,
  MAX_FIELDS,
  MAX_FILE_COUNT,
  MAX_HELP_TEXT_LENGTH,
  MAX_LABEL_LENGTH,
  MAX_OPTIONS,
} from "./schema.js";
export {
  CLOSING_RESULTS,
  CLOSING_SYSTEM_FIELD_CODES,
  type ClosingResult,
  type ClosingSystemFieldCode,
  closingSystemFields,
  defaultActivityForm,
  defaultClosingForm,
  isClosingSystemFieldCode,
  withClosingSystemFields,
} from "./system-fields.js";
export {
  type Answers,
  type AnswerValue,
  MAX_LONG_TEXT_LENGTH,
  MAX_RATING,
  MAX_SHORT_TEXT_LENGTH,
  MIN_RATING,
} from "./values.js";
