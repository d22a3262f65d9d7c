import { describe, expect, it } from "vitest";
import {
  buildIcs,
  escapeIcsText,
  foldIcsLine,
  type IcsEventInput,
  visitUid,
} from "../../../src/domain/notifications/index.js";

/** A content line after unfolding: name, parameters and raw value. */
interface ContentLine {
  name: string;
  parameters: string;
  value: string;
}

/** Unfolds an iCalendar text (RFC 5545 section 3.1) and splits each line at its first unquoted colon. */
function parseIcs(text: string): ContentLine[] {
  const unfolded = text.replace(/\r\n[ \t]/g, "");
  return unfolded
    .split("\r\n")
    .filter((line) => line !== "")
    .map((line) => {
      let quoted = false;
      let colon = -1;
      for (let index = 0; index < line.length; index++) {
        if (line[index] === '"') quoted = !quoted;
        if (line[index] === ":" && !quoted) {
          colon = index;
          break;
        }
      }
      const head = line.slice(0, colon);
      const semicolon = head.indexOf(";");
      return {
        name: semicolon === -1 ? head : head.slice(0, semicolon),
        parameters: semicolon === -1 ? "" : head.slice(semicolon + 1),
        value: line.slice(colon + 1),
      };
    });
}

function propertyValue(lines: ContentLine[], name: string): string | undefined {
  return lines.find((line) => line.name === name)?.value;
}

/** Reverses the TEXT escapes of RFC 5545 section 3.3.11. */
function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, character: string) =>
    character === "n" || character === "N" ? "\n" : character,
  );
}

const UID = visitUid("org-7", "act-42", "rondo.example.com");

/** A two-hour visit on Wednesday 10 June 2026 at 09:00 in Paris. */
const BOOKING: IcsEventInput = {
  uid: UID,
  sequence: 0,
  method: "REQUEST",
  status: "CONFIRMED",
  start: "2026-06-10T07:00:00Z",
  end: "2026-06-10T09:00:00Z",
  summary: "Entretien chaudière",
  description: "Référence A-42; accès par la cour, code 1234\nMerci",
  location: "12 rue des Lilas, 75011 Paris",
  organizer: { name: "Chauffage Dupré", email: "contact@dupre.example" },
  attendee: { name: "Léa Dupré", email: "lea@example.com" },
  url: "https://portail.example.fr/a/42",
  now: "2026-06-01T08:30:00Z",
};

describe("buildIcs", () => {
  it("writes a visit request", () => {
    expect(buildIcs(BOOKING)).toBe(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Rondo//Rondo field-service scheduling//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:visit.org-7.act-42@rondo.example.com",
        "SEQUENCE:0",
        "DTSTAMP:20260601T083000Z",
        "DTSTART:20260610T070000Z",
        "DTEND:20260610T090000Z",
        "SUMMARY:Entretien chaudière",
        "DESCRIPTION:Référence A-42\\; accès par la cour\\, code 1234\\nMerci",
        "LOCATION:12 rue des Lilas\\, 75011 Paris",
        "URL:https://portail.example.fr/a/42",
        'ORGANIZER;CN="Chauffage Dupré":mailto:contact@dupre.example',
        // 75 octets: the two accented letters take two octets each.
        'ATTENDEE;CN="Léa Dupré";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=F',
        " ALSE:mailto:lea@example.com",
        "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
  });

  it("uses CRLF line endings only", () => {
    const text = buildIcs(BOOKING);

    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("stores the Paris visit in UTC", () => {
    const lines = parseIcs(buildIcs(BOOKING));

    expect(propertyValue(lines, "DTSTART")).toBe("20260610T070000Z");
    expect(propertyValue(lines, "DTEND")).toBe("20260610T090000Z");
  });

  it("accepts instants with an offset", () => {
    const lines = parseIcs(
      buildIcs({ ...BOOKING, start: "2026-06-10T09:00:00+02:00", end: new Date("2026-06-10T09:00:00Z") }),
    );

    expect(propertyValue(lines, "DTSTART")).toBe("20260610T070000Z");
    expect(propertyValue(lines, "DTEND")).toBe("20260610T090000Z");
  });

  it("cancels with the same UID and a higher sequence", () => {
    const request = parseIcs(buildIcs(BOOKING));
    const cancel = parseIcs(
      buildIcs({
        ...BOOKING,
        method: "CANCEL",
        status: "CANCELLED",
        sequence: 2,
        now: "2026-06-05T10:00:00Z",
      }),
    );

    expect(propertyValue(cancel, "METHOD")).toBe("CANCEL");
    expect(propertyValue(cancel, "STATUS")).toBe("CANCELLED");
    expect(propertyValue(cancel, "UID")).toBe(propertyValue(request, "UID"));
    expect(Number(propertyValue(cancel, "SEQUENCE"))).toBeGreaterThan(
      Number(propertyValue(request, "SEQUENCE")),
    );
    expect(propertyValue(cancel, "DTSTAMP")).toBe("20260605T100000Z");
  });

  it("leaves out optional properties", () => {
    const lines = parseIcs(
      buildIcs({ ...BOOKING, description: undefined, location: "", url: undefined, attendee: undefined }),
    );
    const names = lines.map((line) => line.name);

    expect(names).not.toContain("DESCRIPTION");
    expect(names).not.toContain("LOCATION");
    expect(names).not.toContain("URL");
    expect(names).not.toContain("ATTENDEE");
  });

  it("quotes names with caret escapes", () => {
    const lines = parseIcs(
      buildIcs({ ...BOOKING, organizer: { name: 'Dupré, "Chauffage" ^ Fils', email: "a@b.example" } }),
    );
    const organizer = lines.find((line) => line.name === "ORGANIZER");

    expect(organizer?.parameters).toBe(`CN="Dupré, ^'Chauffage^' ^^ Fils"`);
    expect(organizer?.value).toBe("mailto:a@b.example");
  });

  it("leaves out a blank name", () => {
    const lines = parseIcs(buildIcs({ ...BOOKING, attendee: { name: " ", email: "lea@example.com" } }));
    const attendee = lines.find((line) => line.name === "ATTENDEE");

    expect(attendee?.parameters).toBe("ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE");
  });

  it("writes an ASCII address", () => {
    const lines = parseIcs(buildIcs({ ...BOOKING, url: "https://portail-dupré.example/rdv/été" }));

    expect(propertyValue(lines, "URL")).toBe("https://xn--portail-dupr-meb.example/rdv/%C3%A9t%C3%A9");
  });

  it("percent-encodes unusual address characters", () => {
    const lines = parseIcs(buildIcs({ ...BOOKING, attendee: { name: "X", email: "o;hara,x@exämple.fr" } }));

    expect(propertyValue(lines, "ATTENDEE")).toBe("mailto:o%3Bhara%2Cx@ex%C3%A4mple.fr");
  });

  it("strips control characters from text", () => {
    const lines = parseIcs(buildIcs({ ...BOOKING, summary: "Visite\u0000\u0007 du\tjour" }));

    expect(propertyValue(lines, "SUMMARY")).toBe("Visite du\tjour");
  });
});

describe("buildIcs invalid input", () => {
  it("rejects an end before the start", () => {
    expect(() => buildIcs({ ...BOOKING, end: BOOKING.start })).toThrow(
      "Invalid calendar event: the end 2026-06-10T07:00:00.000Z is not after the start 2026-06-10T07:00:00.000Z.",
    );
  });

  it("rejects a cancellation marked confirmed", () => {
    expect(() => buildIcs({ ...BOOKING, method: "CANCEL" })).toThrow(
      "Invalid calendar status CONFIRMED for METHOD:CANCEL: use CANCELLED.",
    );
  });

  it("rejects a negative sequence", () => {
    expect(() => buildIcs({ ...BOOKING, sequence: -1 })).toThrow(
      "Invalid calendar SEQUENCE -1: use a whole number of 0 or more.",
    );
    expect(() => buildIcs({ ...BOOKING, sequence: 1.5 })).toThrow("Invalid calendar SEQUENCE 1.5");
  });

  it("rejects a script address", () => {
    expect(() => buildIcs({ ...BOOKING, url: "javascript:alert(1)" })).toThrow(
      'Invalid calendar URL "javascript:alert(1)": use an http or https address without spaces.',
    );
  });

  it("rejects an address without @", () => {
    expect(() => buildIcs({ ...BOOKING, attendee: { name: "X", email: "lea.example.com" } })).toThrow(
      'Invalid attendee email address "lea.example.com": use an address like name@example.com.',
    );
  });

  it("rejects an empty summary", () => {
    expect(() => buildIcs({ ...BOOKING, summary: " " })).toThrow(
      "Invalid calendar event: the summary is empty. Give the visit a title.",
    );
  });

  it("rejects a start without an offset", () => {
    expect(() => buildIcs({ ...BOOKING, start: "2026-06-10T09:00:00" })).toThrow(
      'Invalid calendar event start "2026-06-10T09:00:00"',
    );
  });
});

describe("escapeIcsText", () => {
  it("escapes backslash, semicolon, comma and line breaks", () => {
    expect(escapeIcsText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });

  it("leaves a colon and quotes as they are", () => {
    expect(escapeIcsText('Code : "1234"')).toBe('Code : "1234"');
  });
});

describe("line folding", () => {
  const octets = (line: string) => Buffer.byteLength(line, "utf8");

  it("leaves a 75-octet line whole", () => {
    const line = `SUMMARY:${"a".repeat(67)}`;

    expect(foldIcsLine(line)).toBe(line);
  });

  it("folds a 76-octet line", () => {
    expect(foldIcsLine(`SUMMARY:${"a".repeat(68)}`)).toBe(`SUMMARY:${"a".repeat(67)}\r\n a`);
  });

  it("moves an emoji that would cross the limit", () => {
    // "DESCRIPTION:" is 12 octets, so 61 more letters make 73 and the 4-octet emoji cannot follow.
    const line = `DESCRIPTION:${"é".repeat(30)}a😀suite`;
    const physical = foldIcsLine(line).split("\r\n");

    expect(physical).toEqual([`DESCRIPTION:${"é".repeat(30)}a`, " 😀suite"]);
    expect(octets(physical[0]!)).toBe(73);
  });

  it("folds a long French description", () => {
    const description =
      "Entretien annuel de la chaudière à condensation : vérification du brûleur, ramonage, contrôle " +
      "des émissions de monoxyde de carbone ; l'intervenant sonnera à l'interphone « Dupré ». " +
      "Prévoir un accès dégagé 🔧 et la clé du local technique — merci ! Œuvre, façade, garçon, " +
      "été, noël 🎄, déjà vu, très bientôt, ça marche 👍🏽 fin.";
    const text = buildIcs({ ...BOOKING, description });
    const physical = text.split("\r\n").filter((line) => line !== "");

    for (const line of physical) {
      expect(octets(line), line).toBeLessThanOrEqual(75);
      expect(Buffer.from(line, "utf8").toString("utf8"), line).toBe(line);
    }
    const continuations = physical.filter((line) => line.startsWith(" "));
    expect(continuations.length).toBeGreaterThan(3);
    for (const line of continuations) {
      expect(line.startsWith("  "), line).toBe(false);
    }

    expect(unescapeText(propertyValue(parseIcs(text), "DESCRIPTION") ?? "")).toBe(description);
  });

  it("folds at every position of a multi-byte character", () => {
    for (let padding = 0; padding < 8; padding++) {
      const line = `X:${"a".repeat(padding)}${"€😀é".repeat(40)}`;
      const folded = foldIcsLine(line);

      for (const physical of folded.split("\r\n")) {
        expect(octets(physical)).toBeLessThanOrEqual(75);
      }
      expect(folded.replace(/\r\n /g, "")).toBe(line);
    }
  });
});

describe("visitUid", () => {
  it("combines organization, activity and domain", () => {
    expect(visitUid("org-7", "act-42", "Rondo.Example.COM")).toBe("visit.org-7.act-42@rondo.example.com");
  });

  it("accepts UUIDs", () => {
    expect(
      visitUid(
        "6f1c2a9e-0b7d-4c55-9a43-2f6d1e8b7c10",
        "0d9b3c1e-5a7f-4e22-8b61-9c3f2a1d4e50",
        "rondo.example.com",
      ),
    ).toBe(
      "visit.6f1c2a9e-0b7d-4c55-9a43-2f6d1e8b7c10.0d9b3c1e-5a7f-4e22-8b61-9c3f2a1d4e50@rondo.example.com",
    );
  });

  it("rejects ids with other characters", () => {
    expect(() => visitUid("org.7", "act-42", "rondo.example.com")).toThrow(
      'Invalid organization id "org.7": use letters, digits, "-" and "_" only.',
    );
    expect(() => visitUid("org-7", "act 42", "rondo.example.com")).toThrow('Invalid activity id "act 42"');
  });

  it("rejects a domain that is not a host name", () => {
    expect(() => visitUid("org-7", "act-42", "https://rondo.example.com")).toThrow(
      'Invalid UID domain "https://rondo.example.com": use a host name such as rondo.example.com.',
    );
  });
});
