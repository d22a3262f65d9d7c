import { Anchor, Stack, Text, Title, Typography } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatPhone } from "../lib/phone";
import type { PortalCompany } from "../lib/types";

/** Renders the company's contact details and the information it writes for its customers. */
export function CompanyInformation({ company }: { company: PortalCompany }) {
  const { t } = useTranslation("portal");
  const hasContact =
    company.contactPhone !== null || company.contactEmail !== null || company.address !== null;
  const hasInformation = company.informationHtml.trim() !== "";
  if (!hasContact && !hasInformation) {
    return null;
  }

  return (
    <Stack component="section" aria-labelledby="company-heading" gap="sm">
      <Title order={2} size="h3" id="company-heading">
        {t("company.heading", { company: company.displayName })}
      </Title>
      {hasContact && (
        <dl className="detail-list">
          {company.contactPhone !== null && (
            <div>
              <dt>{t("company.phone")}</dt>
              <dd>
                <Anchor href={`tel:${company.contactPhone}`}>{formatPhone(company.contactPhone)}</Anchor>
              </dd>
            </div>
          )}
          {company.contactEmail !== null && (
            <div>
              <dt>{t("company.email")}</dt>
              <dd>
                <Anchor href={`mailto:${company.contactEmail}`} className="break-anywhere">
                  {company.contactEmail}
                </Anchor>
              </dd>
            </div>
          )}
          {company.address !== null && (
            <div>
              <dt>{t("company.address")}</dt>
              <dd className="multiline">{company.address}</dd>
            </div>
          )}
        </dl>
      )}
      {hasInformation && (
        <Typography>
          <Text
            component="div"
            className="company-information"
            // The server renders this field from the company's basic formatting and sanitizes it.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: server-sanitized HTML, see PortalCompany.
            dangerouslySetInnerHTML={{ __html: company.informationHtml }}
          />
        </Typography>
      )}
    </Stack>
  );
}
