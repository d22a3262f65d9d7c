import { Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSignedInSession } from "../lib/session";
import { LogoutButton } from "./LogoutButton";

/** Renders the signed-in user's name and the "Log out" button, stacked in the mobile navigation. */
export function UserMenu({ stacked = false }: { stacked?: boolean }) {
  const { t } = useTranslation();
  const session = useSignedInSession();

  const name = (
    <Text size="sm" fw={500} truncate="end" title={t("shell.signedInAs", { name: session.user.name })}>
      {session.user.name}
    </Text>
  );

  if (stacked) {
    return (
      <Stack gap="xs" align="flex-start">
        {name}
        <LogoutButton />
      </Stack>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap" maw={280}>
      {name}
      <LogoutButton />
    </Group>
  );
}
