import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { segment } from "../../shared/api";
import { activitiesQueryKey } from "./activities";
import { portalEventsQueryKey } from "./portal-actions";
import { scheduleQueryKey } from "./schedule";

/**
 * Minimum time between two refreshes, in milliseconds. A change by another planner then shows
 * after at most this wait plus one reload, and a burst of changes (an import) costs few reloads.
 */
const THROTTLE_MS = 500;
/** Wait before opening a new stream after the browser gave up on one, doubled up to the maximum. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * Listens to `GET /api/business-units/:buId/events` while the calling screen is shown, and marks
 * the unit's team schedule and activity queries stale on each `change` event, so the shown ones
 * reload. The browser's `EventSource` reconnects by itself after a dropped connection (the server
 * sets a 2 s retry). When it gives up, after a non-200 answer such as a 503 while live updates are off,
 * this opens a new stream after a growing delay. Everything is reloaded after a reconnection,
 * because events sent meanwhile are lost.
 */
export function useLiveUpdates(buId: string): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (typeof EventSource === "undefined") {
      return;
    }
    const refresh = throttledRefresh(queryClient, buId);
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let retryDelay = FIRST_RETRY_MS;
    let opened = false;
    let stopped = false;

    const connect = () => {
      source = new EventSource(`/api/business-units/${segment(buId)}/events`);
      source.addEventListener("change", refresh.schedule);
      source.addEventListener("open", () => {
        retryDelay = FIRST_RETRY_MS;
        if (opened) {
          refresh.schedule();
        }
        opened = true;
      });
      source.addEventListener("error", () => {
        if (source?.readyState !== EventSource.CLOSED || stopped) {
          return;
        }
        source = null;
        retryTimer = setTimeout(connect, retryDelay);
        retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS);
      });
    };
    connect();

    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      refresh.cancel();
      source?.close();
    };
  }, [buId, queryClient]);
}

/**
 * Returns a refresh that runs at once when idle, and otherwise once at the end of the current
 * throttle window, however many changes arrived in it.
 */
function throttledRefresh(queryClient: QueryClient, buId: string) {
  let lastRun = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = () => {
    timer = undefined;
    lastRun = Date.now();
    void queryClient.invalidateQueries({ queryKey: scheduleQueryKey(buId) });
    void queryClient.invalidateQueries({ queryKey: activitiesQueryKey(buId) });
    // Portal bookings and requests also add portal events, whose list and badge follow.
    void queryClient.invalidateQueries({ queryKey: portalEventsQueryKey(buId) });
  };

  return {
    schedule: () => {
      if (timer !== undefined) {
        return;
      }
      const wait = lastRun + THROTTLE_MS - Date.now();
      if (wait <= 0) {
        run();
      } else {
        timer = setTimeout(run, wait);
      }
    },
    cancel: () => clearTimeout(timer),
  };
}
