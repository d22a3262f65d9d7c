import { Anchor, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { splitCustomerApiError } from "../../components/customers/api-errors";
import { CustomerForm, type CustomerSubmitResult } from "../../components/customers/CustomerForm";
import {
  CUSTOMER_FORM_FIELDS,
  type CustomerFormValues,
  customerToValues,
  emptyCustomerValues,
  valuesToInput,
} from "../../components/customers/customer-form-model";
import { PlannerRequired } from "../../components/customers/PlannerRequired";
import { QueryState } from "../../components/QueryState";
import { useBusinessUnit } from "../../lib/business-units";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { canEditCustomers, useCreateCustomer } from "../../lib/customers";
import { usePageTitle } from "../../lib/page-title";

/**
 * Creates a customer, then opens its record, where the map pin is placed. The defaults for the
 * country, the language and portal access come from the business unit's settings.
 */
export function NewCustomerPage() {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("record.newTitle")} – ${t("title")} – ${businessUnit.name}`);
  const editable = canEditCustomers(businessUnit.roles);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/bu/${encodeURIComponent(businessUnit.id)}/customers`} size="sm">
        {t("record.backToList")}
      </Anchor>
      <Title order={1}>{t("record.newTitle")}</Title>
      {editable ? <NewCustomerForm /> : <PlannerRequired />}
    </Stack>
  );
}

function NewCustomerForm() {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  const navigate = useNavigate();
  const unit = useBusinessUnit(businessUnit.id);
  const create = useCreateCustomer(businessUnit.id);
  const [formError, setFormError] = useState<string | null>(null);

  if (!unit.data) {
    return <QueryState error={unit.error} onRetry={() => void unit.refetch()} />;
  }

  const save = async (values: CustomerFormValues): Promise<CustomerSubmitResult> => {
    setFormError(null);
    try {
      const created = await create.mutateAsync(valuesToInput(values));
      notifications.show({ color: "green", message: t("record.created", { name: created.displayName }) });
      void navigate(`/bu/${encodeURIComponent(businessUnit.id)}/customers/${encodeURIComponent(created.id)}`);
      return { saved: customerToValues(created, businessUnit.country) };
    } catch (error) {
      const split = splitCustomerApiError(error, (field) =>
        (CUSTOMER_FORM_FIELDS as readonly string[]).includes(field),
      );
      setFormError(split.formError);
      return { fieldErrors: split.fieldErrors };
    }
  };

  return (
    <Stack gap="sm" maw={760}>
      <Text size="sm" c="dimmed">
        {t("record.newHint")}
      </Text>
      <CustomerForm
        initialValues={emptyCustomerValues({
          country: unit.data.country ?? businessUnit.country,
          language: unit.data.language,
          portalAccess: unit.data.portalAccessByDefault,
        })}
        editable
        submitLabel={t("record.create")}
        isSaving={create.isPending}
        formError={formError}
        onSubmit={save}
      />
    </Stack>
  );
}
