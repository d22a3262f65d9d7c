import { Anchor, AppShell, Burger, Group, ScrollArea, useMantineTheme } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useParams } from "react-router";
import { saveBusinessUnitId } from "../lib/bu-storage";
import { CurrentBusinessUnitContext } from "../lib/current-business-unit";
import { useSignedInSession } from "../lib/session";
import { BusinessUnitSwitch } from "./BusinessUnitSwitch";
import { LanguageSwitch } from "./LanguageSwitch";
import { LogoutButton } from "./LogoutButton";
import { MainNavigation } from "./MainNavigation";
import { NotFound } from "./NotFound";
import { PublicLayout } from "./PublicLayout";
import { UserMenu } from "./UserMenu";

const NAVIGATION_ID = "main-navigation";

/**
 * Renders the shell of the `/bu/:buId/...` screens. Wide screens show the business unit switch,
 * the user and "Log out" in the header. Below the `sm` breakpoint, these move into the navigation
 * panel that the burger button opens. Each control is rendered once, so labels stay unique.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const session = useSignedInSession();
  const { buId } = useParams();
  const { pathname } = useLocation();
  const [navigationOpened, navigation] = useDisclosure(false);
  const isWide = useMediaQuery(`(min-width: ${theme.breakpoints.sm})`, true, {
    getInitialValueInEffect: false,
  });
  const mainRef = useRef<HTMLElement>(null);
  const previousPathname = useRef(pathname);

  const businessUnit = session.businessUnits.find((candidate) => candidate.id === buId);

  useEffect(() => {
    if (businessUnit) {
      saveBusinessUnitId(businessUnit.id);
    }
  }, [businessUnit]);

  // After an in-app navigation, move the focus to the new content, as a full page load would,
  // so keyboard and screen reader users start reading the new screen.
  useEffect(() => {
    if (previousPathname.current !== pathname) {
      previousPathname.current = pathname;
      navigation.close();
      mainRef.current?.focus();
    }
  }, [pathname, navigation]);

  if (!businessUnit) {
    return (
      <PublicLayout saveLanguageToAccount headerActions={<LogoutButton />}>
        <NotFound businessUnit />
      </PublicLayout>
    );
  }

  const navigationHidden = !isWide && !navigationOpened;

  return (
    <CurrentBusinessUnitContext value={businessUnit}>
      <a className="skip-link" href="#main-content">
        {t("shell.skipToContent")}
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !navigationOpened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navigationOpened}
                onClick={navigation.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={navigationOpened ? t("shell.closeNavigation") : t("shell.openNavigation")}
                aria-expanded={navigationOpened}
                aria-controls={NAVIGATION_ID}
              />
              <Anchor
                component={Link}
                to={`/bu/${encodeURIComponent(businessUnit.id)}`}
                fw={700}
                size="lg"
                c="inherit"
                underline="never"
              >
                {t("productName")}
              </Anchor>
            </Group>
            <Group gap="md" wrap="nowrap">
              {isWide && <BusinessUnitSwitch inline />}
              <LanguageSwitch saveToAccount />
              {isWide && <UserMenu />}
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          id={NAVIGATION_ID}
          p="md"
          aria-label={t("shell.mainNavigation")}
          // Mantine only moves the collapsed panel off screen, so `inert` takes it out of the tab order.
          inert={navigationHidden}
        >
          {!isWide && (
            <AppShell.Section mb="md">
              <BusinessUnitSwitch />
            </AppShell.Section>
          )}
          <AppShell.Section grow component={ScrollArea}>
            <MainNavigation onNavigate={navigation.close} />
          </AppShell.Section>
          {!isWide && (
            <AppShell.Section mt="md">
              <UserMenu stacked />
            </AppShell.Section>
          )}
        </AppShell.Navbar>

        <AppShell.Main id="main-content" ref={mainRef} tabIndex={-1} className="main-content">
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </CurrentBusinessUnitContext>
  );
}
