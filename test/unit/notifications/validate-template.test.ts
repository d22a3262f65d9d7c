import { describe, expect, it } from "vitest";
import {
  EVENT_CODES,
  listReplacementCodes,
  MAX_SMS_BODY_LENGTH,
  type NotificationEvent,
  templateProblemMessage,
  validateTemplate,
} from "../../../src/domain/notifications/index.js";

const BOOKED_CODES =
  "{customer.name}, {customer.first_name}, {portal.url}, {activity.reference}, {activity.type}, " +
  "{activity.date}, {activity.time}, {activity.window}, {activity.address}, {activity.worker}, " +
  "{portal.link}, {bu.name}, {bu.phone}, {bu.email}, {organization.name}";

describe("validateTemplate codes", () => {
  it("accepts a template using allowed codes", () => {
    const problems = validateTemplate("appointment_booked", "email", {
      subject: "Rendez-vous le {activity.date}",
      body: "Bonjour {customer.name},\nÀ {activity.time}, {{pas un code}}.",
    });

    expect(problems).toEqual([]);
  });

  it("reports an unknown code with a suggestion", () => {
    const problems = validateTemplate("appointment_booked", "email", {
      subject: "Rendez-vous",
      body: "Bonjour,\nMadame {customer.nom}",
    });

    expect(problems).toEqual([
      {
        code: "unknown_replacement_code",
        severity: "error",
        part: "body",
        offset: 16,
        line: 2,
        column: 8,
        params: {
          name: "customer.nom",
          allowed: EVENT_CODES.appointment_booked,
          suggestion: "customer.name",
        },
        message:
          "Unknown replacement code {customer.nom} at line 2, column 8 of the body. Did you mean {customer.name}? " +
          `Use one of ${BOOKED_CODES}.`,
      },
    ]);
  });

  it("translates the unknown code problem to French", () => {
    const [problem] = validateTemplate("appointment_booked", "sms", { body: "Bonjour {customer.nom}" });

    expect(problem).toBeDefined();
    expect(templateProblemMessage(problem!, "fr")).toBe(
      "Code de remplacement inconnu {customer.nom}, ligne 1, colonne 9 du texte. " +
        "Vouliez-vous dire {customer.name}\u00a0? " +
        `Utilisez l'un de ces codes\u00a0: ${BOOKED_CODES}.`,
    );
  });

  it("reports an unknown code without a close match", () => {
    const [problem] = validateTemplate("appointment_booked", "sms", { body: "{client.telephone}" });

    expect(problem?.code).toBe("unknown_replacement_code");
    expect(problem?.params).toEqual({ name: "client.telephone", allowed: EVENT_CODES.appointment_booked });
    expect(problem?.message).toBe(
      `Unknown replacement code {client.telephone} at line 1, column 1 of the body. Use one of ${BOOKED_CODES}.`,
    );
  });

  it("suggests a known code that the event does not allow", () => {
    const [problem] = validateTemplate("login_code", "sms", { body: "Code {code}, {customer.nme}" });

    expect(problem?.params).toEqual({
      name: "customer.nme",
      allowed: EVENT_CODES.login_code,
      suggestion: "customer.name",
    });
  });

  it("reports a code the event does not allow", () => {
    const problems = validateTemplate("appointment_booked", "email", {
      subject: "Votre code {code}",
      body: "Bonjour",
    });

    expect(problems).toEqual([
      {
        code: "replacement_code_not_allowed",
        severity: "error",
        part: "subject",
        offset: 11,
        line: 1,
        column: 12,
        params: { name: "code", event: "appointment_booked", allowed: EVENT_CODES.appointment_booked },
        message:
          "Replacement code {code} at line 1, column 12 of the subject is not available in appointment_booked " +
          `messages. Use one of ${BOOKED_CODES}.`,
      },
    ]);
  });

  it("translates the not-allowed problem to French", () => {
    const [problem] = validateTemplate("staff_invitation", "sms", { body: "{code}" });

    expect(templateProblemMessage(problem!, "fr")).toBe(
      "Le code de remplacement {code}, ligne 1, colonne 1 du texte, n'est pas disponible dans les messages " +
        "staff_invitation. Utilisez l'un de ces codes\u00a0: {user.name}, {invitation.url}, {organization.name}, {bu.name}.",
    );
  });

  it("reports a code written with spaces and capitals", () => {
    const [problem] = validateTemplate("appointment_booked", "sms", { body: "Bonjour { Customer.Name }" });

    expect(problem).toEqual({
      code: "invalid_replacement_code",
      severity: "error",
      part: "body",
      offset: 8,
      line: 1,
      column: 9,
      params: { text: " Customer.Name ", suggestion: "customer.name" },
      message:
        "Invalid replacement code { Customer.Name } at line 1, column 9 of the body: write codes in lower case " +
        "without spaces, such as {customer.name}. Did you mean {customer.name}? Write {{ and }} for literal braces.",
    });
  });

  it("reports an empty code", () => {
    const [problem] = validateTemplate("appointment_booked", "sms", { body: "Bonjour {}" });

    expect(problem?.code).toBe("invalid_replacement_code");
    expect(problem?.params).toEqual({ text: "" });
  });

  it("checks every event's allowed codes", () => {
    const events = Object.keys(EVENT_CODES) as NotificationEvent[];
    for (const event of events) {
      const body = EVENT_CODES[event].map((code) => `{${code}}`).join(" ");

      expect(validateTemplate(event, "sms", { body }), event).toEqual([]);
    }
  });

  it("lists the codes a template uses", () => {
    expect(listReplacementCodes("{a.b} {{x}} {customer.name} {a.b}")).toEqual(["a.b", "customer.name"]);
  });
});

describe("validateTemplate braces", () => {
  it("reports an unclosed brace", () => {
    const problems = validateTemplate("appointment_booked", "sms", { body: "Bonjour {customer.name" });

    expect(problems).toEqual([
      {
        code: "unclosed_brace",
        severity: "error",
        part: "body",
        offset: 8,
        line: 1,
        column: 9,
        params: {},
        message:
          "Unclosed brace at line 1, column 9 of the body. End the replacement code with } on the same line, " +
          "or write {{ for a literal {.",
      },
    ]);
  });

  it("reports a code that runs across lines", () => {
    const problems = validateTemplate("appointment_booked", "sms", { body: "{customer.\nname}" });

    expect(problems.map((problem) => [problem.code, problem.line, problem.column])).toEqual([
      ["unclosed_brace", 1, 1],
      ["unmatched_closing_brace", 2, 5],
    ]);
  });

  it("reports a brace opened inside a code", () => {
    const problems = validateTemplate("appointment_booked", "sms", { body: "{customer.{name}" });

    expect(problems.map((problem) => [problem.code, problem.offset])).toEqual([
      ["unclosed_brace", 0],
      ["unknown_replacement_code", 10],
    ]);
  });

  it("reports an unmatched closing brace", () => {
    const [problem] = validateTemplate("appointment_booked", "sms", { body: "Prix } 10" });

    expect(problem).toEqual({
      code: "unmatched_closing_brace",
      severity: "error",
      part: "body",
      offset: 5,
      line: 1,
      column: 6,
      params: {},
      message:
        "Closing brace without an opening brace at line 1, column 6 of the body. Write }} for a literal }.",
    });
    expect(templateProblemMessage(problem!, "fr")).toBe(
      "Accolade fermante sans accolade ouvrante, ligne 1, colonne 6 du texte. Écrivez }} pour une accolade } littérale.",
    );
  });

  it("accepts doubled braces as literal braces", () => {
    expect(validateTemplate("appointment_booked", "sms", { body: "{{ }} {{{customer.name}}}" })).toEqual([]);
  });

  it("warns about a code inside doubled braces", () => {
    const problems = validateTemplate("appointment_booked", "sms", { body: "Bonjour {{customer.name}}" });

    expect(problems).toEqual([
      {
        code: "escaped_replacement_code",
        severity: "warning",
        part: "body",
        offset: 8,
        line: 1,
        column: 9,
        params: { name: "customer.name" },
        message:
          "{{customer.name}} at line 1, column 9 of the body shows the text {customer.name} instead of its value, " +
          "because {{ and }} are literal braces. Write {customer.name} to insert the value.",
      },
    ]);
  });

  it("lists problems in text order", () => {
    const problems = validateTemplate("appointment_booked", "sms", { body: "} {x.y} {code} {" });

    expect(problems.map((problem) => [problem.code, problem.offset])).toEqual([
      ["unmatched_closing_brace", 0],
      ["unknown_replacement_code", 2],
      ["replacement_code_not_allowed", 8],
      ["unclosed_brace", 15],
    ]);
  });
});

describe("validateTemplate parts", () => {
  it("requires an email subject", () => {
    const problems = validateTemplate("appointment_booked", "email", { subject: "  ", body: "Bonjour" });

    expect(problems).toEqual([
      {
        code: "missing_subject",
        severity: "error",
        part: "subject",
        params: {},
        message: "The email subject is missing. Write a subject.",
      },
    ]);
    expect(templateProblemMessage(problems[0]!, "fr")).toBe(
      "L'objet de l'e-mail est manquant. Saisissez un objet.",
    );
  });

  it("rejects a subject for an SMS", () => {
    const [problem] = validateTemplate("appointment_booked", "sms", { subject: "Objet", body: "Bonjour" });

    expect(problem?.code).toBe("subject_not_allowed");
    expect(problem?.params).toEqual({ channel: "sms" });
    expect(problem?.message).toBe(
      "An SMS has no subject. Remove the subject and put its text in the message.",
    );
  });

  it("rejects an empty body", () => {
    const [problem] = validateTemplate("appointment_booked", "sms", { body: " \n " });

    expect(problem?.code).toBe("empty_body");
    expect(problem?.message).toBe("The message text is empty. Write the text to send.");
  });

  it("rejects a line break in the subject", () => {
    const [problem] = validateTemplate("appointment_booked", "email", {
      subject: "Bonjour\nBcc: x",
      body: "Texte",
    });

    expect(problem).toMatchObject({
      code: "line_break_in_subject",
      part: "subject",
      offset: 7,
      line: 1,
      column: 8,
    });
    expect(problem?.message).toBe(
      "The subject contains a line break at column 8. Write the subject on one line.",
    );
    expect(templateProblemMessage(problem!, "fr")).toBe(
      "L'objet contient un saut de ligne à la colonne 8. Écrivez l'objet sur une seule ligne.",
    );
  });

  it("rejects a body over the maximum length", () => {
    const body = "a".repeat(MAX_SMS_BODY_LENGTH + 1);
    const [problem] = validateTemplate("appointment_booked", "sms", { body });

    expect(problem).toEqual({
      code: "too_long",
      severity: "error",
      part: "body",
      params: { length: 1001, max: 1000 },
      message: "The body has 1001 characters, more than the maximum of 1000. Shorten it.",
    });
    expect(templateProblemMessage(problem!, "fr")).toBe(
      "Le texte compte 1001 caractères, plus que le maximum de 1000. Raccourcissez-le.",
    );
  });

  it("rejects an unknown event", () => {
    expect(() =>
      validateTemplate("invoice_sent" as NotificationEvent, "email", { subject: "a", body: "b" }),
    ).toThrow('Unknown notification event "invoice_sent".');
  });
});
