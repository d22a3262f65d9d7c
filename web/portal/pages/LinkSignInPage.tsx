import { Anchor, Button, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { LiveRegion } from "../components/LiveRegion";
import { PageHeading } from "../components/PageHeading";
import { PortalLayout } from "../components/PortalLayout";
import { translatePortalError } from "../lib/errors";
import { usePageTitle } from "../lib/page-title";
import { tokenFromFragment } from "../lib/preview";
import { portalHomePath, useLinkSignIn } from "../lib/session";

/**
 * Renders `/portal/sign-in#token=…`, opened from a sign-in link in a message. Mail scanners open
 * every link they see, so opening the page sends nothing: only the button click sends the token.
 */
export function LinkSignInPage() {
  const { t } = useTranslation("portal");
  const location = useLocation();
  const navigate = useNavigate();
  const linkSignIn = useLinkSignIn();
  // Read once, so a later change of the fragment (such as the skip link's) keeps the token.
  const [token] = useState(() => tokenFromFragment(location.hash));
  const [error, setError] = useState<{ id: number; value: unknown } | null>(null);
  usePageTitle(t("link.title"));

  const handleSignIn = () => {
    if (token === null) {
      return;
    }
    linkSignIn.mutate(
      { token },
      {
        onSuccess: (session) => {
          const slug = session.state === "signed_in" ? session.company.slug : null;
          navigate(portalHomePath(slug), { replace: true });
        },
        onError: (value) => setError((previous) => ({ id: (previous?.id ?? 0) + 1, value })),
      },
    );
  };

  return (
    <PortalLayout size="narrow">
      <Stack gap="md">
        <PageHeading>{t("link.title")}</PageHeading>
        {token === null ? (
          <Text>{t("link.missingToken")}</Text>
        ) : (
          <>
            <Text>{t("link.intro")}</Text>
            <LiveRegion
              kind="error"
              message={error === null ? null : { id: error.id, text: translatePortalError(error.value) }}
            />
            <Button onClick={handleSignIn} loading={linkSignIn.isPending}>
              {t("link.signIn")}
            </Button>
          </>
        )}
        <Anchor component={Link} to="/portal" size="sm">
          {t("link.useCode")}
        </Anchor>
      </Stack>
    </PortalLayout>
  );
}
