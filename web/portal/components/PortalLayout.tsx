import { Anchor, Box, Container, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { portalHomePath } from "../lib/session";
import type { SignedInSession } from "../lib/types";
import { CompanyBrand } from "./CompanyBrand";
import { LanguageSwitch } from "./LanguageSwitch";
import { SignOutButton } from "./SignOutButton";

interface PortalLayoutProps {
  children: ReactNode;
  /** The signed-in customer's session: shows the company, the navigation and "Sign out". */
  session?: SignedInSession;
  /** The company to show before signing in, at `/portal/<slug>`. */
  brand?: { displayName: string; logoUrl: string | null };
  /** Width of the main column; forms use a narrow one. */
  size?: "narrow" | "wide";
}

/** Tells whether the session lists other customer accounts to switch to; never in a staff preview. */
function canSwitchAccount(session: SignedInSession): boolean {
  return session.canSwitch && session.preview === null && (session.choices?.length ?? 0) > 1;
}

/** Renders the page frame of every portal page: banner, header, navigation and main region. */
export function PortalLayout({ children, session, brand, size = "wide" }: PortalLayoutProps) {
  const { t } = useTranslation("portal");
  const company = session?.company ?? brand;
  const isPreview = session?.preview != null;
  const width = size === "narrow" ? 460 : 760;

  return (
    <>
      <a className="skip-link" href="#main-content">
        {t("shell.skipToContent")}
      </a>
      {session && isPreview && (
        <Box role="region" aria-label={t("preview.label")} className="preview-banner" px="md" py="xs">
          <Text size="sm" fw={600} ta="center">
            {t("preview.banner", { customer: session.customer.name })}
          </Text>
        </Box>
      )}
      <Box component="header" className="portal-header" py="sm">
        <Container size={width} px="md">
          <Group justify="space-between" gap="sm">
            {company ? (
              <CompanyBrand displayName={company.displayName} logoUrl={company.logoUrl} />
            ) : (
              <Text fw={700} size="lg">
                {t("title")}
              </Text>
            )}
            <Group gap="sm" wrap="nowrap">
              <LanguageSwitch />
              {session && <SignOutButton slug={session.company.slug} disabled={isPreview} />}
            </Group>
          </Group>
          {session && (
            <Group component="nav" aria-label={t("shell.navigation")} mt="xs" gap="lg">
              <Anchor component={Link} to={portalHomePath(session.company.slug)} size="sm">
                {t("shell.home")}
              </Anchor>
              {canSwitchAccount(session) && (
                <Anchor component={Link} to="/portal/choose" size="sm">
                  {t("shell.switchAccount")}
                </Anchor>
              )}
            </Group>
          )}
        </Container>
      </Box>
      <Container component="main" id="main-content" size={width} py="lg" px="md">
        {children}
      </Container>
    </>
  );
}
