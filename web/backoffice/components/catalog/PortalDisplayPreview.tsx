import { Alert, Box, Group, Loader, NativeSelect, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { translateApiError } from "../../../shared/i18n";
import { type ActivityFilters, useActivities } from "../../lib/activities";
import { useCurrentBusinessUnit } from "../../lib/current-business-unit";
import { PORTAL_TEXT_FIELDS, type PortalDisplayPreview as Preview } from "../../lib/portal";
import classes from "./catalog.module.css";

/** How many activities of the type the picker offers, in the order of the activities list. */
const ACTIVITY_CHOICES = 50;

interface PortalDisplayPreviewProps {
  activityTypeId: string;
  /** The chosen activity, or "" for the type's latest one. */
  activityId: string;
  onActivityChange: (activityId: string) => void;
  preview: Preview | undefined;
  error: unknown;
  /** True while the texts changed since the preview shown, or a newer one is loading. */
  isFetching: boolean;
}

/** Shows the portal texts as a customer would read them, with the codes filled from a real activity. */
export function PortalDisplayPreview({
  activityTypeId,
  activityId,
  onActivityChange,
  preview,
  error,
  isFetching,
}: PortalDisplayPreviewProps) {
  const { t } = useTranslation("catalog");
  const businessUnit = useCurrentBusinessUnit();
  const filters: ActivityFilters = {
    states: [],
    activityTypeId,
    assigneeId: null,
    customerId: null,
    from: null,
    to: null,
    q: "",
    limit: ACTIVITY_CHOICES,
    offset: 0,
  };
  const activities = useActivities(businessUnit.id, filters);
  const items = activities.data?.items ?? [];

  return (
    <Box className={classes.previewColumn}>
      <Paper withBorder p="md" component="section" aria-labelledby="portal-display-preview">
        <Stack gap="sm">
          <Group justify="space-between" gap="xs">
            <Title order={2} size="h4" id="portal-display-preview">
              {t("portalDisplay.preview.title")}
            </Title>
            {isFetching && <Loader size="xs" aria-label={t("portalDisplay.preview.updating")} />}
          </Group>
          <Text size="sm">{t("portalDisplay.preview.intro")}</Text>

          {activities.data && items.length === 0 && (
            <Alert color="gray" variant="light" role="status">
              {t("portalDisplay.preview.noActivity")}
            </Alert>
          )}
          {activities.isError && (
            <Alert color="red" variant="light" role="alert">
              {translateApiError(activities.error)}
            </Alert>
          )}
          {items.length > 0 && (
            <NativeSelect
              label={t("portalDisplay.preview.activity")}
              value={activityId}
              onChange={(event) => onActivityChange(event.currentTarget.value)}
              data={[
                { value: "", label: t("portalDisplay.preview.latest") },
                ...items.map((item) => ({
                  value: item.id,
                  label: item.customerName
                    ? t("portalDisplay.preview.activityOption", {
                        reference: item.reference,
                        customer: item.customerName,
                      })
                    : item.reference,
                })),
              ]}
            />
          )}

          {error !== null && error !== undefined && (
            <Alert color="red" variant="light" role="alert">
              {translateApiError(error)}
            </Alert>
          )}
          {preview && (
            <>
              {preview.activity && (
                <Text size="sm" c="dimmed">
                  {t("portalDisplay.preview.filledFrom", { reference: preview.activity.reference })}
                </Text>
              )}
              <Stack gap="sm" component="dl" m={0} data-testid="portal-display-preview">
                {PORTAL_TEXT_FIELDS.map((field) => (
                  <div key={field}>
                    <Text component="dt" size="sm" c="dimmed">
                      {t(`portalDisplay.fields.${field}`)}
                    </Text>
                    <Text
                      component="dd"
                      m={0}
                      fw={field === "title" ? 600 : undefined}
                      style={{ whiteSpace: "pre-wrap" }}
                    >
                      {preview[field] === "" ? (
                        <Text span c="dimmed" fs="italic">
                          {t("portalDisplay.preview.empty")}
                        </Text>
                      ) : (
                        preview[field]
                      )}
                    </Text>
                  </div>
                ))}
              </Stack>
            </>
          )}
        </Stack>
      </Paper>
    </Box>
  );
}
