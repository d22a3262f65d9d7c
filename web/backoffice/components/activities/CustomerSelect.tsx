import { Select, type SelectProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type CustomerOption, useCustomerSearch } from "../../lib/activities";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";

/** Wait after the last key press before searching, in milliseconds. */
const SEARCH_DELAY_MS = 250;

interface CustomerSelectProps extends Omit<SelectProps, "data" | "value" | "onChange" | "searchValue"> {
  value: CustomerOption | null;
  onChange: (customer: CustomerOption | null) => void;
}

/**
 * Picks a customer of the unit. Typing searches the server (name, reference, email, phone); the
 * list shows the reference and city to tell namesakes apart.
 */
export function CustomerSelect({ value, onChange, ...others }: CustomerSelectProps) {
  const { t } = useTranslation("activities");
  const businessUnit = useCurrentBusinessUnit();
  const [search, setSearch] = useState(value?.displayName ?? "");
  const [debounced] = useDebouncedValue(search, SEARCH_DELAY_MS);
  // While the input shows the chosen customer's name, the list offers everyone rather than namesakes only.
  const query = useCustomerSearch(businessUnit.id, value && debounced === value.displayName ? "" : debounced);
  const results = query.data?.items ?? [];
  const options =
    value && !results.some((customer) => customer.id === value.id) ? [value, ...results] : results;

  return (
    <Select
      {...others}
      data={options.map((customer) => ({
        value: customer.id,
        label: customer.displayName,
      }))}
      renderOption={({ option }) => {
        const customer = options.find((candidate) => candidate.id === option.value);
        return (
          <span>
            {option.label}
            <span style={{ color: "var(--mantine-color-dimmed)" }}>
              {customer ? ` · ${[customer.reference, customer.city].filter(Boolean).join(" · ")}` : ""}
            </span>
          </span>
        );
      }}
      value={value?.id ?? null}
      onChange={(id) => onChange(options.find((customer) => customer.id === id) ?? null)}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server has already filtered the list.
      filter={({ options: all }) => all}
      nothingFoundMessage={query.isFetching ? t("customerSearch.searching") : t("customerSearch.none")}
      clearable
      clearButtonProps={{ "aria-label": t("customerSearch.clear") }}
    />
  );
}
