import { Group, Text } from "@mantine/core";

interface CompanyBrandProps {
  displayName: string;
  logoUrl: string | null;
}

/** Renders a company's logo and name. The logo is decorative because the name follows it. */
export function CompanyBrand({ displayName, logoUrl }: CompanyBrandProps) {
  return (
    <Group gap="sm" wrap="nowrap" className="company-brand">
      {logoUrl !== null && <img src={logoUrl} alt="" className="company-logo" />}
      <Text fw={700} size="lg" className="company-name">
        {displayName}
      </Text>
    </Group>
  );
}
