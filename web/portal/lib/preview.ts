/**
 * Token of a staff preview of the portal. It lives in sessionStorage, so it belongs to one tab
 * and ends when the tab closes, and every portal API request of that tab sends it.
 */

const PREVIEW_STORAGE_KEY = "rondo.portal.preview";

export function readPreviewToken(): string | null {
  try {
    return window.sessionStorage.getItem(PREVIEW_STORAGE_KEY);
  } catch {
    // Storage can be unavailable, for example in some private browsing modes.
    return null;
  }
}

/** Stores the token; returns false when the browser refuses to store it. */
export function savePreviewToken(token: string): boolean {
  try {
    window.sessionStorage.setItem(PREVIEW_STORAGE_KEY, token);
    return true;
  } catch {
    return false;
  }
}

export function clearPreviewToken(): void {
  try {
    window.sessionStorage.removeItem(PREVIEW_STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}

/**
 * Reads the `token` parameter of a URL fragment such as `#token=abc`. Links carry tokens in the
 * fragment because browsers do not send it to the server, which keeps them out of access logs.
 */
export function tokenFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("token");
  return token !== null && token.trim() !== "" ? token.trim() : null;
}
