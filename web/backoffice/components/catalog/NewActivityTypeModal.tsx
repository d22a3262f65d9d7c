import { Alert, Button, Group, Modal, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCreateActivityType } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { applyCatalogErrorToForm } from "./problems";
import { NEW_TYPE_VALUES, TYPE_FIELDS, TypeFields, type TypeValues, typeValidation } from "./TypeFields";

interface NewActivityTypeModalProps {
  opened: boolean;
  onClose: () => void;
}

/** Creates an activity type from its general properties, then opens its page to edit the forms. */
export function NewActivityTypeModal({ opened, onClose }: NewActivityTypeModalProps) {
  const { t } = useTranslation(["catalog", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const create = useCreateActivityType(businessUnit.id);
  const navigate = useNavigate();
  const isNarrow = useMediaQuery("(max-width: 36em)");
  const [formError, setFormError] = useState<string | null>(null);

  const form = useForm<TypeValues>({ initialValues: NEW_TYPE_VALUES, validate: typeValidation(t) });

  const close = () => {
    form.reset();
    setFormError(null);
    create.reset();
    onClose();
  };

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    const name = values.name.trim();
    create.mutate(
      {
        name,
        colour: values.colour,
        operatingMode: values.operatingMode,
        defaultDurationMinutes: Number(values.defaultDurationMinutes),
      },
      {
        onSuccess: (created) => {
          notifications.show({ color: "green", message: t("create.success", { name }) });
          form.reset();
          onClose();
          navigate(`/bu/${encodeURIComponent(businessUnit.id)}/catalog/${encodeURIComponent(created.id)}`);
        },
        onError: (error) => setFormError(applyCatalogErrorToForm(form, error, TYPE_FIELDS)),
      },
    );
  });

  return (
    <Modal opened={opened} onClose={close} title={t("create.title")} fullScreen={isNarrow}>
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          {formError !== null && (
            <Alert color="red" variant="light" role="alert">
              {formError}
            </Alert>
          )}
          <TypeFields form={form} autoFocusName />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common:actions.cancel")}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t("create.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
