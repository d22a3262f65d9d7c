import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { applySessionLanguage } from "../../shared/i18n";
import { useSession } from "../lib/session";
import { PublicLayout } from "./PublicLayout";
import { QueryState } from "./QueryState";

export const CHANGE_PASSWORD_PATH = "/change-password";

/**
 * State passed to the sign-in page: the page to return to after signing in, and a notice to show,
 * such as the confirmation that a password was set with an emailed link.
 */
export interface LoginLocationState {
  from?: string;
  notice?: "password_reset" | "invitation_accepted";
}

/**
 * Guards the signed-in screens: sends visitors without a session to the sign-in page, and
 * users who must change their password to the password form, whatever URL they open.
 */
export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const sessionQuery = useSession();
  const session = sessionQuery.data;
  const userLanguage = session?.user.language;

  useEffect(() => {
    if (userLanguage) {
      applySessionLanguage(userLanguage);
    }
  }, [userLanguage]);

  if (session === undefined) {
    return (
      <PublicLayout>
        <QueryState
          error={sessionQuery.error}
          onRetry={() => void sessionQuery.refetch()}
          errorTitle={t("session.loadFailedTitle")}
        />
      </PublicLayout>
    );
  }

  if (session === null) {
    const state: LoginLocationState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={state} />;
  }

  if (session.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }

  return <Outlet />;
}
