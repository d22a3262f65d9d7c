import { Button, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldError, translateIdentifierError } from "../../lib/errors";
import { useRequestCode } from "../../lib/session";
import { setSignInNotice } from "../../lib/sign-in-notice";
import type { LoginChannels } from "../../lib/types";
import type { SignInMessages } from "./SignInPage";

/** Keyboard and autofill hints for the identifier field, by the channels the company allows. */
const FIELD_HINTS: Record<LoginChannels, { inputMode: "email" | "tel"; autoComplete: string }> = {
  both: { inputMode: "email", autoComplete: "email" },
  email: { inputMode: "email", autoComplete: "email" },
  sms: { inputMode: "tel", autoComplete: "tel" },
};

interface IdentifierFormProps {
  slug: string | undefined;
  loginChannels: LoginChannels;
  identifier: string;
  onIdentifierChange(value: string): void;
  messages: SignInMessages;
  /** Called after the server accepted the request, with the identifier as sent. */
  onCodeSent(identifier: string): void;
}

/** Renders step 1 of signing in: the email address or phone number that receives a code. */
export function IdentifierForm(props: IdentifierFormProps) {
  const { slug, loginChannels, identifier, onIdentifierChange, messages, onCodeSent } = props;
  const { t } = useTranslation("portal");
  const requestCode = useRequestCode();
  const inputRef = useRef<HTMLInputElement>(null);
  const [fieldMessage, setFieldMessage] = useState<string | null>(null);

  // Coming back from the code step ("use another address") puts the focus in the field again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, when the step opens.
  useEffect(() => {
    if (identifier !== "") {
      inputRef.current?.focus();
    }
  }, []);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = identifier.trim();
    if (value === "") {
      setFieldMessage(t(`signIn.identifierRequired.${loginChannels}`));
      inputRef.current?.focus();
      return;
    }

    setFieldMessage(null);
    messages.clear();
    requestCode.mutate(slug === undefined ? { identifier: value } : { identifier: value, slug }, {
      onSuccess: () => {
        setSignInNotice(null);
        onCodeSent(value);
      },
      onError: (error) => {
        const invalid = fieldError(error, "identifier");
        if (invalid) {
          setFieldMessage(translateIdentifierError(invalid));
          inputRef.current?.focus();
          return;
        }
        messages.showError(error);
      },
    });
  };

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="md">
        <TextInput
          ref={inputRef}
          label={t(`signIn.identifierLabel.${loginChannels}`)}
          description={t(`signIn.identifierHint.${loginChannels}`)}
          type="text"
          inputMode={FIELD_HINTS[loginChannels].inputMode}
          autoComplete={FIELD_HINTS[loginChannels].autoComplete}
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          value={identifier}
          onChange={(event) => {
            onIdentifierChange(event.currentTarget.value);
            setFieldMessage(null);
          }}
          error={fieldMessage}
        />
        <Button type="submit" loading={requestCode.isPending}>
          {t("signIn.sendCode")}
        </Button>
      </Stack>
    </form>
  );
}
