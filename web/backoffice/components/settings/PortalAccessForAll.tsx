import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { translateApiError } from "../../../shared/i18n";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type PortalConfig, useSetPortalAccessForAll } from "../../lib/portal";

type BulkChange = "grant" | "revoke";

/**
 * Grants or revokes portal access for every customer of the unit, each after a confirmation
 * that states how many customers it changes. The change applies at once, apart from "Save".
 */
export function PortalAccessForAll({ buId, config }: { buId: string; config: PortalConfig }) {
  const { t } = useTranslation(["settings", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const setAccess = useSetPortalAccessForAll(buId);
  const [pending, setPending] = useState<BulkChange | null>(null);

  const { customerCount, customersWithAccess } = config;
  const withoutAccess = customerCount - customersWithAccess;

  const close = () => {
    setAccess.reset();
    setPending(null);
  };

  const confirm = () => {
    if (pending === null) {
      return;
    }
    const change = pending;
    setAccess.mutate(change === "grant", {
      onSuccess: ({ updated }) => {
        setPending(null);
        notifications.show({ color: "green", message: t(`portal.access.${change}Done`, { count: updated }) });
      },
    });
  };

  return (
    <Stack gap="sm">
      <Text size="sm">{t("portal.access.intro")}</Text>
      <Text size="sm" data-testid="portal-access-counts">
        {t("portal.access.counts", { withAccess: customersWithAccess, count: customerCount })}
      </Text>
      <Group gap="sm">
        <Button variant="light" disabled={withoutAccess === 0} onClick={() => setPending("grant")}>
          {t("portal.access.grant")}
        </Button>
        <Button
          variant="light"
          color="red"
          disabled={customersWithAccess === 0}
          onClick={() => setPending("revoke")}
        >
          {t("portal.access.revoke")}
        </Button>
      </Group>

      <Modal
        opened={pending !== null}
        onClose={close}
        title={pending === "revoke" ? t("portal.access.revokeTitle") : t("portal.access.grantTitle")}
      >
        <Stack gap="md">
          {setAccess.isError && (
            <Alert color="red" variant="light" role="alert">
              {translateApiError(setAccess.error)}
            </Alert>
          )}
          <Text>
            {pending === "revoke"
              ? t("portal.access.revokeMessage", { count: customersWithAccess, unit: businessUnit.name })
              : t("portal.access.grantMessage", {
                  count: withoutAccess,
                  total: customerCount,
                  unit: businessUnit.name,
                })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {t("common:actions.cancel")}
            </Button>
            <Button
              color={pending === "revoke" ? "red" : undefined}
              loading={setAccess.isPending}
              onClick={confirm}
            >
              {pending === "revoke"
                ? t("portal.access.revokeConfirm", { count: customersWithAccess })
                : t("portal.access.grantConfirm", { count: withoutAccess })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
