import { Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PlannerOnly } from "../../components/team/PlannerOnly";
import { SkillsSection } from "../../components/team/SkillsSection";
import { WorkersTable } from "../../components/team/WorkersTable";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { usePageTitle } from "../../lib/page-title";

/** Lists the field workers of the business unit for admins and planners, and the skills for admins. */
export function TeamPage() {
  const { t } = useTranslation("team");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("title")} – ${businessUnit.name}`);

  return (
    <Stack gap="lg">
      <Title order={1}>{t("title")}</Title>
      <PlannerOnly>
        <Stack gap="xl">
          <WorkersTable />
          {businessUnit.isAdmin && <SkillsSection />}
        </Stack>
      </PlannerOnly>
    </Stack>
  );
}
