import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Placeholder until the customer portal is built; the page language follows `initI18n`. */
export function PortalPlaceholder() {
  const { t } = useTranslation("portal");
  const title = t("title");

  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <main
      style={{
        fontFamily: "system-ui, sans-serif",
        maxWidth: "40rem",
        margin: "0 auto",
        padding: "2rem 1rem",
      }}
    >
      <h1>{t("comingSoon")}</h1>
    </main>
  );
}
