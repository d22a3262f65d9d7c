import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Route, Routes } from "react-router";
import { createQueryClient } from "./lib/query-client";
import { ActionPage } from "./pages/ActionPage";
import { ActivityPage } from "./pages/ActivityPage";
import { LinkSignInPage } from "./pages/LinkSignInPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PortalEntry } from "./pages/PortalEntry";
import { PreviewPage } from "./pages/PreviewPage";
import { SwitchAccountPage } from "./pages/SwitchAccountPage";
import { createPortalTheme, portalCssVariables } from "./theme";

const queryClient = createQueryClient();

/**
 * Routes of the customer portal. Fixed paths rank above `/portal/:slug`, so a company slug can
 * never hide them.
 */
export function App() {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme's labels follow the language.
  const theme = useMemo(() => createPortalTheme(t), [t, i18n.language]);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={portalCssVariables} defaultColorScheme="light">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route path="/portal" element={<PortalEntry />} />
            <Route path="/portal/sign-in" element={<LinkSignInPage />} />
            <Route path="/portal/preview" element={<PreviewPage />} />
            <Route path="/portal/activities/:id" element={<ActivityPage />} />
            <Route path="/portal/actions/:typeId/:actionId" element={<ActionPage />} />
            <Route path="/portal/choose" element={<SwitchAccountPage />} />
            <Route path="/portal/:slug" element={<PortalEntry />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
