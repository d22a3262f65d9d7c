import { afterEach, describe, expect, it } from "vitest";
import {
  describeArrivalWindow,
  describeVisitTime,
  visitTimeValues,
  zoneDisplayName,
} from "../../../src/domain/notifications/index.js";

const PARIS = "Europe/Paris";
const LONDON = "Europe/London";
const NEW_YORK = "America/New_York";

/** A visit at 09:00 in Paris on Wednesday 10 June 2026. */
const JUNE_VISIT = "2026-06-10T07:00:00Z";

describe("visit time in the business unit's zone", () => {
  it("shows Paris time without own zone", () => {
    const time = describeVisitTime({
      start: JUNE_VISIT,
      visitZone: PARIS,
      recipientZone: null,
      language: "fr",
    });

    expect(time.text).toContain("10 juin 2026 à 09:00 (heure de Paris)");
    expect(time).toEqual({
      date: "mercredi 10 juin 2026",
      time: "09:00",
      zoneName: "heure de Paris",
      timeWithZone: "09:00 (heure de Paris)",
      text: "mercredi 10 juin 2026 à 09:00 (heure de Paris)",
    });
    expect(time.text).not.toContain("07:00");
    expect(time.text).not.toContain("03:00");
  });

  it("adds UK time for London customer", () => {
    const time = describeVisitTime({
      start: JUNE_VISIT,
      visitZone: PARIS,
      recipientZone: LONDON,
      language: "en",
    });

    expect(time.text).toContain("09:00 Paris time (08:00 UK time)");
    expect(time).toEqual({
      date: "Wednesday 10 June 2026",
      time: "09:00",
      zoneName: "Paris time",
      timeWithZone: "09:00 Paris time (08:00 UK time)",
      text: "Wednesday 10 June 2026 at 09:00 Paris time (08:00 UK time)",
      recipient: { zone: LONDON, date: "Wednesday 10 June 2026", time: "08:00", zoneName: "UK time" },
    });
  });

  it("names both zones in French", () => {
    const time = describeVisitTime({
      start: JUNE_VISIT,
      visitZone: PARIS,
      recipientZone: LONDON,
      language: "fr",
    });

    expect(time.text).toBe("mercredi 10 juin 2026 à 09:00 heure de Paris (08:00 heure du Royaume-Uni)");
    expect(time.timeWithZone).toBe("09:00 heure de Paris (08:00 heure du Royaume-Uni)");
  });

  it("accepts a Date and an ISO string with an offset", () => {
    const fromDate = describeVisitTime({ start: new Date(JUNE_VISIT), visitZone: PARIS, language: "fr" });
    const fromOffset = describeVisitTime({
      start: "2026-06-10T09:00:00+02:00",
      visitZone: PARIS,
      language: "fr",
    });

    expect(fromDate.text).toBe("mercredi 10 juin 2026 à 09:00 (heure de Paris)");
    expect(fromOffset.text).toBe("mercredi 10 juin 2026 à 09:00 (heure de Paris)");
  });
});

describe("date and time formats per language", () => {
  const lunchtime = "2026-06-10T12:30:00Z";

  it("writes French with a 24-hour clock", () => {
    const time = describeVisitTime({ start: lunchtime, visitZone: PARIS, language: "fr" });

    expect(time.date).toBe("mercredi 10 juin 2026");
    expect(time.time).toBe("14:30");
    expect(time.text).toBe("mercredi 10 juin 2026 à 14:30 (heure de Paris)");
    expect(time.text).not.toMatch(/AM|PM/i);
  });

  it("writes British English by default", () => {
    const time = describeVisitTime({ start: lunchtime, visitZone: PARIS, language: "en" });

    expect(time.date).toBe("Wednesday 10 June 2026");
    expect(time.time).toBe("14:30");
    expect(time.text).toBe("Wednesday 10 June 2026 at 14:30 Paris time");
  });

  it("writes British English when asked", () => {
    const time = describeVisitTime({ start: lunchtime, visitZone: PARIS, language: "en", locale: "en-GB" });

    expect(time.date).toBe("Wednesday 10 June 2026");
    expect(time.time).toBe("14:30");
  });

  it("writes US English with a 12-hour clock", () => {
    const time = describeVisitTime({ start: lunchtime, visitZone: PARIS, language: "en", locale: "en-US" });

    expect(time.date).toBe("Wednesday, June 10, 2026");
    expect(time.time).toBe("2:30 PM");
    expect(time.text).toBe("Wednesday, June 10, 2026 at 2:30 PM Paris time");
  });

  it("writes midnight and noon on both clocks", () => {
    const midnight = "2026-06-09T22:00:00Z";
    const noon = "2026-06-10T10:00:00Z";
    const us = (start: string) =>
      describeVisitTime({ start, visitZone: PARIS, language: "en", locale: "en-US" }).time;
    const french = (start: string) => describeVisitTime({ start, visitZone: PARIS, language: "fr" }).time;

    expect(us(midnight)).toBe("12:00 AM");
    expect(us(noon)).toBe("12:00 PM");
    expect(french(midnight)).toBe("00:00");
    expect(french(noon)).toBe("12:00");
  });

  it("writes 1er for the first of the month in French", () => {
    const time = describeVisitTime({ start: "2026-07-01T08:00:00Z", visitZone: PARIS, language: "fr" });

    expect(time.date).toBe("mercredi 1er juillet 2026");
  });

  it("uses an ASCII space before AM and PM", () => {
    const time = describeVisitTime({ start: lunchtime, visitZone: PARIS, language: "en", locale: "en-US" });

    expect(time.time).not.toMatch(/[\u00a0\u202f]/);
  });
});

describe("recipient's own zone", () => {
  it("is left out when the offsets are equal", () => {
    const berlin = describeVisitTime({
      start: JUNE_VISIT,
      visitZone: PARIS,
      recipientZone: "Europe/Berlin",
      language: "fr",
    });
    const same = describeVisitTime({
      start: JUNE_VISIT,
      visitZone: PARIS,
      recipientZone: PARIS,
      language: "fr",
    });

    expect(berlin.text).toBe("mercredi 10 juin 2026 à 09:00 (heure de Paris)");
    expect(berlin.recipient).toBeUndefined();
    expect(same.recipient).toBeUndefined();
  });

  it("names the date when it differs", () => {
    const start = "2026-06-09T23:00:00Z";
    const english = describeVisitTime({ start, visitZone: PARIS, recipientZone: NEW_YORK, language: "en" });
    const french = describeVisitTime({ start, visitZone: PARIS, recipientZone: NEW_YORK, language: "fr" });

    expect(english.text).toBe(
      "Wednesday 10 June 2026 at 01:00 Paris time (Tuesday 9 June 2026 at 19:00 New York time)",
    );
    expect(english.timeWithZone).toBe("01:00 Paris time (Tuesday 9 June 2026 at 19:00 New York time)");
    expect(french.text).toBe(
      "mercredi 10 juin 2026 à 01:00 heure de Paris (mardi 9 juin 2026 à 19:00 heure de New York)",
    );
  });

  it("names the next day for a customer ahead", () => {
    const time = describeVisitTime({
      start: "2026-06-10T16:00:00Z",
      visitZone: PARIS,
      recipientZone: "Pacific/Auckland",
      language: "en",
    });

    expect(time.timeWithZone).toBe("18:00 Paris time (Thursday 11 June 2026 at 04:00 New Zealand time)");
  });

  it("shows both ends of a visit", () => {
    const time = describeVisitTime({
      start: JUNE_VISIT,
      end: "2026-06-10T09:00:00Z",
      visitZone: PARIS,
      recipientZone: LONDON,
      language: "en",
    });

    expect(time.text).toBe(
      "Wednesday 10 June 2026 from 09:00 to 11:00 Paris time (from 08:00 to 10:00 UK time)",
    );
    expect(time.endTime).toBe("11:00");
    expect(time.recipient?.endTime).toBe("10:00");
  });
});

describe("daylight saving", () => {
  it("follows New York's earlier change", () => {
    const before = describeVisitTime({
      start: "2026-03-20T08:00:00Z",
      visitZone: PARIS,
      recipientZone: NEW_YORK,
      language: "en",
    });
    const after = describeVisitTime({
      start: "2026-03-30T07:00:00Z",
      visitZone: PARIS,
      recipientZone: NEW_YORK,
      language: "en",
    });

    expect(before.timeWithZone).toBe("09:00 Paris time (04:00 New York time)");
    expect(after.timeWithZone).toBe("09:00 Paris time (03:00 New York time)");
  });

  it("shows times around the spring-forward gap", () => {
    const beforeGap = describeVisitTime({ start: "2026-03-29T00:30:00Z", visitZone: PARIS, language: "fr" });
    const afterGap = describeVisitTime({
      start: "2026-03-29T01:30:00Z",
      visitZone: PARIS,
      recipientZone: LONDON,
      language: "fr",
    });

    expect(beforeGap.text).toBe("dimanche 29 mars 2026 à 01:30 (heure de Paris)");
    expect(afterGap.text).toBe("dimanche 29 mars 2026 à 03:30 heure de Paris (02:30 heure du Royaume-Uni)");
  });

  it("shows a visit across the gap", () => {
    const time = describeVisitTime({
      start: "2026-03-29T00:00:00Z",
      end: "2026-03-29T02:00:00Z",
      visitZone: PARIS,
      language: "fr",
    });

    expect(time.text).toBe("dimanche 29 mars 2026 de 01:00 à 04:00 (heure de Paris)");
  });

  it("compares offsets at the end too", () => {
    const time = describeVisitTime({
      start: "2026-03-29T00:30:00Z",
      end: "2026-03-29T01:30:00Z",
      visitZone: PARIS,
      recipientZone: "Africa/Lagos",
      language: "fr",
    });

    expect(time.timeWithZone).toBe("de 01:30 à 03:30 heure de Paris (de 01:30 à 02:30 heure de Lagos)");
  });

  it("shows both fall-back instants as 02:30", () => {
    const summer = describeVisitTime({
      start: "2026-10-25T00:30:00Z",
      visitZone: PARIS,
      recipientZone: LONDON,
      language: "en",
    });
    const winter = describeVisitTime({
      start: "2026-10-25T01:30:00Z",
      visitZone: PARIS,
      recipientZone: LONDON,
      language: "en",
    });

    expect(summer.text).toBe("Sunday 25 October 2026 at 02:30 Paris time (01:30 UK time)");
    expect(winter.text).toBe("Sunday 25 October 2026 at 02:30 Paris time (01:30 UK time)");
  });
});

describe("ranges and arrival windows", () => {
  it("names both dates for a range across midnight", () => {
    const french = describeVisitTime({
      start: "2026-06-10T20:00:00Z",
      end: "2026-06-11T00:00:00Z",
      visitZone: PARIS,
      language: "fr",
    });
    const english = describeVisitTime({
      start: "2026-06-10T20:00:00Z",
      end: "2026-06-11T00:00:00Z",
      visitZone: PARIS,
      language: "en",
    });

    expect(french.text).toBe(
      "du mercredi 10 juin 2026 à 22:00 au jeudi 11 juin 2026 à 02:00 (heure de Paris)",
    );
    expect(english.text).toBe(
      "from Wednesday 10 June 2026 at 22:00 to Thursday 11 June 2026 at 02:00 Paris time",
    );
  });

  it("writes an arrival window in French", () => {
    const window = describeArrivalWindow({
      start: JUNE_VISIT,
      end: "2026-06-10T09:00:00Z",
      visitZone: PARIS,
      language: "fr",
    });

    expect(window).toBe("entre 09:00 et 11:00 (heure de Paris)");
  });

  it("writes English window with recipient time", () => {
    const window = describeArrivalWindow({
      start: JUNE_VISIT,
      end: "2026-06-10T09:00:00Z",
      visitZone: PARIS,
      recipientZone: LONDON,
      language: "en",
    });

    expect(window).toBe("between 09:00 and 11:00 Paris time (between 08:00 and 10:00 UK time)");
  });

  it("writes US arrival windows on the 12-hour clock", () => {
    const window = describeArrivalWindow({
      start: "2026-06-10T10:00:00Z",
      end: "2026-06-10T12:00:00Z",
      visitZone: NEW_YORK,
      language: "en",
      locale: "en-US",
    });

    expect(window).toBe("between 6:00 AM and 8:00 AM New York time");
  });

  it("returns the template values", () => {
    const values = visitTimeValues({
      start: JUNE_VISIT,
      visitZone: PARIS,
      language: "fr",
      window: { start: JUNE_VISIT, end: "2026-06-10T09:00:00Z" },
    });

    expect(values).toEqual({
      "activity.date": "mercredi 10 juin 2026",
      "activity.time": "09:00 (heure de Paris)",
      "activity.window": "entre 09:00 et 11:00 (heure de Paris)",
    });
  });

  it("leaves the window out without one", () => {
    const values = visitTimeValues({
      start: JUNE_VISIT,
      visitZone: PARIS,
      recipientZone: LONDON,
      language: "en",
    });

    expect(values).toEqual({
      "activity.date": "Wednesday 10 June 2026",
      "activity.time": "09:00 Paris time (08:00 UK time)",
    });
  });
});

describe("independence from the process zone", () => {
  const originalZone = process.env.TZ;

  afterEach(() => {
    if (originalZone === undefined) delete process.env.TZ;
    else process.env.TZ = originalZone;
  });

  const render = () => [
    describeVisitTime({ start: JUNE_VISIT, visitZone: PARIS, language: "fr" }),
    describeVisitTime({ start: JUNE_VISIT, visitZone: PARIS, recipientZone: LONDON, language: "en" }),
    describeVisitTime({ start: "2026-06-10T12:30:00Z", visitZone: PARIS, language: "en", locale: "en-US" }),
    describeVisitTime({
      start: "2026-03-29T01:30:00Z",
      end: "2026-03-29T04:00:00Z",
      visitZone: PARIS,
      language: "fr",
    }),
    describeArrivalWindow({
      start: JUNE_VISIT,
      end: "2026-06-10T09:00:00Z",
      visitZone: PARIS,
      language: "fr",
    }),
  ];

  it("gives the same text in any zone", () => {
    process.env.TZ = "UTC";
    const inUtc = render();

    process.env.TZ = "Pacific/Kiritimati";
    expect(new Date(JUNE_VISIT).getHours()).toBe(21);
    const inKiritimati = render();

    process.env.TZ = "America/Los_Angeles";
    expect(new Date(JUNE_VISIT).getHours()).toBe(0);
    const inLosAngeles = render();

    process.env.TZ = "America/Montreal";
    expect(new Date(JUNE_VISIT).getHours()).toBe(3);
    const inMontreal = render();

    expect(inKiritimati).toEqual(inUtc);
    expect(inLosAngeles).toEqual(inUtc);
    expect(inMontreal).toEqual(inUtc);
    expect(inUtc[0]).toMatchObject({ text: "mercredi 10 juin 2026 à 09:00 (heure de Paris)" });
  });
});

describe("invalid input", () => {
  it("rejects a start without an offset", () => {
    expect(() =>
      describeVisitTime({ start: "2026-06-10T09:00:00", visitZone: PARIS, language: "fr" }),
    ).toThrow(
      'Invalid visit start "2026-06-10T09:00:00": use an ISO 8601 instant with "Z" or an offset, such as 2026-06-10T07:00:00Z.',
    );
  });

  it("rejects an invalid Date", () => {
    expect(() =>
      describeVisitTime({ start: new Date(Number.NaN), visitZone: PARIS, language: "fr" }),
    ).toThrow("Invalid visit start: the Date is invalid.");
  });

  it("rejects an unknown visit zone", () => {
    expect(() => describeVisitTime({ start: JUNE_VISIT, visitZone: "Europe/Lyon", language: "fr" })).toThrow(
      'Invalid visit zone "Europe/Lyon": use an IANA zone name such as Europe/Paris.',
    );
  });

  it("rejects an unknown recipient zone", () => {
    expect(() =>
      describeVisitTime({ start: JUNE_VISIT, visitZone: PARIS, recipientZone: "CEST", language: "fr" }),
    ).toThrow('Invalid recipient zone "CEST": use an IANA zone name such as Europe/Paris.');
  });

  it("rejects an end before the start", () => {
    expect(() =>
      describeVisitTime({ start: JUNE_VISIT, end: "2026-06-10T06:00:00Z", visitZone: PARIS, language: "fr" }),
    ).toThrow(
      "Invalid visit: the end 2026-06-10T06:00:00.000Z is not after the start 2026-06-10T07:00:00.000Z. Give an end after the start.",
    );
  });

  it("rejects an unknown English locale", () => {
    expect(() =>
      describeVisitTime({
        start: JUNE_VISIT,
        visitZone: PARIS,
        language: "en",
        locale: "en-AU" as unknown as "en-GB",
      }),
    ).toThrow('Invalid English locale "en-AU": use one of en-GB, en-US.');
  });
});

describe("zone names", () => {
  it.each([
    [PARIS, "heure de Paris", "Paris time"],
    [LONDON, "heure du Royaume-Uni", "UK time"],
    ["America/Guadeloupe", "heure de la Guadeloupe", "Guadeloupe time"],
    ["America/Martinique", "heure de la Martinique", "Martinique time"],
    ["America/Cayenne", "heure de la Guyane", "French Guiana time"],
    ["Indian/Reunion", "heure de La Réunion", "Réunion time"],
    ["Indian/Mayotte", "heure de Mayotte", "Mayotte time"],
    ["Pacific/Noumea", "heure de la Nouvelle-Calédonie", "New Caledonia time"],
    ["Pacific/Tahiti", "heure de Tahiti", "Tahiti time"],
    ["America/Miquelon", "heure de Saint-Pierre-et-Miquelon", "Saint Pierre and Miquelon time"],
    ["Pacific/Wallis", "heure de Wallis-et-Futuna", "Wallis and Futuna time"],
    ["America/Montreal", "heure de Montréal", "Montreal time"],
    [NEW_YORK, "heure de New York", "New York time"],
    ["Pacific/Auckland", "heure de la Nouvelle-Zélande", "New Zealand time"],
    ["UTC", "UTC", "UTC"],
  ])("names %s from the table", (zone, french, english) => {
    expect(zoneDisplayName(zone, "fr")).toBe(french);
    expect(zoneDisplayName(zone, "en")).toBe(english);
  });

  it.each([
    ["Asia/Tokyo", "heure de Tokyo", "Tokyo time"],
    ["America/Los_Angeles", "heure de Los Angeles", "Los Angeles time"],
    ["Europe/Amsterdam", "heure d'Amsterdam", "Amsterdam time"],
    ["America/Argentina/Buenos_Aires", "heure de Buenos Aires", "Buenos Aires time"],
    ["Etc/GMT-3", "UTC+03:00", "UTC+03:00"],
    ["Etc/GMT+10", "UTC-10:00", "UTC-10:00"],
  ])("names %s after its city or offset", (zone, french, english) => {
    expect(zoneDisplayName(zone, "fr")).toBe(french);
    expect(zoneDisplayName(zone, "en")).toBe(english);
  });

  it("matches zone names in any letter case", () => {
    expect(zoneDisplayName("europe/paris", "fr")).toBe("heure de Paris");
  });

  it("rejects an unknown zone", () => {
    expect(() => zoneDisplayName("Mars/Olympus", "en")).toThrow(
      'Invalid time zone "Mars/Olympus": use an IANA zone name such as Europe/Paris.',
    );
  });

  it("places overseas visits in their own zone", () => {
    const time = describeVisitTime({
      start: JUNE_VISIT,
      visitZone: "Indian/Reunion",
      recipientZone: PARIS,
      language: "fr",
    });

    expect(time.text).toBe("mercredi 10 juin 2026 à 11:00 heure de La Réunion (09:00 heure de Paris)");
  });
});
