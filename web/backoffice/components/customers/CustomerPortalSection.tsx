import { Alert, Anchor, Button, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { translateApiError } from "../../../shared/i18n";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import type { Customer } from "../../lib/customers";
import { usePortalConfig, usePortalPreview, useSetCustomerPortalAccess } from "../../lib/portal";
import { CustomerAuditHistory } from "./CustomerAuditHistory";

interface CustomerPortalSectionProps {
  customer: Customer;
  /**
   * False shows the access read-only and leaves out the preview, for members who are neither
   * admins nor planners, because only they may change customers or preview their portal.
   */
  editable: boolean;
}

/**
 * Renders the customer's portal access switch, which saves at once, the button that opens a
 * read-only preview of this customer's portal, and the audit history of the record.
 */
export function CustomerPortalSection({ customer, editable }: CustomerPortalSectionProps) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const portal = usePortalConfig(businessUnit.id);
  const setAccess = useSetCustomerPortalAccess(businessUnit.id, customer.id);
  const preview = usePortalPreview(businessUnit.id, customer.id);
  const [blockedLink, setBlockedLink] = useState<string | null>(null);
  // The value being saved, which the switch shows at once. It is null again once the save ends.
  const [requestedAccess, setRequestedAccess] = useState<boolean | null>(null);

  const changeAccess = (portalAccess: boolean) => {
    setRequestedAccess(portalAccess);
    setAccess.mutate(portalAccess, {
      onSuccess: (saved) =>
        notifications.show({
          color: "green",
          message: t(saved.portalAccess ? "portal.granted" : "portal.revoked", { name: saved.displayName }),
        }),
      onSettled: () => setRequestedAccess(null),
    });
  };

  const openPreview = () => {
    setBlockedLink(null);
    preview.mutate(undefined, {
      onSuccess: ({ url }) => {
        const address = new URL(url, window.location.origin).href;
        // With the "noopener" feature, window.open returns null even when the tab opens, so a
        // blocked tab would go unnoticed. The opener is cleared right after opening instead.
        const tab = window.open(address, "_blank");
        if (tab) {
          tab.opener = null;
        } else {
          setBlockedLink(address);
        }
      },
    });
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="customer-portal">
      <Title order={2} size="h3" id="customer-portal">
        {t("portal.heading")}
      </Title>
      {portal.data && !portal.data.enabled && (
        <Alert color="yellow" variant="light" role="status">
          {t("portal.unitDisabled")}
        </Alert>
      )}
      <Switch
        label={t("record.fields.portalAccess")}
        description={t("record.hints.portalAccess")}
        checked={requestedAccess ?? customer.portalAccess}
        disabled={!editable || setAccess.isPending}
        onChange={(event) => changeAccess(event.currentTarget.checked)}
      />
      {setAccess.isError && (
        <Alert color="red" variant="light" role="alert">
          {translateApiError(setAccess.error)}
        </Alert>
      )}

      {editable && (
        <>
          <Stack gap={4} align="flex-start">
            <Button
              variant="light"
              onClick={openPreview}
              loading={preview.isPending}
              aria-describedby="portal-preview-hint"
            >
              {t("portal.preview")}
            </Button>
            <Text size="sm" c="dimmed" id="portal-preview-hint">
              {t("portal.previewHint")}
            </Text>
          </Stack>
          {preview.isError && (
            <Alert color="red" variant="light" role="alert">
              {translateApiError(preview.error)}
            </Alert>
          )}
          {blockedLink && (
            <Alert color="blue" variant="light" role="status">
              <Stack gap={4}>
                <Text size="sm">{t("portal.previewBlocked")}</Text>
                <Anchor href={blockedLink} target="_blank" rel="noopener noreferrer" size="sm">
                  {t("portal.previewLink", { name: customer.displayName })}
                </Anchor>
              </Stack>
            </Alert>
          )}
        </>
      )}

      <CustomerAuditHistory customerId={customer.id} />
    </Stack>
  );
}
