import { type Instant, toEpochMillis } from "./instant.js";

/**
 * iCalendar files (RFC 5545) attached to appointment emails, as iTIP messages (RFC 5546): a
 * REQUEST for a new or changed visit and a CANCEL for a canceled one. Calendar clients match
 * the messages of one visit by UID and keep the one with the highest SEQUENCE, so the caller
 * keeps the UID of a visit and raises the sequence at every change.
 */

export const ICS_PRODUCT_ID = "-//Rondo//Rondo field-service scheduling//EN";

/** Maximum length of a physical line, in UTF-8 octets, without the CRLF. */
export const ICS_MAX_LINE_OCTETS = 75;

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsEventInput {
  /** Stable identifier of the visit across updates and cancellation, e.g. from `visitUid`. */
  uid: string;
  /** Revision number: 0 for the first message, higher for every later change. */
  sequence: number;
  method: "REQUEST" | "CANCEL";
  /** CONFIRMED with REQUEST, CANCELLED with CANCEL. */
  status: "CONFIRMED" | "CANCELLED";
  start: Instant;
  end: Instant;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  organizer: IcsPerson;
  /**
   * The customer. NOTE: iTIP messages (RFC 5546) are addressed to attendees, so a REQUEST or CANCEL
   * without an ATTENDEE may be shown as a plain event or ignored. Leave it out only for a download.
   */
  attendee?: IcsPerson | undefined;
  /** http(s) address of the visit, e.g. its page on the customer portal. */
  url?: string | undefined;
  /** Creation time of the message (DTSTAMP). */
  now: Instant;
}

const EXPECTED_STATUS = { REQUEST: "CONFIRMED", CANCEL: "CANCELLED" } as const;

/**
 * Builds the iCalendar file of one visit, with CRLF line endings, times in UTC and lines folded at
 * 75 octets. Throws a RangeError for an end not after the start, a negative or fractional sequence,
 * a method and status that do not match, an empty UID or summary, or an invalid address.
 */
export function buildIcs(input: IcsEventInput): string {
  const start = toEpochMillis(input.start, "calendar event start");
  const end = toEpochMillis(input.end, "calendar event end");
  const now = toEpochMillis(input.now, "calendar timestamp");
  validateInput(input, start, end);

  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${ICS_PRODUCT_ID}`,
    "CALSCALE:GREGORIAN",
    `METHOD:${input.method}`,
    "BEGIN:VEVENT",
    `UID:${escapeIcsText(input.uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${formatUtc(now)}`,
    `DTSTART:${formatUtc(start)}`,
    `DTEND:${formatUtc(end)}`,
    `SUMMARY:${escapeIcsText(input.summary)}`,
  ];
  if (input.description) lines.push(`DESCRIPTION:${escapeIcsText(input.description)}`);
  if (input.location) lines.push(`LOCATION:${escapeIcsText(input.location)}`);
  if (input.url) lines.push(`URL:${checkedUrl(input.url)}`);
  lines.push(`ORGANIZER${commonName(input.organizer)}:${mailto(input.organizer.email, "organizer")}`);
  if (input.attendee) {
    lines.push(
      `ATTENDEE${commonName(input.attendee)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:` +
        mailto(input.attendee.email, "attendee"),
    );
  }
  lines.push(`STATUS:${input.status}`, "END:VEVENT", "END:VCALENDAR");

  return `${lines.map(foldIcsLine).join("\r\n")}\r\n`;
}

function validateInput(input: IcsEventInput, start: number, end: number): void {
  if (end <= start) {
    throw new RangeError(
      `Invalid calendar event: the end ${new Date(end).toISOString()} is not after the start ` +
        `${new Date(start).toISOString()}.`,
    );
  }
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 0) {
    throw new RangeError(`Invalid calendar SEQUENCE ${input.sequence}: use a whole number of 0 or more.`);
  }
  if (EXPECTED_STATUS[input.method] !== input.status) {
    throw new RangeError(
      `Invalid calendar status ${input.status} for METHOD:${input.method}: use ${EXPECTED_STATUS[input.method]}.`,
    );
  }
  if (input.uid.trim() === "" || /[\r\n]/.test(input.uid)) {
    throw new RangeError(
      `Invalid calendar UID ${JSON.stringify(input.uid)}: use a non-empty text on one line.`,
    );
  }
  if (input.summary.trim() === "") {
    throw new RangeError("Invalid calendar event: the summary is empty. Give the visit a title.");
  }
}

/** Formats an instant in the UTC form of DATE-TIME, e.g. `20260610T070000Z`. */
function formatUtc(millis: number): string {
  return new Date(millis)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/**
 * Control characters that TEXT values cannot contain (RFC 5545 section 3.3.11 allows tab),
 * removed after line breaks have been escaped.
 */
const TEXT_CONTROL_CHARACTERS = /[^\P{Cc}\t]/gu;

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (as `\n`). */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    .replace(TEXT_CONTROL_CHARACTERS, "");
}

/** Writes the CN parameter of a person, or nothing when the name is blank. */
function commonName(person: IcsPerson): string {
  return person.name.trim() === "" ? "" : `;CN=${quoteParameter(person.name)}`;
}

/**
 * Quotes a parameter value such as a CN. Double quotes and line breaks cannot appear in a quoted
 * value, so they are written with the caret escapes of RFC 6868 (`^'`, `^n`, and `^^` for `^`).
 */
function quoteParameter(value: string): string {
  const escaped = value
    .replace(/\^/g, "^^")
    .replace(/"/g, "^'")
    .replace(/\r\n|\r|\n/g, "^n")
    .replace(TEXT_CONTROL_CHARACTERS, "");
  return `"${escaped}"`;
}

/**
 * Writes a `mailto:` address. Characters outside the URI set that addresses use are
 * percent-encoded as UTF-8, so that `;`, `,` and `:` cannot end the property value early.
 */
function mailto(email: string, role: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1 || /\s/.test(trimmed)) {
    throw new RangeError(
      `Invalid ${role} email address ${JSON.stringify(email)}: use an address like name@example.com.`,
    );
  }
  const encoded = [...trimmed]
    .map((character) =>
      /[A-Za-z0-9._~!$&'*+=@-]/.test(character) ? character : encodeURIComponent(character),
    )
    .join("");
  return `mailto:${encoded}`;
}

function checkedUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:") || /[\s"<>]/.test(url)) {
    throw new RangeError(
      `Invalid calendar URL ${JSON.stringify(url)}: use an http or https address without spaces.`,
    );
  }
  // The parsed form is ASCII: host names in punycode, other characters percent-encoded.
  return parsed.href;
}

/**
 * Folds a content line so that no physical line exceeds 75 UTF-8 octets: continuation lines start
 * with one space, and a multi-byte character is never split. Lines are joined with CRLF.
 */
export function foldIcsLine(line: string): string {
  const physical: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character, "utf8");
    if (octets + size > ICS_MAX_LINE_OCTETS) {
      physical.push(current);
      current = " ";
      octets = 1;
    }
    current += character;
    octets += size;
  }
  physical.push(current);
  return physical.join("\r\n");
}

/**
 * Builds the UID of a visit's calendar event, stable across its updates and its cancellation:
 * `visit.<organization>.<activity>@<domain>`. The organization is part of it because activity ids
 * are only unique within an organization. Throws a RangeError for ids or a domain in another form.
 */
export function visitUid(organizationId: string, activityId: string, domain: string): string {
  for (const [label, id] of [
    ["organization id", organizationId],
    ["activity id", activityId],
  ] as const) {
    if (!/^[A-Za-z0-9_-]+$/.test(id)) {
      throw new RangeError(`Invalid ${label} ${JSON.stringify(id)}: use letters, digits, "-" and "_" only.`);
    }
  }
  const host = domain.toLowerCase();
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/.test(host)) {
    throw new RangeError(
      `Invalid UID domain ${JSON.stringify(domain)}: use a host name such as rondo.example.com.`,
    );
  }
  return `visit.${organizationId}.${activityId}@${host}`;
}
