import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { BrowserRouter, Route, Routes } from "react-router";
import { AppLayout } from "./components/AppLayout";
import { NotFound } from "./components/NotFound";
import { RequireSession } from "./components/RequireSession";
import { createQueryClient } from "./lib/query-client";
import { ActivitiesPage } from "./pages/activities/ActivitiesPage";
import { ActivityPage } from "./pages/activities/ActivityPage";
import { AssistantPage } from "./pages/activities/AssistantPage";
import { BusinessUnitRedirect } from "./pages/BusinessUnitRedirect";
import { ChangePasswordPage } from "./pages/ChangePasswordPage";
import { ActivityTypePage } from "./pages/catalog/ActivityTypePage";
import { CatalogPage } from "./pages/catalog/CatalogPage";
import { CustomerImportPage } from "./pages/customers/CustomerImportPage";
import { CustomerPage } from "./pages/customers/CustomerPage";
import { CustomersPage } from "./pages/customers/CustomersPage";
import { NewCustomerPage } from "./pages/customers/NewCustomerPage";
import { ForgotPasswordPage } from "./pages/ForgotPasswordPage";
import { HomePage } from "./pages/HomePage";
import { LoginPage } from "./pages/LoginPage";
import { MessagesPage } from "./pages/messages/MessagesPage";
import { MyDayPage } from "./pages/my-day/MyDayPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { PortalActivityPage } from "./pages/portal-activity/PortalActivityPage";
import { SetPasswordPage } from "./pages/SetPasswordPage";
import { SettingsPage } from "./pages/SettingsPage";
import { SchedulePage } from "./pages/schedule/SchedulePage";
import { TeamPage } from "./pages/team/TeamPage";
import { WorkerPage } from "./pages/team/WorkerPage";
import { UsersPage } from "./pages/UsersPage";
import { backOfficeCssVariables, createLocalizedTheme } from "./theme";

const queryClient = createQueryClient();

export function App() {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the theme's labels follow the language.
  const theme = useMemo(() => createLocalizedTheme(t), [t, i18n.language]);

  return (
    <MantineProvider theme={theme} cssVariablesResolver={backOfficeCssVariables} defaultColorScheme="light">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route path="/forgot-password" element={<ForgotPasswordPage />} />
            <Route path="/reset-password" element={<SetPasswordPage purpose="password_reset" />} />
            <Route path="/invitation" element={<SetPasswordPage purpose="invitation" />} />
            <Route element={<RequireSession />}>
              <Route path="/" element={<BusinessUnitRedirect />} />
              <Route path="/change-password" element={<ChangePasswordPage />} />
              <Route path="/bu/:buId" element={<AppLayout />}>
                <Route index element={<HomePage />} />
                <Route path="settings" element={<SettingsPage />} />
                <Route path="users" element={<UsersPage />} />
                <Route path="catalog" element={<CatalogPage />} />
                <Route path="catalog/:typeId" element={<ActivityTypePage />} />
                <Route path="team" element={<TeamPage />} />
                <Route path="team/:userId" element={<WorkerPage />} />
                <Route path="customers" element={<CustomersPage />} />
                <Route path="customers/new" element={<NewCustomerPage />} />
                <Route path="customers/import" element={<CustomerImportPage />} />
                <Route path="customers/:customerId" element={<CustomerPage />} />
                <Route path="activities" element={<ActivitiesPage />} />
                <Route path="activities/:activityId" element={<ActivityPage />} />
                <Route path="activities/:activityId/assistant" element={<AssistantPage />} />
                <Route path="schedule" element={<SchedulePage />} />
                <Route path="messages" element={<MessagesPage />} />
                <Route path="portal-activity" element={<PortalActivityPage />} />
                <Route path="my-day" element={<MyDayPage />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Route>
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  );
}
