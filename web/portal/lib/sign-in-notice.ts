import { useSyncExternalStore } from "react";

/**
 * Why the customer was sent back to the sign-in page: `portal_signed_out` when the company
 * revoked portal access, `unauthenticated` when the session expired, `preview_ended` when a
 * staff preview token expired. `slug` is the company's portal address, so the sign-in page
 * that follows shows the same company.
 */
export interface SignInNotice {
  reason: "portal_signed_out" | "unauthenticated" | "preview_ended";
  slug: string | null;
}

let currentNotice: SignInNotice | null = null;
const listeners = new Set<() => void>();

export function setSignInNotice(notice: SignInNotice | null): void {
  currentNotice = notice;
  for (const listener of listeners) {
    listener();
  }
}

export function readSignInNotice(): SignInNotice | null {
  return currentNotice;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSignInNotice(): SignInNotice | null {
  return useSyncExternalStore(subscribe, readSignInNotice);
}
