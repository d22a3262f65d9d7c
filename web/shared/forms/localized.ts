import type { LocalizedText } from "../../../src/domain/forms/index.js";
import type { Language } from "../i18n";

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
