import {
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
