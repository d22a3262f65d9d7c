import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  renderEmail,
  renderSms,
  renderTemplate,
  type TemplateValues,
  textToHtml,
} from "../../../src/domain/notifications/index.js";

const plain = { html: false };
const html = { html: true };

describe("renderTemplate text", () => {
  it("fills replacement codes", () => {
    const text = renderTemplate(
      "Bonjour {customer.name}, code {code} valable {code.minutes} minutes.",
      { "customer.name": "Léa Dupré", code: "482913", "code.minutes": 10 },
      plain,
    );

    expect(text).toBe("Bonjour Léa Dupré, code 482913 valable 10 minutes.");
  });

  it("renders missing, null and unknown codes as empty", () => {
    const values = { "customer.name": null, "bu.name": undefined, code: "1" } as unknown as TemplateValues;
    const text = renderTemplate(
      "A{customer.name}B{bu.name}C{activity.worker}D{client.nom}E{code}",
      values,
      plain,
    );

    expect(text).toBe("ABCDE1");
  });

  it("never renders a raw code", () => {
    const text = renderTemplate(
      "Bonjour {customer.name} ({activity.reference})",
      { "activity.reference": "A-42" },
      plain,
    );

    expect(text).toBe("Bonjour  (A-42)");
  });

  it("ignores inherited properties of the values", () => {
    const text = renderTemplate("x{constructor}y{toString}z{code}", { code: "1" }, plain);

    expect(text).toBe("xyz1");
  });

  it("writes doubled braces as literal braces", () => {
    const text = renderTemplate("{{literal}} {{{customer.name}}} }}", { "customer.name": "Léa" }, plain);

    expect(text).toBe("{literal} {Léa} }");
  });

  it("keeps a lone brace as written", () => {
    expect(renderTemplate("a { b } c {code}", { code: "1" }, plain)).toBe("a  c 1");
    expect(renderTemplate("a { b", {}, plain)).toBe("a { b");
    expect(renderTemplate("a } b", {}, plain)).toBe("a } b");
  });

  it("drops a one-line template whose codes are all empty", () => {
    expect(renderTemplate("Bonjour {customer.name} ({activity.reference})", {}, plain)).toBe("");
  });

  it("drops a line whose codes are all empty", () => {
    const template = [
      "Bonjour {customer.name},",
      "",
      "Intervenant : {activity.worker}",
      "Adresse : {activity.address}",
      "Date : {activity.date} à {activity.time}",
      "",
      "{bu.name}",
      "{bu.phone}",
      "{bu.email}",
    ].join("\n");
    const text = renderTemplate(
      template,
      {
        "customer.name": "Léa Dupré",
        "activity.address": "12 rue des Lilas",
        "activity.date": "mercredi 10 juin 2026",
        "bu.name": "Chauffage Dupré",
        "bu.email": "contact@example.fr",
      },
      plain,
    );

    expect(text).toBe(
      [
        "Bonjour Léa Dupré,",
        "",
        "Adresse : 12 rue des Lilas",
        "Date : mercredi 10 juin 2026 à ",
        "",
        "Chauffage Dupré",
        "contact@example.fr",
      ].join("\n"),
    );
  });

  it("collapses blank lines left by dropped lines", () => {
    const text = renderTemplate("Bonjour\n\n{activity.worker}\n\nFin\n\n{bu.phone}\n", {}, plain);

    expect(text).toBe("Bonjour\n\nFin");
  });

  it("keeps lines without codes", () => {
    expect(renderTemplate("a\n\n\nb\n", {}, plain)).toBe("a\n\nb");
  });

  it("normalizes Windows line breaks", () => {
    expect(renderTemplate("a\r\n{bu.name}\r\nb", { "bu.name": "X\r\nY" }, plain)).toBe("a\nX\nY\nb");
  });

  it("strips control and bidirectional characters from values", () => {
    const text = renderTemplate(
      "{customer.name}",
      { "customer.name": "Lé\u0000a\u0007 \u202eDupré\u202c\tX\u0085" },
      plain,
    );

    expect(text).toBe("Léa Dupré\tX");
  });
});

describe("renderTemplate HTML", () => {
  it("escapes values", () => {
    const result = renderTemplate(
      "Bonjour {customer.name}",
      { "customer.name": `<script>alert("x")</script> & O'Brien` },
      html,
    );

    expect(result).toBe("<p>Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien</p>");
  });

  it("escapes template text", () => {
    expect(renderTemplate("<b>Gras</b> & {bu.name}", { "bu.name": "A&B" }, html)).toBe(
      "<p>&lt;b&gt;Gras&lt;/b&gt; &amp; A&amp;B</p>",
    );
  });

  it("makes paragraphs, line breaks and links", () => {
    const result = renderTemplate(
      "Bonjour,\n\nVotre espace : {portal.link}.\nÀ bientôt\n\n\n{bu.name}",
      { "portal.link": "https://portail.example.fr/a/42?x=1&y=2", "bu.name": "Dupré" },
      html,
    );

    expect(result).toBe(
      [
        "<p>Bonjour,</p>",
        '<p>Votre espace : <a href="https://portail.example.fr/a/42?x=1&amp;y=2">https://portail.example.fr/a/42?x=1&amp;y=2</a>.<br>',
        "À bientôt</p>",
        "<p>Dupré</p>",
      ].join("\n"),
    );
  });

  it("renders literal braces in HTML", () => {
    expect(renderTemplate("{{x}}", {}, html)).toBe("<p>{x}</p>");
  });
});

describe("textToHtml links", () => {
  it("leaves closing punctuation out of a link", () => {
    expect(textToHtml("Voir https://a.example/x, puis (https://b.example/y).")).toBe(
      '<p>Voir <a href="https://a.example/x">https://a.example/x</a>, puis (<a href="https://b.example/y">https://b.example/y</a>).</p>',
    );
  });

  it("keeps a bracket that belongs to the address", () => {
    expect(textToHtml("https://a.example/wiki/Paris_(France)")).toBe(
      '<p><a href="https://a.example/wiki/Paris_(France)">https://a.example/wiki/Paris_(France)</a></p>',
    );
  });

  it("links only http and https", () => {
    expect(textToHtml("javascript:alert(1) mailto:a@b.fr ftp://x.fr")).toBe(
      "<p>javascript:alert(1) mailto:a@b.fr ftp://x.fr</p>",
    );
  });

  it("stops an address at a quote", () => {
    expect(textToHtml('https://a.example/"onmouseover="x')).toBe(
      '<p><a href="https://a.example/">https://a.example/</a>&quot;onmouseover=&quot;x</p>',
    );
  });

  it("returns nothing for blank text", () => {
    expect(textToHtml(" \n\n ")).toBe("");
  });

  it("escapes the five HTML characters", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
  });
});

describe("renderEmail", () => {
  it("renders subject, text and an HTML document", () => {
    const email = renderEmail(
      { subject: "Rendez-vous : {activity.date}", body: "Bonjour {customer.name},\n\nÀ bientôt." },
      { "activity.date": "mercredi 10 juin 2026", "customer.name": "Léa <Dupré>" },
      "fr",
    );

    expect(email).toEqual({
      subject: "Rendez-vous : mercredi 10 juin 2026",
      text: "Bonjour Léa <Dupré>,\n\nÀ bientôt.",
      html: [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>Rendez-vous : mercredi 10 juin 2026</title>",
        "</head>",
        "<body>",
        "<p>Bonjour Léa &lt;Dupré&gt;,</p>",
        "<p>À bientôt.</p>",
        "</body>",
        "</html>",
        "",
      ].join("\n"),
    });
  });

  it("keeps the subject on one line", () => {
    const email = renderEmail(
      { subject: "Visite {activity.type}", body: "x" },
      { "activity.type": "Entretien\r\nBcc: victim@example.com" },
      "fr",
    );

    expect(email.subject).toBe("Visite Entretien Bcc: victim@example.com");
  });

  it("keeps a subject whose codes are empty", () => {
    const email = renderEmail({ subject: "Rendez-vous : {activity.date}", body: "x" }, {}, "fr");

    expect(email.subject).toBe("Rendez-vous :");
  });
});

describe("renderSms", () => {
  it("measures the rendered text", () => {
    const sms = renderSms({ body: "{code} est votre code." }, { code: "482913" });

    expect(sms).toEqual({
      text: "482913 est votre code.",
      length: { encoding: "GSM-7", characters: 22, units: 22, segments: 1 },
    });
  });
});
