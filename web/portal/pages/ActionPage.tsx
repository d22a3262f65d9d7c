import { Anchor, Card, Stack, Text } from "@mantine/core";
import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useLocation, useParams, useSearchParams } from "react-router";
import { ApiError } from "../../shared/api";
import { activityTitle } from "../components/ActivityList";
import { ActionDone } from "../components/actions/ActionDone";
import { ActionFlow, type ActionOutcome } from "../components/actions/ActionFlow";
import { PageHeading } from "../components/PageHeading";
import { PortalLayout } from "../components/PortalLayout";
import { QueryState } from "../components/QueryState";
import { VisitWhen } from "../components/VisitWhen";
import { activityPath } from "../lib/action-path";
import { usePageTitle } from "../lib/page-title";
import { useActivity, useHome } from "../lib/portal-queries";
import { portalHomePath, useSession } from "../lib/session";
import { readSignInNotice } from "../lib/sign-in-notice";
import type { ActivityDetail, PortalActionView, SignedInSession } from "../lib/types";

/**
 * Renders `/portal/actions/:typeId/:actionId` for a signed-in customer, with `?activity=<id>` for
 * an action on a visit; others go to the sign-in page.
 */
export function ActionPage() {
  const session = useSession();
  const location = useLocation();

  if (session.data === undefined) {
    return (
      <PortalLayout size="narrow">
        <QueryState error={session.error} onRetry={() => void session.refetch()} />
      </PortalLayout>
    );
  }
  if (session.data === null || session.data.state !== "signed_in") {
    return <Navigate to={portalHomePath(readSignInNotice()?.slug)} replace />;
  }
  // Another action's address starts again from its first step.
  return <ActionContent key={location.pathname + location.search} session={session.data} />;
}

function ActionContent({ session }: { session: SignedInSession }) {
  const { t } = useTranslation("portal");
  const { typeId = "", actionId = "" } = useParams();
  const [searchParams] = useSearchParams();
  const activityId = searchParams.get("activity");
  // The action comes from the list it is offered in: the home page's, or the visit's.
  const home = useHome({ enabled: activityId === null });
  const activity = useActivity(activityId ?? "", { enabled: activityId !== null });
  const source = activityId === null ? home : activity;
  const offered = source.data?.actions.find((action) => action.typeId === typeId && action.id === actionId);
  const action = useKeptAction(offered);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);

  const backPath = activityId === null ? portalHomePath(session.company.slug) : activityPath(activityId);
  const backLabel = activityId === null ? t("activity.back") : t("action.backToVisit");

  let content: ReactNode;
  if (outcome !== null && action !== null) {
    content = <ActionDone session={session} action={action} outcome={outcome} />;
  } else if (action !== null) {
    content = (
      <Stack gap="lg">
        <ActionHeading label={action.label} />
        {activity.data !== undefined && activityId !== null && <VisitSummary activity={activity.data} />}
        <ActionFlow
          session={session}
          action={action}
          backPath={backPath}
          backLabel={backLabel}
          onDone={setOutcome}
        />
      </Stack>
    );
  } else if (source.data === undefined && !(source.error && isNotFound(source.error))) {
    content = <QueryState error={source.error} onRetry={() => void source.refetch()} />;
  } else {
    content = <UnavailableContent />;
  }

  return (
    <PortalLayout session={session} size="narrow">
      <Stack gap="lg">
        {outcome === null && (
          <Anchor component={Link} to={backPath} size="sm">
            {backLabel}
          </Anchor>
        )}
        {content}
      </Stack>
    </PortalLayout>
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/**
 * Returns the offered action, or the last one offered while the page is open. The lists are
 * loaded again after a change or a switch of language, and an action whose conditions no longer
 * hold drops out of them. The form then stays, and the server's refusal explains why.
 */
function useKeptAction(offered: PortalActionView | undefined): PortalActionView | null {
  const [kept, setKept] = useState<PortalActionView | null>(offered ?? null);
  useEffect(() => {
    if (offered !== undefined) {
      setKept(offered);
    }
  }, [offered]);
  return offered ?? kept;
}

function ActionHeading({ label }: { label: string }) {
  usePageTitle(label);
  return <PageHeading>{label}</PageHeading>;
}

/** Names the visit that a visit's action applies to, with its date. */
function VisitSummary({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation("portal");
  return (
    <Card withBorder padding="sm" radius="md" component="section" aria-label={t("action.visitLabel")}>
      <Stack gap={4}>
        <Text fw={600} className="break-anywhere">
          {activityTitle(activity, t("activity.untitled", { reference: activity.reference }))}
        </Text>
        <VisitWhen activity={activity} />
      </Stack>
    </Card>
  );
}

function UnavailableContent() {
  const { t } = useTranslation("portal");
  usePageTitle(t("action.unavailableTitle"));
  return (
    <Stack gap="sm">
      <PageHeading>{t("action.unavailableTitle")}</PageHeading>
      <Text>{t("action.unavailableMessage")}</Text>
    </Stack>
  );
}
