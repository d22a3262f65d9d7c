import { Badge, Checkbox, Group, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ROLES, type Role } from "../lib/types";

const ROLE_COLORS: Record<Role, string> = {
  admin: "grape",
  planner: "blue",
  field_worker: "teal",
};

/** Renders one badge per role, in the fixed order admin, planner, field worker. */
export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {ROLES.filter((role) => roles.includes(role)).map((role) => (
        <Badge key={role} color={ROLE_COLORS[role]} variant="light">
          {t(`roles.${role}`)}
        </Badge>
      ))}
    </Group>
  );
}

interface RoleCheckboxGroupProps {
  label: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  error?: ReactNode;
}

/** Renders a checkbox per role. Accepts the props that `form.getInputProps` returns. */
export function RoleCheckboxGroup({ label, value = [], onChange, error }: RoleCheckboxGroupProps) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group label={label} value={value} onChange={onChange} error={error}>
      <Stack gap="xs" mt="xs">
        {ROLES.map((role) => (
          <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
