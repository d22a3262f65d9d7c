import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { type FocusEvent, type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isLanguage, SUPPORTED_LANGUAGES, translateApiError } from "../../../shared/i18n";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { applyApiErrorToForm } from "../../lib/form-errors";
import {
  MESSAGE_CHANNELS,
  MESSAGE_EVENTS,
  type MessageTemplate,
  type TemplateKey,
  useMessageTemplates,
  useResetTemplate,
  useSaveTemplate,
} from "../../lib/messages";
import { isMessageChannel, isMessageEvent, replacementCodeDescription } from "../messages/message-text";
import { QueryState } from "../QueryState";
import { ReplacementCodePicker } from "../ReplacementCodePicker";
import {
  problemRange,
  type TemplatePart,
  type TemplateProblem,
  templateProblemsOf,
  templateProblemText,
} from "./template-problems";

/** Events whose emails the server currently writes from the default wording, whatever the unit saved. */
const STAFF_EVENTS: readonly string[] = ["staff_invitation", "password_reset"];

const keyOf = (key: TemplateKey) => `${key.event}/${key.channel}/${key.language}`;

interface TemplateEditorProps {
  buId: string;
  readOnly: boolean;
}

/**
 * Edits the unit's message templates: pick an event, a channel and a language, then change the
 * subject and text, insert replacement codes, save, or go back to the default wording. Saving a
 * template with an unknown code shows the server's problems under the subject or the text.
 */
export function TemplateEditor({ buId, readOnly }: TemplateEditorProps) {
  const { t } = useTranslation(["messages", "common"]);
  const businessUnit = useCurrentBusinessUnit();
  const query = useMessageTemplates(buId);
  const [selected, setSelected] = useState<TemplateKey>({
    event: "appointment_booked",
    channel: "email",
    language: isLanguage(businessUnit.language) ? businessUnit.language : "en",
  });
  const [pending, setPending] = useState<TemplateKey | null>(null);
  const dirty = useRef(false);

  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const template = query.data.find((candidate) => keyOf(candidate) === keyOf(selected));

  const choose = (change: Partial<TemplateKey>) => {
    const next = { ...selected, ...change };
    if (keyOf(next) === keyOf(selected)) {
      return;
    }
    if (dirty.current) {
      setPending(next);
    } else {
      setSelected(next);
    }
  };

  return (
    <Stack gap="md">
      <Fieldset legend={t("templates.pickerLegend")} variant="unstyled">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t("templates.event")}
            data={MESSAGE_EVENTS.map((event) => ({ value: event, label: t(`events.${event}`) }))}
            value={selected.event}
            allowDeselect={false}
            onChange={(value) => value && isMessageEvent(value) && choose({ event: value })}
          />
          <Select
            label={t("templates.channel")}
            data={MESSAGE_CHANNELS.map((channel) => ({ value: channel, label: t(`channels.${channel}`) }))}
            value={selected.channel}
            allowDeselect={false}
            onChange={(value) => value && isMessageChannel(value) && choose({ channel: value })}
          />
          <Select
            label={t("templates.language")}
            data={SUPPORTED_LANGUAGES.map((language) => ({
              value: language,
              label: t(`common:languages.${language}`),
            }))}
            value={selected.language}
            allowDeselect={false}
            onChange={(value) => value && isLanguage(value) && choose({ language: value })}
          />
        </SimpleGrid>
      </Fieldset>

      {template ? (
        // Keyed by template, so another choice starts from that template's saved wording.
        <TemplateForm
          key={keyOf(selected)}
          buId={buId}
          template={template}
          readOnly={readOnly}
          onDirtyChange={(value) => {
            dirty.current = value;
          }}
        />
      ) : (
        <Text>{t("list.none")}</Text>
      )}

      <Modal opened={pending !== null} onClose={() => setPending(null)} title={t("templates.discardTitle")}>
        <Stack gap="md">
          <Text>{t("templates.discard")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)} data-autofocus>
              {t("templates.keepEditing")}
            </Button>
            <Button
              color="red"
              onClick={() => {
                if (pending) {
                  dirty.current = false;
                  setSelected(pending);
                }
                setPending(null);
              }}
            >
              {t("templates.discardConfirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

interface TemplateFormProps {
  buId: string;
  template: MessageTemplate;
  readOnly: boolean;
  onDirtyChange: (dirty: boolean) => void;
}

function TemplateForm({ buId, template, readOnly, onDirtyChange }: TemplateFormProps) {
  const { t } = useTranslation(["messages", "common"]);
  const save = useSaveTemplate(buId);
  const reset = useResetTemplate(buId);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);
  // Codes go into the field that was focused last. An SMS has only its text.
  const [target, setTarget] = useState<TemplatePart>("body");
  const isEmail = template.channel === "email";
  const key: TemplateKey = { event: template.event, channel: template.channel, language: template.language };

  const savedValues = useRef({ subject: template.subject ?? "", body: template.body });
  const form = useForm({
    name: "message-template",
    initialValues: savedValues.current,
    onValuesChange: (values) => {
      const saved = savedValues.current;
      onDirtyChange(values.subject !== saved.subject || values.body !== saved.body);
    },
  });

  const markSaved = (saved: MessageTemplate) => {
    const values = { subject: saved.subject ?? "", body: saved.body };
    savedValues.current = values;
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    onDirtyChange(false);
  };

  const fieldNode = (part: TemplatePart) =>
    (form.getInputNode(part) as HTMLInputElement | HTMLTextAreaElement | null) ?? null;

  /** Shows each problem under its field, then selects the first one in its field. */
  const showProblems = (problems: TemplateProblem[]) => {
    for (const part of ["subject", "body"] as const) {
      const texts = problems.filter((problem) => problem.part === part).map(templateProblemText);
      if (texts.length > 0) {
        form.setFieldError(part, <ProblemLines texts={texts} />);
      }
    }
    const [first] = problems;
    const node = first ? fieldNode(first.part) : null;
    if (first && node) {
      node.focus();
      const range = problemRange(first);
      if (range) {
        node.setSelectionRange(range.start, range.end);
      }
    }
  };

  const handleSubmit = form.onSubmit((values) => {
    setFormError(null);
    save.mutate(
      { key, subject: isEmail ? values.subject : null, body: values.body },
      {
        onSuccess: (saved) => {
          markSaved(saved);
          notifications.show({ color: "green", message: t("templates.saved") });
        },
        onError: (error) => {
          const problems = templateProblemsOf(error).filter((problem) => problem.severity === "error");
          if (problems.length > 0) {
            setFormError(t("templates.notSaved", { count: problems.length }));
            showProblems(problems);
          } else {
            setFormError(applyApiErrorToForm(form, error, { fields: ["subject", "body"] as const }));
          }
        },
      },
    );
  });

  const confirmReset = () => {
    reset.mutate(key, {
      onSuccess: (saved) => {
        markSaved(saved);
        form.clearErrors();
        setFormError(null);
        setConfirmingReset(false);
        notifications.show({ color: "green", message: t("templates.resetDone") });
      },
    });
  };

  /** Inserts `{code}` at the cursor of the target field, or over its selection, and keeps editing there. */
  const insertCode = (code: string) => {
    const part: TemplatePart = isEmail ? target : "body";
    const node = fieldNode(part);
    const value = form.getValues()[part];
    const start = node?.selectionStart ?? value.length;
    const end = node?.selectionEnd ?? value.length;
    const text = `{${code}}`;
    form.setFieldValue(part, `${value.slice(0, start)}${text}${value.slice(end)}`);
    requestAnimationFrame(() => {
      node?.focus();
      node?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const trackFocus =
    (part: TemplatePart, onFocus?: (event: FocusEvent<HTMLElement>) => void) =>
    (event: FocusEvent<HTMLElement>) => {
      onFocus?.(event);
      setTarget(part);
    };
  const subjectProps = form.getInputProps("subject");
  const bodyProps = form.getInputProps("body");
  const eventName = t(`events.${template.event}`);

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <Group gap="sm">
          <Badge color={template.customized ? "indigo" : "gray"} variant="light" tt="none">
            {template.customized ? t("templates.customized") : t("templates.default")}
          </Badge>
        </Group>
        {STAFF_EVENTS.includes(template.event) && (
          // NOTE: the server writes these emails from the default wording, so saving here changes nothing yet.
          <Alert color="yellow" variant="light">
            {t("templates.staffNote")}
          </Alert>
        )}
        {formError !== null && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        {isEmail && (
          <TextInput
            label={t("templates.subject")}
            readOnly={readOnly}
            {...subjectProps}
            onFocus={trackFocus("subject", subjectProps.onFocus)}
          />
        )}
        <Textarea
          label={t("templates.body")}
          description={t("templates.bodyHint")}
          autosize
          minRows={8}
          maxRows={24}
          readOnly={readOnly}
          {...bodyProps}
          onFocus={trackFocus("body", bodyProps.onFocus)}
        />
        <Text size="sm" c="dimmed">
          {isEmail ? t("templates.htmlNote") : t("templates.smsNote")}
        </Text>

        {!readOnly && (
          <ReplacementCodePicker
            legend={t("templates.codesLegend")}
            hint={t("templates.codesHint")}
            codes={template.codes.map((code) => ({ code, description: replacementCodeDescription(code) }))}
            onInsert={insertCode}
          />
        )}

        {!readOnly && (
          <Group gap="sm">
            <Button type="submit" loading={save.isPending}>
              {t("templates.save")}
            </Button>
            <Button
              variant="default"
              disabled={!template.customized}
              onClick={() => setConfirmingReset(true)}
            >
              {t("templates.reset")}
            </Button>
          </Group>
        )}
      </Stack>

      <Modal
        opened={confirmingReset}
        onClose={() => setConfirmingReset(false)}
        title={t("templates.resetConfirmTitle")}
      >
        <Stack gap="md">
          {reset.isError && (
            <Alert color="red" variant="light" role="alert">
              {translateApiError(reset.error)}
            </Alert>
          )}
          <Text>
            {t("templates.resetConfirm", {
              event: eventName,
              channel: t(`channels.${template.channel}`),
              language: t(`common:languages.${template.language}`),
            })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmingReset(false)} data-autofocus>
              {t("common:actions.cancel")}
            </Button>
            <Button color="red" loading={reset.isPending} onClick={confirmReset}>
              {t("templates.reset")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}

function ProblemLines({ texts }: { texts: string[] }): ReactNode {
  return texts.map((text) => (
    <span key={text} style={{ display: "block" }}>
      {text}
    </span>
  ));
}
