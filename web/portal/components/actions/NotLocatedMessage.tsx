import { Alert, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../../shared/api";
import type { PortalCompany } from "../../lib/types";
import { CallUs } from "./CallUs";

interface NotLocatedMessageProps {
  /** The `customer_not_located` error, whose `details.phone` is the company's phone to call. */
  error: ApiError;
  company: PortalCompany;
}

/**
 * Tells a customer whose address is not located that they cannot book online, and whom to call.
 * It takes the focus, because it replaces the step the customer was about to use.
 */
export function NotLocatedMessage({ error, company }: NotLocatedMessageProps) {
  const { t } = useTranslation("errors");
  const ref = useRef<HTMLDivElement>(null);
  const details = error.details as { phone?: unknown } | undefined;
  const phone = typeof details?.phone === "string" ? details.phone : company.contactPhone;

  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <Alert ref={ref} tabIndex={-1} color="orange" variant="light" c="gray.9" className="focus-target">
      <Stack gap="xs">
        <Text>{t("codes.customer_not_located")}</Text>
        <CallUs phone={phone} companyName={company.displayName} />
      </Stack>
    </Alert>
  );
}
