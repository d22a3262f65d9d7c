import { Anchor, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "../components/PageHeading";
import { PortalLayout } from "../components/PortalLayout";
import { usePageTitle } from "../lib/page-title";

/** Renders the page for `/portal/<slug>` when no company portal has this address. */
export function UnknownPortalPage() {
  const { t } = useTranslation("portal");
  usePageTitle(t("unknownPortal.title"));
  return (
    <PortalLayout size="narrow">
      <Stack gap="md">
        <PageHeading>{t("unknownPortal.title")}</PageHeading>
        <Text>{t("unknownPortal.message")}</Text>
        <Anchor component={Link} to="/portal">
          {t("unknownPortal.link")}
        </Anchor>
      </Stack>
    </PortalLayout>
  );
}
