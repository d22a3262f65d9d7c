import { describe, expect, it } from "vitest";
import { MAX_RICH_TEXT_LENGTH, renderRichText } from "../../../src/domain/portal/rich-text.js";

describe("renderRichText blocks", () => {
  it("renders nothing for blank text", () => {
    expect(renderRichText("  \n\n \t\n")).toBe("");
  });

  it("separates paragraphs at blank lines", () => {
    expect(renderRichText("First\n\n\nSecond\r\n \r\nThird")).toBe(
      "<p>First</p>\n<p>Second</p>\n<p>Third</p>",
    );
  });

  it("turns single line breaks into br", () => {
    expect(renderRichText("1 Rue de Rivoli\n75001 Paris")).toBe("<p>1 Rue de Rivoli<br>\n75001 Paris</p>");
  });

  it("renders dash lines as a list", () => {
    expect(renderRichText("We offer:\n- repairs\n- **yearly** service\nCall us.")).toBe(
      "<p>We offer:</p>\n<ul>\n<li>repairs</li>\n<li><strong>yearly</strong> service</li>\n</ul>\n<p>Call us.</p>",
    );
  });

  it("keeps a dash without space as text", () => {
    expect(renderRichText("-5 % on repairs")).toBe("<p>-5 % on repairs</p>");
  });

  it("renders only the maximum length", () => {
    const rendered = renderRichText(`${"a".repeat(MAX_RICH_TEXT_LENGTH)}TAIL`);

    expect(rendered).toBe(`<p>${"a".repeat(MAX_RICH_TEXT_LENGTH)}</p>`);
  });
});

describe("renderRichText emphasis", () => {
  it("renders bold and italic", () => {
    expect(renderRichText("**Open** on *Saturdays*")).toBe(
      "<p><strong>Open</strong> on <em>Saturdays</em></p>",
    );
  });

  it("nests italic inside bold", () => {
    expect(renderRichText("**bold *and italic* text**")).toBe(
      "<p><strong>bold <em>and italic</em> text</strong></p>",
    );
  });

  it("nests bold inside italic", () => {
    expect(renderRichText("*italic **and bold** text*")).toBe(
      "<p><em>italic <strong>and bold</strong> text</em></p>",
    );
  });

  it("renders triple stars as both", () => {
    expect(renderRichText("***both***")).toBe("<p><strong><em>both</em></strong></p>");
  });

  it("keeps unclosed markers as typed", () => {
    expect(renderRichText("**open and *half")).toBe("<p>**open and *half</p>");
  });

  it("keeps stars around spaces as typed", () => {
    expect(renderRichText("2 * 3 * 4 and ** x **")).toBe("<p>2 * 3 * 4 and ** x **</p>");
  });

  it("does not cross a line break", () => {
    expect(renderRichText("**first\nsecond**")).toBe("<p>**first<br>\nsecond**</p>");
  });
});

describe("renderRichText links", () => {
  it("links web, email and phone addresses", () => {
    expect(
      renderRichText(
        "[Site](https://durand.example/a?b=1&c=2) [Old](http://x.example) [Mail](mailto:a@b.example) [Call](tel:+33472000000)",
      ),
    ).toBe(
      '<p><a href="https://durand.example/a?b=1&amp;c=2" rel="noopener noreferrer">Site</a> ' +
        '<a href="http://x.example" rel="noopener noreferrer">Old</a> ' +
        '<a href="mailto:a@b.example" rel="noopener noreferrer">Mail</a> ' +
        '<a href="tel:+33472000000" rel="noopener noreferrer">Call</a></p>',
    );
  });

  it("keeps emphasis inside link text", () => {
    expect(renderRichText("[**Book** now](https://durand.example)")).toBe(
      '<p><a href="https://durand.example" rel="noopener noreferrer"><strong>Book</strong> now</a></p>',
    );
  });

  it("shows a javascript link as typed", () => {
    expect(renderRichText("[click](javascript:alert(1))")).toBe("<p>[click](javascript:alert(1))</p>");
  });

  it("shows a link in upper case scheme as typed", () => {
    expect(renderRichText("[x](JavaScript:alert(1))")).toBe("<p>[x](JavaScript:alert(1))</p>");
  });

  it("shows data and relative links as typed", () => {
    expect(renderRichText("[a](data:text/html,hi) [b](/admin) [c](https://)")).toBe(
      "<p>[a](data:text/html,hi) [b](/admin) [c](https://)</p>",
    );
  });

  it("escapes quotes in an address", () => {
    expect(renderRichText('[x](https://e.example/"onmouseover="alert(1))')).toBe(
      '<p><a href="https://e.example/&quot;onmouseover=&quot;alert(1" rel="noopener noreferrer">x</a>)</p>',
    );
  });

  it("escapes markup in link text", () => {
    expect(renderRichText("[<img src=x onerror=alert(1)>](https://e.example)")).toBe(
      '<p><a href="https://e.example" rel="noopener noreferrer">&lt;img src=x onerror=alert(1)&gt;</a></p>',
    );
  });
});

describe("renderRichText escaping", () => {
  it("shows a script tag as text", () => {
    expect(renderRichText("<script>alert('x')</script>")).toBe(
      "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>",
    );
  });

  it("escapes markup inside emphasis and lists", () => {
    expect(renderRichText('**<b>"bold"</b>**\n- <i>item</i> & more')).toBe(
      "<p><strong>&lt;b&gt;&quot;bold&quot;&lt;/b&gt;</strong></p>\n<ul>\n<li>&lt;i&gt;item&lt;/i&gt; &amp; more</li>\n</ul>",
    );
  });

  it("keeps existing entities as text", () => {
    expect(renderRichText("&lt;not a tag&gt;")).toBe("<p>&amp;lt;not a tag&amp;gt;</p>");
  });
});
