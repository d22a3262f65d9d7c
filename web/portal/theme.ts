import { createTheme, Notification, TextInput } from "@mantine/core";
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
    focusRing: "auto",
    components: {
      Notification: Notification.extend({
        defaultProps: { closeButtonProps: { "aria-label": t("actions.close") } },
      }),
      TextInput: TextInput.extend({ defaultProps: { withAsterisk: false } }),
    },
  });
}
