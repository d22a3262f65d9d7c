import { SegmentedControl, VisuallyHidden } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import {
  chooseLanguage,
  currentLanguage,
  isLanguage,
  SUPPORTED_LANGUAGES,
  translateApiError,
} from "../../shared/i18n";
import { useUpdateMyLanguage } from "../lib/session";

interface LanguageSwitchProps {
  /** Also stores the choice on the signed-in user's account with `PATCH /api/me`. */
  saveToAccount?: boolean;
}

/**
 * Renders the EN/FR switch. Each option shows its short code and is announced by the language's own name,
 * marked with its `lang` so screen readers pronounce it correctly.
 */
export function LanguageSwitch({ saveToAccount = false }: LanguageSwitchProps) {
  const { t } = useTranslation();
  const updateMyLanguage = useUpdateMyLanguage();

  const data = SUPPORTED_LANGUAGES.map((language) => ({
    value: language,
    label: (
      <>
        <span aria-hidden="true">{t(`languageSwitch.short.${language}`)}</span>
        <VisuallyHidden lang={language}>{t(`languageSwitch.${language}`)}</VisuallyHidden>
      </>
    ),
  }));

  const handleChange = (value: string) => {
    if (!isLanguage(value)) {
      return;
    }
    void chooseLanguage(value);
    if (saveToAccount) {
      updateMyLanguage.mutate(value, {
        onError: (error) => notifications.show({ color: "red", message: translateApiError(error) }),
      });
    }
  };

  return (
    <SegmentedControl
      aria-label={t("languageSwitch.label")}
      size="xs"
      classNames={{ input: "segmented-input" }}
      value={currentLanguage()}
      onChange={handleChange}
      data={data}
    />
  );
}
