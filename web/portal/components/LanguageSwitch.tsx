import { SegmentedControl, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { chooseLanguage, currentLanguage, isLanguage, SUPPORTED_LANGUAGES } from "../../shared/i18n";

/**
 * Renders the EN/FR switch. The choice is kept on this device, and `initI18n` updates
 * `<html lang>`. Each option is announced by the language's own name, marked with its `lang`.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();

  const data = SUPPORTED_LANGUAGES.map((language) => ({
    value: language,
    label: (
      <>
        <span aria-hidden="true">{t(`languageSwitch.short.${language}`)}</span>
        <VisuallyHidden lang={language}>{t(`languageSwitch.${language}`)}</VisuallyHidden>
      </>
    ),
  }));

  return (
    <SegmentedControl
      aria-label={t("languageSwitch.label")}
      size="xs"
      classNames={{ input: "segmented-input" }}
      value={currentLanguage()}
      onChange={(value) => {
        if (isLanguage(value)) {
          void chooseLanguage(value);
        }
      }}
      data={data}
    />
  );
}
