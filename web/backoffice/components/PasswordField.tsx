import { PasswordInput, type PasswordInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";

/**
 * Renders a password input whose show/hide button has a translated name. The name avoids the word
 * "password", so a search by the label "Password" finds only the input.
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation("auth");
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ "aria-label": t("password.toggleVisibility") }}
      {...props}
    />
  );
}
