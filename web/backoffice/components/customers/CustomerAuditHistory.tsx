import { Paper, Stack, Text, Title } from "@mantine/core";
import i18next from "i18next";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../shared/format";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type AuditEvent, useCustomerAudit } from "../../lib/portal";
import { QueryState } from "../QueryState";

/** Audit actions that this screen names; others show their code. */
const AUDIT_ACTIONS = [
  "portal_preview_opened",
  "portal_access_changed",
  "portal_access_granted_to_all",
  "portal_access_revoked_from_all",
  "portal_settings_changed",
] as const;

/**
 * Returns what an audit event records, in the current language. A change of one customer's access
 * is named as granted or revoked when `details.portalAccess` gives the new value.
 */
function auditActionLabel(event: AuditEvent): string {
  const t = i18next.t;
  if (event.action === "portal_access_changed" && typeof event.details.portalAccess === "boolean") {
    return event.details.portalAccess
      ? t("customers:portal.audit.actions.portal_access_granted")
      : t("customers:portal.audit.actions.portal_access_revoked");
  }
  const known = AUDIT_ACTIONS.find((action) => action === event.action);
  return known ? t(`customers:portal.audit.actions.${known}`) : event.action;
}

/** Lists the audit events of a customer, newest first: what happened, who did it and when. */
export function CustomerAuditHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const query = useCustomerAudit(businessUnit.id, customerId);

  return (
    <Stack gap="xs" component="section" aria-labelledby="customer-audit">
      <Title order={3} size="h4" id="customer-audit">
        {t("portal.audit.heading")}
      </Title>
      {!query.data ? (
        <QueryState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.events.length === 0 ? (
        <Text size="sm">{t("portal.audit.none")}</Text>
      ) : (
        <Stack gap="xs" component="ol" className="plain-list" aria-labelledby="customer-audit">
          {query.data.events.map((event) => (
            <Paper component="li" key={event.id} withBorder p="xs">
              <Text size="sm" fw={500}>
                {auditActionLabel(event)}
              </Text>
              <Text size="sm" c="dimmed">
                {t("portal.audit.byAt", {
                  actor: event.actor?.name ?? t("portal.audit.noActor"),
                  date: formatDateTime(event.createdAt, businessUnit.timeZone),
                })}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
