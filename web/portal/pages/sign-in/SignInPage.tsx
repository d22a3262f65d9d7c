import { Alert, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type LiveMessage, LiveRegion, nextMessage } from "../../components/LiveRegion";
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

/** Shows messages of the sign-in steps in the page's live regions, which outlive the steps. */
export interface SignInMessages {
  showStatus(text: string): void;
  showError(error: unknown): void;
  clear(): void;
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
  const [status, setStatus] = useState<LiveMessage | null>(null);
  // The error itself is kept, not its message, so the message follows a change of language.
  const [error, setError] = useState<{ id: number; value: unknown } | null>(null);
  usePageTitle(t("signIn.title"));

  const messages: SignInMessages = {
    showStatus: (text) => {
      setError(null);
      setStatus((previous) => nextMessage(previous, text));
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
        <div>
          {notice !== null && step === "identifier" && <NoticeAlert notice={notice} />}
          <LiveRegion kind="status" message={status} />
          <LiveRegion
            kind="error"
            message={error === null ? null : { id: error.id, text: translatePortalError(error.value) }}
          />
          {step === "identifier" ? (
            <>
              <Text mb="md">{t(`signIn.intro.${loginChannels}`)}</Text>
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
        </div>
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
    <Alert color="yellow" variant="light" role="status" mb="md">
      {message}
    </Alert>
  );
}
