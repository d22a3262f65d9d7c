import { Anchor, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../shared/api";
import { fieldError, retryAfterSeconds } from "../../lib/errors";
import { useRequestCode, useVerifyCode } from "../../lib/session";
import type { SignInMessages } from "./SignInPage";

/** Seconds before another code may be sent; the server applies the same cooldown per identifier. */
const RESEND_COOLDOWN_SECONDS = 60;
const CODE_PATTERN = /^\d{6}$/;

interface CodeFormProps {
  slug: string | undefined;
  identifier: string;
  messages: SignInMessages;
  onBack(): void;
}

/** Counts down from `initialSeconds`; returns the whole seconds left and a function to start again. */
function useCountdown(initialSeconds: number) {
  const [until, setUntil] = useState(() => Date.now() + initialSeconds * 1000);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (now >= until) {
      return;
    }
    const timer = window.setTimeout(() => setNow(Date.now()), Math.min(1000, until - now));
    return () => window.clearTimeout(timer);
  }, [now, until]);

  const restart = (seconds: number) => {
    const start = Date.now();
    setNow(start);
    setUntil(start + seconds * 1000);
  };
  return { secondsLeft: Math.max(0, Math.ceil((until - now) / 1000)), restart };
}

/** Renders step 2 of signing in: the 6-digit code, a new code after a cooldown, or another address. */
export function CodeForm({ slug, identifier, messages, onBack }: CodeFormProps) {
  const { t } = useTranslation("portal");
  const verify = useVerifyCode();
  const requestCode = useRequestCode();
  const inputRef = useRef<HTMLInputElement>(null);
  const [code, setCode] = useState("");
  const [fieldMessage, setFieldMessage] = useState<string | null>(null);
  // After too many wrong codes the server deletes the code, so only a new code can sign in.
  const [codeDied, setCodeDied] = useState(false);
  const countdown = useCountdown(RESEND_COOLDOWN_SECONDS);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const focusEmptyField = () => {
    setCode("");
    inputRef.current?.focus();
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, "");
    if (!CODE_PATTERN.test(digits)) {
      setFieldMessage(t("signIn.codeFormat"));
      inputRef.current?.focus();
      return;
    }

    setFieldMessage(null);
    const body = slug === undefined ? { identifier, code: digits } : { identifier, code: digits, slug };
    verify.mutate(body, {
      onError: (error) => {
        const invalid = fieldError(error, "code");
        if (invalid) {
          setFieldMessage(t("signIn.codeFormat"));
          inputRef.current?.focus();
          return;
        }
        setCodeDied(error instanceof ApiError && error.code === "too_many_attempts");
        messages.showError(error);
        focusEmptyField();
      },
    });
  };

  const handleResend = () => {
    requestCode.mutate(slug === undefined ? { identifier } : { identifier, slug }, {
      onSuccess: () => {
        countdown.restart(RESEND_COOLDOWN_SECONDS);
        setCodeDied(false);
        messages.showStatus(t("signIn.newCodeSent", { identifier }));
        focusEmptyField();
      },
      onError: (error) => {
        const wait = retryAfterSeconds(error);
        if (wait !== undefined && wait > 0) {
          countdown.restart(wait);
        }
        messages.showError(error);
      },
    });
  };

  const canResend = countdown.secondsLeft === 0;

  return (
    <Stack gap="md">
      <form onSubmit={handleSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            ref={inputRef}
            label={t("signIn.codeLabel")}
            description={t("signIn.codeHint")}
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              setFieldMessage(null);
            }}
            error={fieldMessage}
            classNames={{ input: "code-input" }}
          />
          <Button type="submit" loading={verify.isPending}>
            {t("signIn.verify")}
          </Button>
        </Stack>
      </form>
      <Group gap="sm" justify="space-between" align="center">
        <Button
          variant="subtle"
          size="sm"
          onClick={handleResend}
          disabled={!canResend}
          loading={requestCode.isPending}
        >
          {canResend
            ? t("signIn.resend")
            : t("signIn.resendIn", { count: countdown.secondsLeft, seconds: countdown.secondsLeft })}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onBack}>
          {t("signIn.useAnother")}
        </Anchor>
      </Group>
      {codeDied && <Text size="sm">{t("signIn.codeDied")}</Text>}
    </Stack>
  );
}
