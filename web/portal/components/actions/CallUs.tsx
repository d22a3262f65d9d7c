import { Anchor, Text } from "@mantine/core";
import { Trans } from "react-i18next";
import { formatPhone } from "../../lib/phone";

interface CallUsProps {
  /** The company's phone number in E.164, or null when the company gave none. */
  phone: string | null;
  companyName: string;
}

/** Renders "Call us at <phone>", the phone as a `tel:` link, or "Contact <company>" without a number. */
export function CallUs({ phone, companyName }: CallUsProps) {
  if (phone === null) {
    return (
      <Text>
        <Trans ns="portal" i18nKey="booking.contactUs" values={{ company: companyName }} />
      </Text>
    );
  }
  return (
    <Text>
      <Trans
        ns="portal"
        i18nKey="booking.callUs"
        values={{ phone: formatPhone(phone) }}
        components={{ phone: <Anchor href={`tel:${phone}`} /> }}
      />
    </Text>
  );
}
