/**
 * HTML from the plain text of an email. Everything is escaped, so a template or a value can never
 * add markup. Blank lines separate paragraphs, single line breaks become `<br>`, and http(s)
 * addresses become links, including addresses inside values. Other schemes stay plain text.
 */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes `&`, `<`, `>`, `"` and `'`, which is enough for text content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] as string);
}

/** An http(s) address up to the next space, angle bracket or quote. */
const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/** Punctuation that ends a sentence after an address rather than belonging to it. */
const TRAILING_PUNCTUATION = /[.,;:!?»)\]]+$/;

/** Converts plain text to an HTML fragment of `<p>` paragraphs. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n(?:[ \t]*\n)+/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ""))
    .filter((paragraph) => paragraph.trim() !== "");
  return paragraphs
    .map((paragraph) => `<p>${paragraph.split("\n").map(lineToHtml).join("<br>\n")}</p>`)
    .join("\n");
}

function lineToHtml(line: string): string {
  let html = "";
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = trimTrailingPunctuation(match[0]);
    html += escapeHtml(line.slice(last, match.index));
    html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(line.slice(last));
}

/** Removes closing punctuation, but keeps a `)` that closes a `(` inside the address. */
function trimTrailingPunctuation(url: string): string {
  let trimmed = url.replace(TRAILING_PUNCTUATION, "");
  const tail = url.slice(trimmed.length);
  if (tail.startsWith(")") && count(trimmed, "(") > count(trimmed, ")")) trimmed += ")";
  return trimmed;
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}
