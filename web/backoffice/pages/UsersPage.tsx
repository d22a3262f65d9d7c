import { Badge, Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../shared/format";
import { translateApiError } from "../../shared/i18n";
import { AdminOnly } from "../components/AdminOnly";
import { QueryState } from "../components/QueryState";
import { RoleBadges } from "../components/Roles";
import { AddUserModal } from "../components/users/AddUserModal";
import { EditRolesModal } from "../components/users/EditRolesModal";
import { RemoveUserModal } from "../components/users/RemoveUserModal";
import { useCurrentBusinessUnit } from "../lib/current-business-unit";
import { usePageTitle } from "../lib/page-title";
import { useSignedInSession } from "../lib/session";
import type { BusinessUnitUser } from "../lib/types";
import { useBusinessUnitUsers, useSendInvitation } from "../lib/users";

export function UsersPage() {
  const { t } = useTranslation("users");
  const businessUnit = useCurrentBusinessUnit();
  usePageTitle(`${t("title")} – ${businessUnit.name}`);

  return (
    <Stack gap="lg">
      <Title order={1}>{t("title")}</Title>
      <AdminOnly>
        <UsersTable />
      </AdminOnly>
    </Stack>
  );
}

function UsersTable() {
  const { t } = useTranslation("users");
  const session = useSignedInSession();
  const businessUnit = useCurrentBusinessUnit();
  const query = useBusinessUnitUsers(businessUnit.id);
  const [addOpened, addModal] = useDisclosure(false);
  const [userToEdit, setUserToEdit] = useState<BusinessUnitUser | null>(null);
  const [userToRemove, setUserToRemove] = useState<BusinessUnitUser | null>(null);

  if (!query.data) {
    return <QueryState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const users = query.data;

  const rows = users.map((user) => (
    <Table.Tr key={user.id}>
      <Table.Th scope="row" fw={500}>
        {user.name}
        {user.id === session.user.id && (
          <Text span c="dimmed" size="sm">
            {" "}
            ({t("you")})
          </Text>
        )}
      </Table.Th>
      <Table.Td>{user.email}</Table.Td>
      <Table.Td>
        <RoleBadges roles={user.roles} />
      </Table.Td>
      <Table.Td>
        {user.mustChangePassword && (
          <Badge color="orange" variant="dot" tt="none" h="auto" styles={{ label: { whiteSpace: "normal" } }}>
            {t("mustChangePassword")}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {user.lastLoginAt ? formatDateTime(user.lastLoginAt, businessUnit.timeZone) : t("neverSignedIn")}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {user.mustChangePassword && user.id !== session.user.id && <ResendInvitationButton user={user} />}
          <Button
            size="xs"
            variant="light"
            aria-label={t("editRoles.buttonFor", { name: user.name })}
            onClick={() => setUserToEdit(user)}
          >
            {t("editRoles.button")}
          </Button>
          <Button
            size="xs"
            variant="light"
            color="red"
            aria-label={t("remove.buttonFor", { name: user.name })}
            onClick={() => setUserToRemove(user)}
          >
            {t("remove.button")}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  ));

  return (
    <Stack gap="md">
      <Group>
        <Button onClick={addModal.open}>{t("add.button")}</Button>
      </Group>

      {users.length === 0 ? (
        <Text>{t("empty")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Caption>{t("tableCaption", { businessUnit: businessUnit.name })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("columns.name")}</Table.Th>
                <Table.Th scope="col">{t("columns.email")}</Table.Th>
                <Table.Th scope="col">{t("columns.roles")}</Table.Th>
                <Table.Th scope="col">{t("columns.status")}</Table.Th>
                <Table.Th scope="col">{t("columns.lastSignIn")}</Table.Th>
                <Table.Th scope="col">{t("columns.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <AddUserModal opened={addOpened} onClose={addModal.close} />
      <EditRolesModal user={userToEdit} onClose={() => setUserToEdit(null)} />
      <RemoveUserModal user={userToRemove} onClose={() => setUserToRemove(null)} />
    </Stack>
  );
}

/**
 * Emails a member who has not chosen a password yet a new invitation link. The outcome shows as
 * a notification, because the table row has no room for a message.
 */
function ResendInvitationButton({ user }: { user: BusinessUnitUser }) {
  const { t } = useTranslation("users");
  const businessUnit = useCurrentBusinessUnit();
  const sendInvitation = useSendInvitation(businessUnit.id);
  return (
    <Button
      size="xs"
      variant="light"
      color="gray"
      loading={sendInvitation.isPending}
      aria-label={t("invitation.buttonFor", { name: user.name })}
      onClick={() =>
        sendInvitation.mutate(user.id, {
          onSuccess: () =>
            notifications.show({ color: "green", message: t("invitation.sent", { email: user.email }) }),
          onError: (error) => notifications.show({ color: "red", message: translateApiError(error) }),
        })
      }
    >
      {t("invitation.button")}
    </Button>
  );
}
