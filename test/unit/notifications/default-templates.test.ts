import { describe, expect, it } from "vitest";
import type { Language } from "../../../src/domain/business-units/localisation.js";
import {
  defaultTemplate,
  type EnglishLocale,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  renderEmail,
  renderSms,
  type TemplateValues,
  validateTemplate,
  visitTimeValues,
} from "../../../src/domain/notifications/index.js";

const LANGUAGES: Language[] = ["en", "fr"];

/** Values a typical business unit fills in, without the visit's date and time. */
const SAMPLE_VALUES = {
  "customer.name": "Léa Dupré",
  "customer.first_name": "Léa",
  "activity.reference": "A-2026-0042",
  "activity.type": "Entretien chaudière",
  "activity.address": "12 rue des Lilas, 75011 Paris",
  "bu.name": "Chauffage Dupré Services",
  "bu.phone": "01 23 45 67 89",
  "bu.email": "contact@chauffage-dupre.fr",
  "portal.url": "https://portail.example.fr/",
  "portal.link": "https://portail.example.fr/a/A-2026-0042",
  code: "482913",
  "code.minutes": 10,
  "survey.url": "https://portail.example.fr/s/7",
  "invitation.url": "https://app.example.fr/i/abc",
  "reset.url": "https://app.example.fr/r/def",
  "reset.minutes": 30,
  "user.name": "Marc Petit",
  "organization.name": "Dupré SA",
} satisfies TemplateValues;

function valuesAt(start: string, language: Language, recipientZone?: string, locale?: EnglishLocale) {
  return {
    ...SAMPLE_VALUES,
    ...visitTimeValues({ start, visitZone: "Europe/Paris", recipientZone, language, locale }),
  };
}

const combinations = NOTIFICATION_EVENTS.flatMap((event) =>
  LANGUAGES.map((language) => [event, language] as [NotificationEvent, Language]),
);

describe("default templates", () => {
  it.each(combinations)("%s in %s passes validation", (event, language) => {
    const email = defaultTemplate(event, "email", language);
    const sms = defaultTemplate(event, "sms", language);

    expect(validateTemplate(event, "email", email)).toEqual([]);
    expect(validateTemplate(event, "sms", sms)).toEqual([]);
    expect(email.subject.length).toBeGreaterThan(0);
    expect(sms).not.toHaveProperty("subject");
  });

  it.each(combinations)("%s SMS in %s stays in GSM-7", (event, language) => {
    const sms = renderSms(
      defaultTemplate(event, "sms", language),
      valuesAt("2026-06-10T07:00:00Z", language),
    );

    expect(sms.length.encoding).toBe("GSM-7");
    expect(sms.length.segments).toBeLessThanOrEqual(2);
    expect(sms.text).not.toContain("{");
  });

  it.each(combinations)("%s in %s uses straight apostrophes", (event, language) => {
    const email = defaultTemplate(event, "email", language);
    const sms = defaultTemplate(event, "sms", language);

    expect(`${email.subject}${email.body}${sms.body}`).not.toContain("\u2019");
  });

  it("uses no-break spaces in French email", () => {
    for (const event of NOTIFICATION_EVENTS) {
      const { subject, body } = defaultTemplate(event, "email", "fr");

      expect(`${subject}\n${body}`, event).not.toMatch(/ [:;?!]/);
    }
    expect(defaultTemplate("visit_closed_survey", "email", "fr").subject).toBe(
      "Comment s'est passée notre intervention\u00a0?",
    );
  });

  it("keeps ordinary spaces in French SMS", () => {
    for (const event of NOTIFICATION_EVENTS) {
      expect(defaultTemplate(event, "sms", "fr").body, event).not.toContain("\u00a0");
    }
  });

  it("returns a copy that callers may change", () => {
    const first = defaultTemplate("appointment_booked", "email", "en");
    first.subject = "changed";

    expect(defaultTemplate("appointment_booked", "email", "en").subject).toBe(
      "Appointment confirmed: {activity.date}",
    );
  });

  it("rejects an unknown channel", () => {
    expect(() => defaultTemplate("login_code", "fax" as "sms", "fr")).toThrow(
      'Unknown channel "fax": use email or sms.',
    );
  });
});

describe("login code SMS", () => {
  it("reads in English", () => {
    const sms = renderSms(defaultTemplate("login_code", "sms", "en"), SAMPLE_VALUES);

    expect(sms.text).toBe(
      "482913 is your Chauffage Dupré Services login code. It expires in 10 minutes. Our staff will never ask you for it.",
    );
    expect(sms.length).toEqual({ encoding: "GSM-7", characters: 114, units: 114, segments: 1 });
  });

  it("reads in French", () => {
    const sms = renderSms(defaultTemplate("login_code", "sms", "fr"), SAMPLE_VALUES);

    expect(sms.text).toBe(
      "482913 est votre code de connexion Chauffage Dupré Services. Il expire dans 10 minutes. " +
        "Nos équipes ne vous le demanderont jamais.",
    );
    expect(sms.length).toEqual({ encoding: "GSM-7", characters: 130, units: 130, segments: 1 });
  });

  it("fits one SMS with a longer company name", () => {
    const values = { ...SAMPLE_VALUES, "bu.name": "Plomberie Chauffage Dupré et Fils" };
    for (const language of LANGUAGES) {
      const sms = renderSms(defaultTemplate("login_code", "sms", language), values);

      expect(sms.length.units, language).toBeLessThanOrEqual(160);
      expect(sms.length.segments, language).toBe(1);
    }
  });

  it("states the lifetime and that staff never ask", () => {
    expect(defaultTemplate("login_code", "sms", "en").body).toContain("expires in {code.minutes} minutes");
    expect(defaultTemplate("login_code", "sms", "en").body).toContain("will never ask");
    expect(defaultTemplate("login_code", "sms", "fr").body).toContain("expire dans {code.minutes} minutes");
    expect(defaultTemplate("login_code", "sms", "fr").body).toContain("ne vous le demanderont jamais");
  });
});

describe("visit times in default messages", () => {
  it("shows Paris time in French messages", () => {
    const values = valuesAt("2026-06-10T07:00:00Z", "fr");
    const sms = renderSms(defaultTemplate("appointment_booked", "sms", "fr"), values);
    const email = renderEmail(defaultTemplate("appointment_booked", "email", "fr"), values, "fr");

    expect(sms.text).toBe(
      "Chauffage Dupré Services : votre rendez-vous du mercredi 10 juin 2026 à 09:00 (heure de Paris) est confirmé.\n" +
        "Détails : https://portail.example.fr/a/A-2026-0042",
    );
    expect(email.text).toContain("10 juin 2026 à 09:00 (heure de Paris)");
    expect(email.html).toContain("10 juin 2026 à 09:00 (heure de Paris)");
  });

  it("adds UK time in English messages", () => {
    const values = valuesAt("2026-06-10T07:00:00Z", "en", "Europe/London");
    const email = renderEmail(defaultTemplate("appointment_reminder", "email", "en"), values, "en");
    const sms = renderSms(defaultTemplate("appointment_reminder", "sms", "en"), values);

    expect(email.text).toContain("Date: Wednesday 10 June 2026 at 09:00 Paris time (08:00 UK time)");
    expect(sms.text).toContain("09:00 Paris time (08:00 UK time)");
  });

  it("uses the 24-hour clock in French", () => {
    const values = valuesAt("2026-06-10T12:30:00Z", "fr");
    const email = renderEmail(defaultTemplate("appointment_moved", "email", "fr"), values, "fr");
    const sms = renderSms(defaultTemplate("appointment_moved", "sms", "fr"), values);

    expect(email.text).toContain("Date\u00a0: mercredi 10 juin 2026 à 14:30 (heure de Paris)");
    expect(sms.text).toContain("mercredi 10 juin 2026 à 14:30 (heure de Paris)");
    expect(`${email.subject}${email.text}${sms.text}`).not.toMatch(/\b(AM|PM)\b/i);
  });

  it("uses the 12-hour clock in US English", () => {
    const values = valuesAt("2026-06-10T12:30:00Z", "en", undefined, "en-US");
    const email = renderEmail(defaultTemplate("appointment_booked", "email", "en"), values, "en");

    expect(email.subject).toBe("Appointment confirmed: Wednesday, June 10, 2026");
    expect(email.text).toContain("Date: Wednesday, June 10, 2026 at 2:30 PM Paris time");
  });

  it("renders a whole booking email", () => {
    const values = {
      ...SAMPLE_VALUES,
      ...visitTimeValues({
        start: "2026-06-10T07:00:00Z",
        visitZone: "Europe/Paris",
        language: "fr",
        window: { start: "2026-06-10T07:00:00Z", end: "2026-06-10T09:00:00Z" },
      }),
    };
    const email = renderEmail(defaultTemplate("appointment_booked", "email", "fr"), values, "fr");

    expect(email.subject).toBe("Rendez-vous confirmé\u00a0: mercredi 10 juin 2026");
    expect(email.text).toBe(
      [
        "Bonjour Léa Dupré,",
        "",
        "Votre rendez-vous est confirmé.",
        "",
        "Intervention\u00a0: Entretien chaudière",
        "Date\u00a0: mercredi 10 juin 2026 à 09:00 (heure de Paris)",
        "Arrivée prévue\u00a0: entre 09:00 et 11:00 (heure de Paris)",
        "Adresse\u00a0: 12 rue des Lilas, 75011 Paris",
        "Référence\u00a0: A-2026-0042",
        "",
        "Retrouvez ce rendez-vous sur votre espace client\u00a0: https://portail.example.fr/a/A-2026-0042",
        "",
        "Cordialement,",
        "Chauffage Dupré Services",
        "01 23 45 67 89",
        "contact@chauffage-dupre.fr",
      ].join("\n"),
    );
    expect(email.html).toContain(
      '<a href="https://portail.example.fr/a/A-2026-0042">https://portail.example.fr/a/A-2026-0042</a>',
    );
  });
});
