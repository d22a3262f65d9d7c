import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets `document.title` to "<page> · Rondo" while the calling screen is shown. */
export function usePageTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const productName = t("productName");
  useEffect(() => {
    document.title = `${pageTitle} · ${productName}`;
  }, [pageTitle, productName]);
}
