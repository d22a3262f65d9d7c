/**
 * The form model of the back office. Form definitions, display conditions and answers follow
 * the server's forms domain, which is plain TypeScript without Node APIs, so the web pages
 * import it instead of keeping a copy that could drift.
 */

import type { LocalizedText } from "../../../../src/domain/forms/index.js";
import type { Language } from "../../../shared/i18n";

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

/**
 * Returns the text in `language`, else in the other language, because a label needs only one
 * of its two languages filled in. Returns "" when both are empty or the text is absent.
 */
export function localized(text: LocalizedText | undefined, language: Language): string {
  if (text === undefined) {
    return "";
  }
  const other: Language = language === "en" ? "fr" : "en";
  return text[language].trim() || text[other].trim();
}
