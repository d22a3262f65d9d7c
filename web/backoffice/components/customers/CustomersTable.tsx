import {
  Anchor,
  Badge,
  Button,
  Group,
  Pagination,
  Paper,
  Stack,
  Table,
  Text,
  useMantineTheme,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { type Customer, type CustomerListFilters, useCustomers } from "../../lib/customers";
import { QueryState } from "../QueryState";
import { formatPhone } from "./format";

interface CustomersTableProps {
  filters: CustomerListFilters;
  /** Current page, from 1. */
  page: number;
  onPageChange: (page: number) => void;
}

/**
 * Lists one page of customers: a table on wide screens, one card per customer below the `sm`
 * breakpoint. Each name links to the customer's record.
 */
export function CustomersTable({ filters, page, onPageChange }: CustomersTableProps) {
  const { t } = useTranslation("customers");
  const theme = useMantineTheme();
  const businessUnit = useCurrentBusinessUnit();
  const query = useCustomers(businessUnit.id, filters);
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });

  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const { items, total } = query.data;
  const pageCount = Math.max(1, Math.ceil(total / filters.limit));
  const filtered = filters.q.trim() !== "" || filters.notLocatedOnly;

  if (total === 0) {
    return <Text>{filtered ? t("list.noMatch") : t("list.empty")}</Text>;
  }
  if (items.length === 0) {
    // A page number from an old link, or from before customers were deleted, can lie past the end.
    return (
      <Stack gap="xs" align="flex-start">
        <Text>{t("list.pageEmpty", { page, count: pageCount })}</Text>
        <Button variant="default" onClick={() => onPageChange(1)}>
          {t("list.pageControls.first")}
        </Button>
      </Stack>
    );
  }

  const caption = t("list.caption", { businessUnit: businessUnit.name });
  const list = isWide ? (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("list.columns.reference")}</Table.Th>
            <Table.Th scope="col">{t("list.columns.name")}</Table.Th>
            <Table.Th scope="col">{t("list.columns.city")}</Table.Th>
            <Table.Th scope="col">{t("list.columns.phone")}</Table.Th>
            <Table.Th scope="col">{t("list.columns.email")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((customer) => (
            <Table.Tr key={customer.id}>
              <Table.Td>{customer.reference}</Table.Td>
              <Table.Th scope="row" fw={500}>
                <CustomerName customer={customer} />
              </Table.Th>
              <Table.Td>{customer.city}</Table.Td>
              <Table.Td>
                <PhoneNumbers customer={customer} country={businessUnit.country} />
              </Table.Td>
              <Table.Td style={{ overflowWrap: "anywhere" }}>{customer.email}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  ) : (
    <Stack gap="xs" component="ul" className="plain-list" aria-label={caption}>
      {items.map((customer) => (
        <Paper component="li" key={customer.id} withBorder p="sm">
          <Stack gap={4}>
            <CustomerName customer={customer} />
            <Text size="sm" c="dimmed">
              {[customer.reference, customer.city].filter(Boolean).join(" · ")}
            </Text>
            <PhoneNumbers customer={customer} country={businessUnit.country} />
            {customer.email && (
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {customer.email}
              </Text>
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" role="status">
        {filtered ? t("list.countMatching", { count: total }) : t("list.count", { count: total })}
      </Text>
      {list}
      {pageCount > 1 && (
        <Pagination
          total={pageCount}
          value={Math.min(page, pageCount)}
          onChange={onPageChange}
          aria-label={t("list.pagination")}
          getItemProps={(itemPage) => ({
            "aria-label": t("list.page", { page: itemPage }),
            "aria-current": itemPage === page ? "page" : undefined,
          })}
          getControlProps={(control) => ({ "aria-label": t(`list.pageControls.${control}`) })}
          withEdges={isWide}
          siblings={isWide ? 1 : 0}
        />
      )}
    </Stack>
  );
}

/** Renders the name as a link to the record, with a "Not located" badge when the customer has no pin. */
function CustomerName({ customer }: { customer: Customer }) {
  const businessUnit = useCurrentBusinessUnit();
  return (
    <Group gap="xs" wrap="wrap">
      <Anchor
        component={Link}
        fw={500}
        to={`/bu/${encodeURIComponent(businessUnit.id)}/customers/${encodeURIComponent(customer.id)}`}
      >
        {customer.displayName}
      </Anchor>
      {!customer.located && <NotLocatedBadge />}
    </Group>
  );
}

export function NotLocatedBadge() {
  const { t } = useTranslation("customers");
  return (
    <Badge color="orange" variant="light" tt="none">
      {t("notLocated")}
    </Badge>
  );
}

function PhoneNumbers({ customer, country }: { customer: Customer; country: string | null }) {
  const { t } = useTranslation("customers");
  return (
    <Stack gap={0}>
      {customer.phone && <Text size="sm">{formatPhone(customer.phone, country)}</Text>}
      {customer.mobile && (
        <Text size="sm">{t("list.mobileNumber", { number: formatPhone(customer.mobile, country) })}</Text>
      )}
    </Stack>
  );
}
