import { Group, NavLink, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useCurrentBusinessUnit } from "../lib/current-business-unit";
import { NewPortalEventsBadge } from "./portal-actions/NewPortalEventsBadge";

/**
 * Renders the links to the screens of the current business unit. Every member sees "Home" and
 * "Customers", only its admins see "Settings" and "Users", only its admins and planners see
 * "Team", "Catalog", "Activities", "Schedule", "Messages" and "Portal activity", and only its field
 * workers see "My day". "Portal activity" shows the number of new portal events.
 */
export function MainNavigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const businessUnit = useCurrentBusinessUnit();
  const base = `/bu/${encodeURIComponent(businessUnit.id)}`;

  const links: { to: string; label: string; badge?: ReactNode }[] = [
    { to: base, label: t("nav.home") },
    { to: `${base}/customers`, label: t("nav", { ns: "customers" }) },
    ...(businessUnit.isAdmin
      ? [
          { to: `${base}/settings`, label: t("nav.settings") },
          { to: `${base}/users`, label: t("nav.users") },
        ]
      : []),
    ...(businessUnit.isAdmin || businessUnit.roles.includes("planner")
      ? [{ to: `${base}/team`, label: t("navLink", { ns: "team" }) }]
      : []),
    ...(businessUnit.isAdmin || businessUnit.roles.includes("planner")
      ? [{ to: `${base}/catalog`, label: t("nav", { ns: "catalog" }) }]
      : []),
    ...(businessUnit.isAdmin || businessUnit.roles.includes("planner")
      ? [
          { to: `${base}/activities`, label: t("nav", { ns: "activities" }) },
          { to: `${base}/schedule`, label: t("nav", { ns: "schedule" }) },
          { to: `${base}/messages`, label: t("nav", { ns: "messages" }) },
          {
            to: `${base}/portal-activity`,
            label: t("events.nav", { ns: "portalActions" }),
            badge: <NewPortalEventsBadge buId={businessUnit.id} />,
          },
        ]
      : []),
    ...(businessUnit.roles.includes("field_worker")
      ? [{ to: `${base}/my-day`, label: t("myDay.nav", { ns: "schedule" }) }]
      : []),
  ];

  return (
    <Stack gap={4} component="ul" className="plain-list">
      {links.map((link) => {
        const active = pathname === link.to;
        return (
          <li key={link.to}>
            <NavLink
              component={Link}
              to={link.to}
              label={
                link.badge === undefined ? (
                  link.label
                ) : (
                  <Group component="span" gap="xs" wrap="nowrap">
                    {link.label}
                    {link.badge}
                  </Group>
                )
              }
              active={active}
              aria-current={active ? "page" : undefined}
              onClick={onNavigate}
            />
          </li>
        );
      })}
    </Stack>
  );
}
