import { Anchor, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { usePageTitle } from "../lib/page-title";

interface NotFoundProps {
  /** Shows the "business unit not found" wording instead of the page one. */
  businessUnit?: boolean;
}

export function NotFound({ businessUnit = false }: NotFoundProps) {
  const { t } = useTranslation();
  const title = businessUnit ? t("notFound.businessUnitTitle") : t("notFound.title");
  usePageTitle(title);
  return (
    <Stack gap="md">
      <Title order={1}>{title}</Title>
      <Text>{businessUnit ? t("notFound.businessUnitMessage") : t("notFound.message")}</Text>
      <Anchor component={Link} to="/">
        {t("notFound.backHome")}
      </Anchor>
    </Stack>
  );
}
