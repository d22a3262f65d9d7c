import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { translateApiError } from "../../shared/i18n";
import { useLogout } from "../lib/session";

/** Renders a button that signs out with `POST /api/auth/logout`, then opens the sign-in page. */
export function LogoutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();

  const handleClick = () => {
    logout.mutate(undefined, {
      onSuccess: () => navigate("/login", { replace: true }),
      onError: (error) => notifications.show({ color: "red", message: translateApiError(error) }),
    });
  };

  return (
    <Button variant="default" size="xs" onClick={handleClick} loading={logout.isPending}>
      {t("shell.logOut")}
    </Button>
  );
}
