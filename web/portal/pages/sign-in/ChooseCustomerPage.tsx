import { Anchor, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CustomerChoiceList } from "../../components/CustomerChoiceList";
import { LiveRegion } from "../../components/LiveRegion";
import { PageHeading } from "../../components/PageHeading";
import { PortalLayout } from "../../components/PortalLayout";
import { translatePortalError } from "../../lib/errors";
import { usePageTitle } from "../../lib/page-title";
import { useChooseCustomer, useSignOut } from "../../lib/session";
import type { CustomerChoice } from "../../lib/types";

/**
 * Renders the list shown after a code that matched several customers, such as customers of two
 * companies or a household sharing one phone. Choosing one opens that customer's portal.
 */
export function ChooseCustomerPage({ choices }: { choices: CustomerChoice[] }) {
  const { t } = useTranslation("portal");
  const choose = useChooseCustomer();
  const signOut = useSignOut();
  const [error, setError] = useState<{ id: number; value: unknown } | null>(null);
  usePageTitle(t("choose.title"));

  const handleChoose = (choice: CustomerChoice) => {
    choose.mutate(
      { organizationId: choice.organizationId, customerId: choice.customerId },
      { onError: (value) => setError((previous) => ({ id: (previous?.id ?? 0) + 1, value })) },
    );
  };

  return (
    <PortalLayout size="narrow">
      <Stack gap="md">
        <PageHeading>{t("choose.title")}</PageHeading>
        <Text>{t("choose.intro")}</Text>
        <LiveRegion
          kind="error"
          message={error === null ? null : { id: error.id, text: translatePortalError(error.value) }}
        />
        <CustomerChoiceList choices={choices} onChoose={handleChoose} pending={choose.isPending} />
        <Anchor
          component="button"
          type="button"
          size="sm"
          // Ending the pending session shows the sign-in form again at the same address.
          onClick={() => signOut.mutate()}
        >
          {t("signIn.useAnother")}
        </Anchor>
      </Stack>
    </PortalLayout>
  );
}
