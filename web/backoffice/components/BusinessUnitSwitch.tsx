import { Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { saveBusinessUnitId } from "../lib/bu-storage";
import { useCurrentBusinessUnit } from "../lib/current-business-unit";
import { useSignedInSession } from "../lib/session";

interface BusinessUnitSwitchProps {
  /** Puts the label on the left of the input, for the header. */
  inline?: boolean;
}

/** Renders a select of the session's business units. Switching keeps the current screen, such as Users. */
export function BusinessUnitSwitch({ inline = false }: BusinessUnitSwitchProps) {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const current = useCurrentBusinessUnit();
  const navigate = useNavigate();
  const location = useLocation();

  const data = session.businessUnits.map((businessUnit) => ({
    value: businessUnit.id,
    label: businessUnit.name,
  }));

  const handleChange = (buId: string | null) => {
    if (!buId || buId === current.id) {
      return;
    }
    saveBusinessUnitId(buId);
    const prefix = `/bu/${encodeURIComponent(current.id)}`;
    const screenPath = location.pathname.startsWith(prefix) ? location.pathname.slice(prefix.length) : "";
    navigate(`/bu/${encodeURIComponent(buId)}${screenPath}`);
  };

  return (
    <Select
      label={t("shell.businessUnit")}
      data={data}
      value={current.id}
      onChange={handleChange}
      allowDeselect={false}
      searchable={data.length > 7}
      size={inline ? "xs" : "sm"}
      w={inline ? 320 : undefined}
      styles={
        inline
          ? {
              root: { display: "flex", alignItems: "center", gap: "var(--mantine-spacing-xs)" },
              label: { whiteSpace: "nowrap" },
              wrapper: { flex: 1 },
            }
          : undefined
      }
    />
  );
}
