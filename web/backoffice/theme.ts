import {
  type CSSVariablesResolver,
  createTheme,
  Drawer,
  Modal,
  Notification,
  NumberInput,
  PasswordInput,
  Select,
  TextInput,
} from "@mantine/core";
import type { TFunction } from "i18next";

/**
 * Creates the Mantine theme. Close buttons of modals, drawers and notifications have no accessible name
 * by default in Mantine 9, so the theme gives them the translated "Close". Required inputs keep
 * the `required` attribute but show no asterisk, because the asterisk would become part of the
 * label's text ("Email *") and break exact label look-ups in browser tests. Select lists are
 * unmounted while closed, because Mantine keeps them hidden in the page and labelled like the
 * input, so a look-up by label would find two elements.
 */
export function createLocalizedTheme(t: TFunction) {
  const closeButtonProps = { "aria-label": t("actions.close") };
  return createTheme({
    primaryColor: "indigo",
    // White on indigo shade 8 has a contrast of 5.7:1. The default shade 6 gives 4.3:1, below WCAG AA.
    primaryShade: 8,
    focusRing: "auto",
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps } }),
      TextInput: TextInput.extend({ defaultProps: { withAsterisk: false } }),
      PasswordInput: PasswordInput.extend({ defaultProps: { withAsterisk: false } }),
      NumberInput: NumberInput.extend({ defaultProps: { withAsterisk: false } }),
      Select: Select.extend({ defaultProps: { withAsterisk: false, comboboxProps: { keepMounted: false } } }),
    },
  });
}

/**
 * Darkens the grey of descriptions and dimmed text and the red of error messages. Mantine 9's
 * light scheme uses gray 6 and red 6, about 3.3:1 on white, below WCAG AA. Gray 7 gives 8.2:1 and
 * red 9 gives 5.5:1.
 */
export const backOfficeCssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {},
});
