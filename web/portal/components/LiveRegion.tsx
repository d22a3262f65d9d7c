import { Alert } from "@mantine/core";

/** One message of a live region. A new `id` renders the message anew, so a repeat is announced. */
export interface LiveMessage {
  id: number;
  text: string;
}

interface LiveRegionProps {
  /** `error` makes an assertive region (role `alert`), `status` a polite one (role `status`). */
  kind: "status" | "error";
  message: LiveMessage | null;
}

/**
 * Renders a live region that stays mounted while empty, because screen readers announce changes
 * inside an existing region more reliably than a region inserted with its message.
 */
export function LiveRegion({ kind, message }: LiveRegionProps) {
  return (
    <div role={kind === "error" ? "alert" : "status"}>
      {message !== null && (
        // The region is already live, so the alert itself gets no second live role.
        <Alert
          key={message.id}
          role="presentation"
          color={kind === "error" ? "red" : "blue"}
          variant="light"
          mb="md"
        >
          {message.text}
        </Alert>
      )}
    </div>
  );
}

/** Returns the message that follows `previous`, with the next id. */
export function nextMessage(previous: LiveMessage | null, text: string): LiveMessage {
  return { id: (previous?.id ?? 0) + 1, text };
}
