import { Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { PageHeading } from "../components/PageHeading";
import { PortalLayout } from "../components/PortalLayout";
import { usePageTitle } from "../lib/page-title";
import { readPreviewToken, savePreviewToken, tokenFromFragment } from "../lib/preview";
import { setSignInNotice } from "../lib/sign-in-notice";

/**
 * Renders `/portal/preview#token=…`, opened by staff from a customer's record. The page keeps the
 * token for this tab, removes it from the address bar and history, then opens the home page.
 * The server then shows the portal as that customer sees it, in read-only mode.
 */
export function PreviewPage() {
  const { t } = useTranslation("portal");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<"missingToken" | "storageUnavailable" | null>(null);
  usePageTitle(t("preview.title"));

  useEffect(() => {
    const token = tokenFromFragment(window.location.hash);
    if (token !== null) {
      window.history.replaceState(window.history.state, "", window.location.pathname);
      if (!savePreviewToken(token)) {
        setFailure("storageUnavailable");
        return;
      }
      // Responses cached for another session of this tab must not show in the preview.
      queryClient.clear();
      setSignInNotice(null);
    }
    if (readPreviewToken() === null) {
      setFailure("missingToken");
      return;
    }
    navigate("/portal/", { replace: true });
  }, [navigate, queryClient]);

  return (
    <PortalLayout size="narrow">
      <Stack gap="md">
        <PageHeading>{t("preview.title")}</PageHeading>
        <Text role="status">{failure === null ? t("preview.opening") : t(`preview.${failure}`)}</Text>
      </Stack>
    </PortalLayout>
  );
}
