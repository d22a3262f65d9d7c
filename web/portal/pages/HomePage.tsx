import { Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ActionList } from "../components/ActionList";
import { ActivityList } from "../components/ActivityList";
import { CompanyInformation } from "../components/CompanyInformation";
import { PageHeading } from "../components/PageHeading";
import { PortalLayout } from "../components/PortalLayout";
import { QueryState } from "../components/QueryState";
import { usePageTitle } from "../lib/page-title";
import { useHome } from "../lib/portal-queries";
import type { SignedInSession } from "../lib/types";

/**
 * Renders the signed-in customer's home: the actions they may run, upcoming and past visits, and
 * the company's details.
 */
export function HomePage({ session }: { session: SignedInSession }) {
  const { t } = useTranslation("portal");
  const home = useHome();
  usePageTitle(t("home.title"));

  return (
    <PortalLayout session={session}>
      <Stack gap="xl">
        <PageHeading>
          {t("home.heading", { name: session.customer.firstName ?? session.customer.name })}
        </PageHeading>
        {home.data === undefined ? (
          <QueryState error={home.error} onRetry={() => void home.refetch()} />
        ) : (
          <>
            <ActionList actions={home.data.actions} preview={session.preview !== null} />
            <ActivityList
              headingId="upcoming-heading"
              heading={t("home.upcoming")}
              emptyMessage={t("home.upcomingEmpty")}
              activities={home.data.upcoming}
            />
            <ActivityList
              headingId="past-heading"
              heading={t("home.past")}
              emptyMessage={t("home.pastEmpty")}
              activities={home.data.past}
            />
          </>
        )}
        <CompanyInformation company={session.company} />
      </Stack>
    </PortalLayout>
  );
}
