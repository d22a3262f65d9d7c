import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets `document.title` to "<page> · Customer portal" while the calling page is shown. */
export function usePageTitle(pageTitle: string): void {
  const { t } = useTranslation("portal");
  const portalName = t("title");
  useEffect(() => {
    document.title = `${pageTitle} · ${portalName}`;
  }, [pageTitle, portalName]);
}
