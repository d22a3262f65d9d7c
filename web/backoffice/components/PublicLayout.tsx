import { Box, Container, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./LanguageSwitch";

interface PublicLayoutProps {
  children: ReactNode;
  /** Controls shown next to the language switch, such as a log-out button. */
  headerActions?: ReactNode;
  saveLanguageToAccount?: boolean;
}

/** Renders the page frame outside the shell, for the sign-in, password and error pages. */
export function PublicLayout({ children, headerActions, saveLanguageToAccount = false }: PublicLayoutProps) {
  const { t } = useTranslation();
  return (
    <>
      <Box component="header" px="md" py="sm" className="public-header">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} size="lg">
            {t("productName")}
          </Text>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch saveToAccount={saveLanguageToAccount} />
            {headerActions}
          </Group>
        </Group>
      </Box>
      <Container component="main" id="main-content" size={420} py="xl">
        {children}
      </Container>
    </>
  );
}
