/**
 * The form model of the back office. Form definitions, display conditions and answers follow
 * the server's forms domain, which is plain TypeScript without Node APIs, so the web pages
 * import it instead of keeping a copy that could drift.
 */

export {
  type Answers,
  type AnswerValue,
  type ChoiceOption,
  CLOSING_SYSTEM_FIELD_CODES,
  CODE_PATTERN,
  CONDITION_OPERATORS,
  type Condition,
  type ConditionGroup,
  type ConditionLeaf,
  type ConditionOperator,
  type ConditionValue,
  defaultAnswers,
  FIELD_TYPES,
  type FieldType,
  type FormDefinition,
  type FormField,
  type FormKind,
  isAnswerField,
  isClosingSystemFieldCode,
  type LocalizedText,
  MAX_FILE_COUNT,
  MAX_RATING,
  MIN_RATING,
  visibleFields,
} from "../../../../src/domain/forms/index.js";

// The portal renders the same labels, so `localized` lives in web/shared/forms.
export { localized } from "../../../shared/forms/localized";
