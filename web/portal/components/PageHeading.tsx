import { Title } from "@mantine/core";
import { type ReactNode, useEffect, useRef } from "react";

/** True once a page heading has been shown, so only the first page load keeps the focus where it is. */
let firstHeadingShown = false;

/**
 * Renders the page's one `h1`. When it replaces another page, without a full page load, it takes
 * the focus, so keyboard and screen reader users start reading the new page from its title.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (firstHeadingShown) {
      headingRef.current?.focus();
    }
    firstHeadingShown = true;
  }, []);

  return (
    <Title order={1} size="h2" ref={headingRef} tabIndex={-1} className="page-heading">
      {children}
    </Title>
  );
}
