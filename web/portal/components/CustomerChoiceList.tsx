import { Group, Stack, Text, UnstyledButton } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { CustomerChoice } from "../lib/types";

interface CustomerChoiceListProps {
  choices: CustomerChoice[];
  onChoose: (choice: CustomerChoice) => void;
  pending: boolean;
  /** Id of the customer the session acts for now, listed as current and not as a button. */
  currentCustomerId?: string;
}

/** Renders the customer accounts of one email or phone number, each as a button that opens it. */
export function CustomerChoiceList({
  choices,
  onChoose,
  pending,
  currentCustomerId,
}: CustomerChoiceListProps) {
  const { t } = useTranslation("portal");
  return (
    <Stack component="ul" gap="sm" className="plain-list">
      {choices.map((choice) => {
        const content = (
          <Group gap="md" wrap="nowrap">
            {choice.logoUrl !== null && <img src={choice.logoUrl} alt="" className="company-logo" />}
            <div>
              <Text fw={700}>{choice.companyName}</Text>
              <Text size="sm">{t("choose.customer", { name: choice.customerName })}</Text>
              {choice.customerId === currentCustomerId && (
                <Text size="sm" fw={600}>
                  {t("switchAccount.current")}
                </Text>
              )}
            </div>
          </Group>
        );
        return (
          <li key={`${choice.organizationId}/${choice.customerId}`}>
            {choice.customerId === currentCustomerId ? (
              <div className="choice-button choice-current">{content}</div>
            ) : (
              <UnstyledButton className="choice-button" onClick={() => onChoose(choice)} disabled={pending}>
                {content}
              </UnstyledButton>
            )}
          </li>
        );
      })}
    </Stack>
  );
}
