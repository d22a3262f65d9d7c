import { Anchor, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { CustomerChoiceList } from "../components/CustomerChoiceList";
import { type LiveMessage, LiveRegion, nextMessage } from "../components/LiveRegion";
import { PageHeading } from "../components/PageHeading";
import { PortalLayout } from "../components/PortalLayout";
import { QueryState } from "../components/QueryState";
import { translatePortalError } from "../lib/errors";
import { usePageTitle } from "../lib/page-title";
import { portalHomePath, useChooseCustomer, useSession } from "../lib/session";
import { readSignInNotice } from "../lib/sign-in-notice";
import type { CustomerChoice, SignedInSession } from "../lib/types";
import { ChooseCustomerPage } from "./sign-in/ChooseCustomerPage";

/**
 * Renders `/portal/choose`: the customer accounts of the signed-in email or phone number, to
 * switch to another one without signing in again. A session that still has to choose gets the
 * list of the sign-in step; a session that cannot switch goes to its home page.
 */
export function SwitchAccountPage() {
  const session = useSession();

  if (session.data === undefined) {
    return (
      <PortalLayout size="narrow">
        <QueryState error={session.error} onRetry={() => void session.refetch()} />
      </PortalLayout>
    );
  }
  if (session.data === null) {
    return <Navigate to={portalHomePath(readSignInNotice()?.slug)} replace />;
  }
  if (session.data.state === "choose") {
    return <ChooseCustomerPage choices={session.data.choices} />;
  }
  const choices = session.data.choices;
  if (!session.data.canSwitch || choices === undefined || session.data.preview !== null) {
    return <Navigate to={portalHomePath(session.data.company.slug)} replace />;
  }
  return <SwitchAccountContent session={session.data} choices={choices} />;
}

function SwitchAccountContent({ session, choices }: { session: SignedInSession; choices: CustomerChoice[] }) {
  const { t } = useTranslation("portal");
  const navigate = useNavigate();
  const choose = useChooseCustomer();
  const [error, setError] = useState<LiveMessage | null>(null);
  usePageTitle(t("switchAccount.title"));

  const handleChoose = (choice: CustomerChoice) => {
    choose.mutate(
      { organizationId: choice.organizationId, customerId: choice.customerId },
      {
        onSuccess: (next) => {
          const slug = next.state === "signed_in" ? next.company.slug : null;
          navigate(portalHomePath(slug), { replace: true });
        },
        onError: (value) => setError((previous) => nextMessage(previous, translatePortalError(value))),
      },
    );
  };

  return (
    <PortalLayout session={session} size="narrow">
      <Stack gap="md">
        <PageHeading>{t("switchAccount.title")}</PageHeading>
        <Text>{t("switchAccount.intro")}</Text>
        <LiveRegion kind="error" message={error} />
        <CustomerChoiceList
          choices={choices}
          onChoose={handleChoose}
          pending={choose.isPending}
          currentCustomerId={session.customer.id}
        />
        <Anchor component={Link} to={portalHomePath(session.company.slug)} size="sm">
          {t("activity.back")}
        </Anchor>
      </Stack>
    </PortalLayout>
  );
}
