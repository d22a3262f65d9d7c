import { Alert, Button, Grid, Group, Stack, Switch, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import i18next from "i18next";
import { type FocusEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage, translateApiError } from "../../../shared/i18n";
import type { ActivityType } from "../../lib/catalog";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import {
  type PortalDisplay,
  type PortalDisplayInput,
  type PortalTextField,
  usePortalDisplay,
  usePortalDisplayPreview,
  useSavePortalDisplay,
} from "../../lib/portal";
import { localized } from "../forms/form-model";
import { replacementCodeDescription } from "../messages/message-text";
import { QueryState } from "../QueryState";
import { type PickableCode, ReplacementCodePicker } from "../ReplacementCodePicker";
import { PortalDisplayPreview } from "./PortalDisplayPreview";
import { portalTextProblemsOf, problemLinesByField } from "./portal-text-problems";

/** Wait after the last keystroke before the preview is requested, in milliseconds. */
const PREVIEW_DELAY_MS = 400;

type Values = PortalDisplayInput;

function toValues(display: PortalDisplay): Values {
  return {
    shown: display.shown,
    title: display.title,
    description: display.description,
    longDescription: display.longDescription,
  };
}

/**
 * Edits how an activity type shows on the customer portal: whether it is shown, and its title,
 * description and long description with replacement codes. A preview fills the codes from a real
 * activity of the type while the texts are typed.
 */
export function PortalDisplayForm({
  activityType,
  canEdit,
}: {
  activityType: ActivityType;
  canEdit: boolean;
}) {
  const businessUnit = useCurrentBusinessUnit();
  const query = usePortalDisplay(businessUnit.id, activityType.id);
  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <DisplayFields activityType={activityType} saved={query.data} canEdit={canEdit} />;
}

interface DisplayFieldsProps {
  activityType: ActivityType;
  saved: PortalDisplay;
  canEdit: boolean;
}

function DisplayFields({ activityType, saved, canEdit }: DisplayFieldsProps) {
  const { t } = useTranslation(["catalog", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const save = useSavePortalDisplay(businessUnit.id, activityType.id);
  const [formError, setFormError] = useState<string | null>(null);
  const [activityId, setActivityId] = useState("");
  // Codes go into the text field that was focused last.
  const [target, setTarget] = useState<PortalTextField>("title");

  const form = useForm<Values>({ initialValues: toValues(saved) });
  const values = form.getValues();

  // A string key, because a new object on every render would restart the debounce for ever.
  const requestKey = JSON.stringify({
    title: values.title,
    description: values.description,
    longDescription: values.longDescription,
    ...(activityId === "" ? {} : { activityId }),
  });
  const [debouncedKey] = useDebouncedValue(requestKey, PREVIEW_DELAY_MS);
  const preview = usePortalDisplayPreview(businessUnit.id, activityType.id, JSON.parse(debouncedKey));
  const previewProblems = problemLinesByField(preview.data?.fields ?? []);

  const codes = pickableCodes(saved.codes, activityType);

  const fieldNode = (field: PortalTextField) =>
    (form.getInputNode(field) as HTMLInputElement | HTMLTextAreaElement | null) ?? null;

  /** Inserts `{code}` at the cursor of the target field, or over its selection, and keeps editing there. */
  const insertCode = (code: string) => {
    const node = fieldNode(target);
    const value = form.getValues()[target];
    const start = node?.selectionStart ?? value.length;
    const end = node?.selectionEnd ?? value.length;
    const text = `{${code}}`;
    form.setFieldValue(target, `${value.slice(0, start)}${text}${value.slice(end)}`);
    requestAnimationFrame(() => {
      node?.focus();
      node?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const handleSubmit = form.onSubmit((submitted) => {
    setFormError(null);
    save.mutate(submitted, {
      onSuccess: (updated) => {
        const next = toValues(updated);
        form.setInitialValues(next);
        form.setValues(next);
        form.resetDirty(next);
        notifications.show({ color: "green", message: t("portalDisplay.saved") });
      },
      onError: (error) => {
        const lines = problemLinesByField(portalTextProblemsOf(error));
        const fields = Object.keys(lines) as PortalTextField[];
        for (const field of fields) {
          form.setFieldError(field, <ProblemLines texts={lines[field] ?? []} />);
        }
        const [first] = fields;
        if (first) {
          fieldNode(first)?.focus();
          setFormError(t("portalDisplay.notSaved"));
        } else {
          setFormError(translateApiError(error));
        }
      },
    });
  });

  /** Returns the error under a field: the problems of the last save, else those of the current preview. */
  const errorOf = (field: PortalTextField): ReactNode => {
    const saveError = form.errors[field];
    if (saveError) {
      return saveError;
    }
    const lines = previewProblems[field];
    return lines && lines.length > 0 ? <ProblemLines texts={lines} /> : undefined;
  };

  const textProps = (field: PortalTextField) => {
    const props = form.getInputProps(field);
    return {
      ...props,
      label: t(`portalDisplay.fields.${field}`),
      description: t(`portalDisplay.hints.${field}`),
      readOnly: !canEdit,
      error: errorOf(field),
      onFocus: (event: FocusEvent<HTMLElement>) => {
        props.onFocus?.(event);
        setTarget(field);
      },
    };
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <form onSubmit={handleSubmit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t("portalDisplay.intro")}</Text>
            {formError !== null && (
              <Alert color="red" variant="light" role="alert">
                {formError}
              </Alert>
            )}
            <Switch
              label={t("portalDisplay.fields.shown")}
              description={t("portalDisplay.hints.shown")}
              disabled={!canEdit}
              {...form.getInputProps("shown", { type: "checkbox" })}
            />
            <TextInput {...textProps("title")} />
            <Textarea autosize minRows={2} maxRows={6} {...textProps("description")} />
            <Textarea autosize minRows={5} maxRows={20} {...textProps("longDescription")} />
            {canEdit && (
              <ReplacementCodePicker
                legend={t("portalDisplay.codesLegend")}
                hint={t("portalDisplay.codesHint")}
                codes={codes}
                onInsert={insertCode}
              />
            )}
            {canEdit && (
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t("common:actions.save")}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <PortalDisplayPreview
          activityTypeId={activityType.id}
          activityId={activityId}
          onActivityChange={setActivityId}
          preview={preview.data}
          error={preview.error}
          isFetching={preview.isFetching || debouncedKey !== requestKey}
        />
      </Grid.Col>
    </Grid>
  );
}

/**
 * Returns the codes of the picker with their descriptions in the current language when this
 * screen has a translation, else with the server's English description.
 */
function pickableCodes(codes: PortalDisplay["codes"], activityType: ActivityType): PickableCode[] {
  const language = currentLanguage();
  const fields = new Map(activityType.activityForm.fields.map((field) => [`form.${field.code}`, field]));
  return codes.map(({ code, description }) => {
    const field = fields.get(code);
    if (field) {
      const label = localized(field.label, language) || field.code;
      return { code, description: i18next.t("catalog:portalDisplay.codes.formField", { label }) };
    }
    if (code === "activity.state") {
      return { code, description: i18next.t("catalog:portalDisplay.codes.activityState") };
    }
    return { code, description: replacementCodeDescription(code) || description };
  });
}

function ProblemLines({ texts }: { texts: string[] }): ReactNode {
  return texts.map((text) => (
    <span key={text} style={{ display: "block" }}>
      {text}
    </span>
  ));
}
