import { Anchor, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeading } from "../components/PageHeading";
import { PortalLayout } from "../components/PortalLayout";
import { usePageTitle } from "../lib/page-title";

/** Renders the page for a portal URL that matches no page. */
export function NotFoundPage() {
  const { t } = useTranslation("portal");
  usePageTitle(t("notFound.title"));
  return (
    <PortalLayout size="narrow">
      <Stack gap="md">
        <PageHeading>{t("notFound.title")}</PageHeading>
        <Text>{t("notFound.message")}</Text>
        <Anchor component={Link} to="/portal">
          {t("notFound.link")}
        </Anchor>
      </Stack>
    </PortalLayout>
  );
}
