import { Alert, Box, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PageHeading } from "../../components/PageHeading";
import { PortalLayout } from "../../components/PortalLayout";
import { QueryState } from "../../components/QueryState";
import { translatePortalError } from "../../lib/errors";
import { usePageTitle } from "../../lib/page-title";
import { usePortalUnit } from "../../lib/session";
import { type SignInNotice, useSignInNotice } from "../../lib/sign-in-notice";
import type { PortalUnit } from "../../lib/types";
import { UnknownPortalPage } from "../UnknownPortalPage";
import { CodeForm } from "./CodeForm";
import { IdentifierForm } from "./IdentifierForm";

/**
 * Messages of the sign-in steps. Both live regions stay mounted through the steps, so screen
 * readers announce each new message. `id` changes with every message, so a repeated message is
 * rendered anew and announced again.
 */
export interface SignInMessages {
  showStatus(text: string): void;
  showError(error: unknown): void;
  clear(): void;
}

interface Message<T> {
  id: number;
  value: T;
}

/** Renders the sign-in page at `/portal` and `/portal/<slug>`: email or phone, then the code. */
export function SignInPage({ slug }: { slug: string | undefined }) {
  const unit = usePortalUnit(slug);

  if (slug !== undefined && unit.data === undefined) {
    return (
      <PortalLayout size="narrow">
        <QueryState error={unit.error} onRetry={() => void unit.refetch()} />
      </PortalLayout>
    );
  }
  if (slug !== undefined && unit.data === null) {
    return <UnknownPortalPage />;
  }
  return <SignInSteps slug={slug} unit={unit.data ?? null} />;
}

function SignInSteps({ slug, unit }: { slug: string | undefined; unit: PortalUnit | null }) {
  const { t } = useTranslation("portal");
  const notice = useSignInNotice();
  const [identifier, setIdentifier] = useState("");
  const [step, setStep] = useState<"identifier" | "code">("identifier");
  const [status, setStatus] = useState<Message<string> | null>(null);
  const [error, setError] = useState<Message<unknown> | null>(null);
  usePageTitle(t("signIn.title"));

  const messages: SignInMessages = {
    showStatus: (text) => {
      setError(null);
      setStatus((previous) => ({ id: (previous?.id ?? 0) + 1, value: text }));
    },
    showError: (value) => setError((previous) => ({ id: (previous?.id ?? 0) + 1, value })),
    clear: () => {
      setStatus(null);
      setError(null);
    },
  };

  const loginChannels = unit?.loginChannels ?? "both";

  return (
    <PortalLayout brand={unit ?? undefined} size="narrow">
      <Stack gap="md">
        <PageHeading>
          {unit ? t("signIn.titleForCompany", { company: unit.displayName }) : t("signIn.title")}
        </PageHeading>
        {notice !== null && step === "identifier" && <NoticeAlert notice={notice} />}
        <Box role="status" aria-live="polite">
          {status !== null && (
            <Alert key={status.id} color="blue" variant="light">
              {status.value}
            </Alert>
          )}
        </Box>
        <Box role="alert" aria-live="assertive">
          {error !== null && (
            <Alert key={error.id} color="red" variant="light">
              {translatePortalError(error.value)}
            </Alert>
          )}
        </Box>
        {step === "identifier" ? (
          <>
            <Text>{t(`signIn.intro.${loginChannels}`)}</Text>
            <IdentifierForm
              slug={slug}
              loginChannels={loginChannels}
              identifier={identifier}
              onIdentifierChange={setIdentifier}
              messages={messages}
              onCodeSent={(sentTo) => {
                setIdentifier(sentTo);
                setStep("code");
                messages.showStatus(t("signIn.codeSent", { identifier: sentTo }));
              }}
            />
          </>
        ) : (
          <CodeForm
            slug={slug}
            identifier={identifier}
            messages={messages}
            onBack={() => {
              messages.clear();
              setStep("identifier");
            }}
          />
        )}
      </Stack>
    </PortalLayout>
  );
}

/** Says why the customer is back on the sign-in page, for example after access was revoked. */
function NoticeAlert({ notice }: { notice: SignInNotice }) {
  const { t } = useTranslation(["portal", "errors"]);
  const message =
    notice.reason === "preview_ended" ? t("portal:preview.ended") : t(`errors:codes.${notice.reason}`);
  return (
    <Alert color="yellow" variant="light" role="status">
      {message}
    </Alert>
  );
}
