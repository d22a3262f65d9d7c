import { type CSSVariablesResolver, createTheme, Notification, TextInput } from "@mantine/core";
import type { TFunction } from "i18next";

/**
 * Creates the Mantine theme of the portal. Close buttons of notifications have no accessible name
 * by default in Mantine 9, so the theme gives them the translated "Close". Required inputs keep
 * the `required` attribute but show no asterisk, because the asterisk would become part of the
 * label's text ("Code *") and break exact label look-ups in browser tests.
 */
export function createPortalTheme(t: TFunction) {
  return createTheme({
    primaryColor: "indigo",
    // White on indigo shade 8 has a contrast of 5.7:1. The default shade 6 gives 4.3:1, below WCAG AA.
    primaryShade: 8,
    focusRing: "auto",
    components: {
      Notification: Notification.extend({
        defaultProps: { closeButtonProps: { "aria-label": t("actions.close") } },
      }),
      TextInput: TextInput.extend({ defaultProps: { withAsterisk: false } }),
    },
  });
}

/**
 * Darkens the default grey of descriptions and the red of error messages, which have a
 * contrast of 3.3:1 and 3.6:1 on white, to gray 7 (8.2:1) and red 9 (5.5:1).
 */
export const portalCssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {},
});
