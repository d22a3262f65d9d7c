/**
 * Applies French spacing for emails: a no-break space (U+00A0) replaces the space before `:`, `;`, `?`, `!`
 * and `»` and the space after `«`, so that the sign never starts a line. SMS texts keep ordinary
 * spaces, because U+00A0 is outside the GSM 03.38 alphabet and would switch the SMS to UCS-2.
 */
export function withFrenchSpacing(text: string): string {
  return text.replace(/ (?=[:;?!»])/g, "\u00a0").replace(/« /g, "«\u00a0");
}
