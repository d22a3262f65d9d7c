import { Anchor, Badge, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { splitCustomerApiError } from "../../components/customers/api-errors";
import { CustomerActivities } from "../../components/customers/CustomerActivities";
import { CustomerForm, type CustomerSubmitResult } from "../../components/customers/CustomerForm";
import { CustomerLocation } from "../../components/customers/CustomerLocation";
import { CustomerPortalSection } from "../../components/customers/CustomerPortalSection";
import { NotLocatedBadge } from "../../components/customers/CustomersTable";
import {
  CUSTOMER_FORM_FIELDS,
  type CustomerFormValues,
  customerToValues,
  valuesToInput,
} from "../../components/customers/customer-form-model";
import { DeleteCustomerSection } from "../../components/customers/DeleteCustomerSection";
import { RelatedMessages } from "../../components/messages/RelatedMessages";
import { QueryState } from "../../components/QueryState";
import { useIsPlanner } from "../../components/team/PlannerOnly";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type Customer, canEditCustomers, useCustomer, useUpdateCustomer } from "../../lib/customers";
import { usePageTitle } from "../../lib/page-title";

/** Shows one customer: the form, the map position, the activities and, for planners, deletion. */
export function CustomerPage() {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const { customerId = "" } = useParams();
  const query = useCustomer(businessUnit.id, customerId);
  const customer = query.data;
  usePageTitle(
    `${customer?.displayName ?? t("record.fallbackTitle")} – ${t("title")} – ${businessUnit.name}`,
  );

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/bu/${encodeURIComponent(businessUnit.id)}/customers`} size="sm">
        {t("record.backToList")}
      </Anchor>
      {customer ? (
        // Keyed by customer, so opening another customer starts every form from its values.
        <CustomerRecord key={customer.id} customer={customer} />
      ) : (
        <Stack gap="md">
          <Title order={1}>{t("record.fallbackTitle")}</Title>
          <QueryState error={query.error} onRetry={() => void query.refetch()} />
        </Stack>
      )}
    </Stack>
  );
}

function CustomerRecord({ customer }: { customer: Customer }) {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const editable = canEditCustomers(businessUnit.roles);
  const isPlanner = useIsPlanner();
  const update = useUpdateCustomer(businessUnit.id, customer.id);
  const [formError, setFormError] = useState<string | null>(null);
  const [initialValues] = useState(() => customerToValues(customer, businessUnit.country));

  const save = async (values: CustomerFormValues): Promise<CustomerSubmitResult> => {
    setFormError(null);
    try {
      // The portal section saves the access on its own, so the form never overwrites it.
      const { portalAccess: _savedApart, ...input } = valuesToInput(values);
      const saved = await update.mutateAsync(input);
      notifications.show({ color: "green", message: t("record.saved", { name: saved.displayName }) });
      return { saved: customerToValues(saved, businessUnit.country) };
    } catch (error) {
      const split = splitCustomerApiError(error, (field) =>
        (CUSTOMER_FORM_FIELDS as readonly string[]).includes(field),
      );
      setFormError(split.formError);
      return { fieldErrors: split.fieldErrors };
    }
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group gap="sm" wrap="wrap">
          <Title order={1}>{customer.displayName}</Title>
          {!customer.located && <NotLocatedBadge />}
        </Group>
        <Group gap="sm">
          <Text c="dimmed">{t("record.referenceLine", { reference: customer.reference })}</Text>
          <Badge variant="light" color="gray" tt="none">
            {t(`types.${customer.type}`)}
          </Badge>
          {customer.portalAccess && (
            <Badge variant="light" color="teal" tt="none">
              {t("record.portalAccessBadge")}
            </Badge>
          )}
        </Group>
      </Stack>
      {!editable && <Text size="sm">{t("record.readOnly")}</Text>}
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="sm">
            <Title order={2} size="h3">
              {t("record.detailsHeading")}
            </Title>
            <CustomerForm
              initialValues={initialValues}
              editable={editable}
              submitLabel={t("record.save")}
              isSaving={update.isPending}
              formError={formError}
              onSubmit={save}
              withPortalAccess={false}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="xl">
            <CustomerLocation customer={customer} editable={editable} />
            <CustomerActivities customerId={customer.id} />
            <CustomerPortalSection customer={customer} editable={editable} />
            {isPlanner && (
              <Stack gap="sm" component="section" aria-labelledby="customer-messages">
                <Title order={2} size="h3" id="customer-messages">
                  {t("related.heading", { ns: "messages" })}
                </Title>
                <RelatedMessages customerId={customer.id} />
              </Stack>
            )}
            {editable && <DeleteCustomerSection customer={customer} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
