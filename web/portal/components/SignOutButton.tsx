import { Button } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { translatePortalError } from "../lib/errors";
import { portalHomePath, useSignOut } from "../lib/session";

interface SignOutButtonProps {
  /** The company's portal address, so the customer lands on its sign-in page. */
  slug: string | null;
  /** True in a staff preview, where the button shows but does nothing. */
  disabled: boolean;
}

export function SignOutButton({ slug, disabled }: SignOutButtonProps) {
  const { t } = useTranslation("portal");
  const navigate = useNavigate();
  const signOut = useSignOut();

  const handleClick = () => {
    signOut.mutate(undefined, {
      onSuccess: () => navigate(portalHomePath(slug), { replace: true }),
      onError: (error) => notifications.show({ color: "red", message: translatePortalError(error) }),
    });
  };

  return (
    <Button variant="default" size="xs" onClick={handleClick} loading={signOut.isPending} disabled={disabled}>
      {t("shell.signOut")}
    </Button>
  );
}
