import { Button, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type Customer, useDeleteCustomer } from "../../lib/customers";
import { ConfirmDeleteModal } from "../team/ConfirmDeleteModal";
import { describeDeleteError } from "./api-errors";

/**
 * Deletes the customer after a confirmation, then opens the list. The server refuses to delete a
 * customer that has activities, and the dialog then shows why.
 */
export function DeleteCustomerSection({ customer }: { customer: Customer }) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const navigate = useNavigate();
  const remove = useDeleteCustomer(businessUnit.id, customer.id);
  const [opened, dialog] = useDisclosure(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    dialog.close();
  };

  const confirm = () => {
    setError(null);
    remove.mutate(undefined, {
      onSuccess: () => {
        notifications.show({ color: "green", message: t("delete.done", { name: customer.displayName }) });
        void navigate(`/bu/${encodeURIComponent(businessUnit.id)}/customers`);
      },
      onError: (failure) => setError(describeDeleteError(failure)),
    });
  };

  return (
    <Stack gap="xs" align="flex-start">
      <Title order={2} size="h3">
        {t("delete.heading")}
      </Title>
      <Text size="sm">{t("delete.hint")}</Text>
      <Button color="red" variant="light" onClick={dialog.open}>
        {t("delete.button")}
      </Button>
      <ConfirmDeleteModal
        opened={opened}
        title={t("delete.title", { name: customer.displayName })}
        message={t("delete.message", { name: customer.displayName, reference: customer.reference })}
        confirmLabel={t("delete.confirm")}
        error={error}
        isPending={remove.isPending}
        onConfirm={confirm}
        onClose={close}
      />
    </Stack>
  );
}
