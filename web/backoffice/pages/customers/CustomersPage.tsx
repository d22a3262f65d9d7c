import { Button, Checkbox, Group, Stack, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { currentLanguage } from "../../../shared/i18n";
import { CustomersTable } from "../../components/customers/CustomersTable";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { canEditCustomers, customerExportUrl } from "../../lib/customers";
import { usePageTitle } from "../../lib/page-title";

/** Customers per page of the list. */
const PAGE_SIZE = 25;

/** Delay between the last key press in the search box and the search, in milliseconds. */
const SEARCH_DELAY_MS = 300;

/**
 * Lists the customers of the business unit with a search box, a "not located" filter and pages.
 * The search, the filter and the page are kept in the URL, so "Back" from a record returns to the
 * same list.
 */
export function CustomersPage() {
  const { t } = useTranslation("customers");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("title")} – ${businessUnit.name}`);
  const [searchParams, setSearchParams] = useSearchParams();
  const base = `/bu/${encodeURIComponent(businessUnit.id)}/customers`;

  const urlSearch = searchParams.get("q") ?? "";
  const notLocatedOnly = searchParams.get("located") === "false";
  const page = Math.max(1, Number.parseInt(searchParams.get("page") ?? "1", 10) || 1);

  const [search, setSearch] = useState(urlSearch);
  const [debouncedSearch] = useDebouncedValue(search, SEARCH_DELAY_MS);

  const updateParams = (changes: Record<string, string | null>) => {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) {
            next.delete(key);
          } else {
            next.set(key, value);
          }
        }
        return next;
      },
      { replace: true },
    );
  };

  // The typed search reaches the URL, and so the request, once typing pauses; a new search starts on page 1.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new debounced text may write the URL.
  useEffect(() => {
    if (debouncedSearch.trim() !== urlSearch.trim()) {
      updateParams({ q: debouncedSearch.trim() === "" ? null : debouncedSearch, page: null });
    }
  }, [debouncedSearch]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Title order={1}>{t("title")}</Title>
        {canEditCustomers(businessUnit.roles) && (
          <Group gap="xs">
            <Button component={Link} to={`${base}/new`}>
              {t("list.newCustomer")}
            </Button>
            <Button component={Link} to={`${base}/import`} variant="default">
              {t("list.import")}
            </Button>
            <Button
              component="a"
              href={customerExportUrl(businessUnit.id, currentLanguage())}
              download
              variant="default"
            >
              {t("list.export")}
            </Button>
          </Group>
        )}
      </Group>
      <Group align="flex-end" gap="md">
        <TextInput
          label={t("list.searchLabel")}
          description={t("list.searchHint")}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={{ base: "100%", xs: 360 }}
        />
        <Checkbox
          label={t("list.notLocatedOnly")}
          checked={notLocatedOnly}
          onChange={(event) =>
            updateParams({ located: event.currentTarget.checked ? "false" : null, page: null })
          }
          mb={8}
        />
      </Group>
      <CustomersTable
        filters={{
          q: urlSearch,
          notLocatedOnly,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
        }}
        page={page}
        onPageChange={(next) => updateParams({ page: next === 1 ? null : String(next) })}
      />
    </Stack>
  );
}
