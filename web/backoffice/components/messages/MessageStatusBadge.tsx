import { Badge } from "@mantine/core";
import { statusLabel } from "./message-text";

const STATUS_COLOURS: Record<string, string> = {
  queued: "blue",
  sending: "blue",
  sent: "green",
  failed: "red",
  expired: "orange",
  canceled: "gray",
};

/** Shows a message's status as translated text on a coloured badge, so the colour is never the only cue. */
export function MessageStatusBadge({ status, size = "md" }: { status: string; size?: "sm" | "md" | "lg" }) {
  return (
    <Badge color={STATUS_COLOURS[status] ?? "gray"} variant="light" size={size} tt="none">
      {statusLabel(status)}
    </Badge>
  );
}
