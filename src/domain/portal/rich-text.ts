import { escapeHtml } from "../notifications/html.js";

/**
 * Basic formatting of texts that staff write for customers, such as the portal's information:
 *
 * - a blank line separates paragraphs, and a single line break becomes `<br>`;
 * - `**bold**` and `*italic*`, which may nest;
 * - lines starting with `- ` form a bulleted list;
 * - `[text](url)` is a link when the address starts with `https://`, `http://`, `mailto:` or `tel:`.
 *
 * Everything else, HTML included, is escaped and shows as typed. The output is safe by
 * construction: its only tags and attributes are the fixed ones written below, and every piece of
 * the source reaches it through `escapeHtml`.
 */

/** Maximum length of a source text, in UTF-16 code units. */
export const MAX_RICH_TEXT_LENGTH = 5000;

const LINK = /^\[([^\]\n]+)\]\(([^\s)]+)\)/;
const LINK_SCHEMES = ["https://", "http://", "mailto:", "tel:"];

/**
 * Renders a source text as an HTML fragment of `<p>` and `<ul>` blocks, one per line of output.
 * A source longer than `MAX_RICH_TEXT_LENGTH` is rendered up to that length only; the settings
 * schema rejects such texts before they are stored.
 */
export function renderRichText(source: string): string {
  const text = source.replace(/\r\n?/g, "\n").slice(0, MAX_RICH_TEXT_LENGTH);
  const blocks = text
    .split(/\n[ \t]*\n/)
    .map((block) => block.split("\n").map((line) => line.trim()))
    .map((lines) => lines.filter((line) => line !== ""))
    .filter((lines) => lines.length > 0);
  return blocks.flatMap(renderBlock).join("\n");
}

/** Splits a block into runs of list lines and of text lines, each run one HTML element. */
function renderBlock(lines: string[]): string[] {
  const elements: string[] = [];
  let run: string[] = [];
  let runIsList = false;
  const flush = () => {
    if (run.length === 0) return;
    elements.push(
      runIsList
        ? `<ul>\n${run.map((item) => `<li>${renderInline(item.slice(2), true)}</li>`).join("\n")}\n</ul>`
        : `<p>${run.map((line) => renderInline(line, true)).join("<br>\n")}</p>`,
    );
    run = [];
  };
  for (const line of lines) {
    const isListItem = line.startsWith("- ") || line === "-";
    if (isListItem !== runIsList) flush();
    runIsList = isListItem;
    run.push(isListItem && line === "-" ? "- " : line);
  }
  flush();
  return elements;
}

/** Renders the emphasis and links of one line; link text may hold emphasis but no other link. */
function renderInline(text: string, allowLinks: boolean): string {
  let html = "";
  let literal = "";
  const emit = (markup: string) => {
    html += escapeHtml(literal) + markup;
    literal = "";
  };

  let index = 0;
  while (index < text.length) {
    if (allowLinks && text[index] === "[") {
      const link = LINK.exec(text.slice(index));
      if (link && isAllowedLinkTarget(link[2] as string)) {
        const [whole, label, url] = link as unknown as [string, string, string];
        emit(`<a href="${escapeHtml(url)}" rel="noopener noreferrer">${renderInline(label, false)}</a>`);
        index += whole.length;
        continue;
      }
    }

    if (text.startsWith("**", index)) {
      const close = findClosing(text, index + 2, "**");
      if (close !== -1) {
        emit(`<strong>${renderInline(text.slice(index + 2, close), allowLinks)}</strong>`);
        index = close + 2;
        continue;
      }
      literal += "**";
      index += 2;
      continue;
    }

    if (text[index] === "*") {
      const close = findClosing(text, index + 1, "*");
      if (close !== -1) {
        emit(`<em>${renderInline(text.slice(index + 1, close), allowLinks)}</em>`);
        index = close + 1;
        continue;
      }
    }

    literal += text[index];
    index += 1;
  }
  emit("");
  return html;
}

/**
 * Returns the position of the marker that closes one opened just before `start`, or -1. The
 * opener must be followed by a non-space character, and the closer preceded by one, so that
 * `2 * 3 * 4` stays as typed. A single `*` skips `**` pairs, which belong to bold text inside it.
 * For `***`, bold closes on the last two stars, so `***both***` is bold and italic.
 */
function findClosing(text: string, start: number, marker: "*" | "**"): number {
  if (start >= text.length || /\s/.test(text[start] as string)) return -1;
  let index = start + 1;
  while (index < text.length) {
    if (marker === "*" && text.startsWith("**", index)) {
      index += 2;
      continue;
    }
    if (text.startsWith(marker, index) && !/\s/.test(text[index - 1] as string)) {
      if (marker === "**" && text[index + 2] === "*") return index + 1;
      return index;
    }
    index += 1;
  }
  return -1;
}

/** Only web, email and phone links; `javascript:`, `data:` and relative addresses stay plain text. */
function isAllowedLinkTarget(url: string): boolean {
  const lower = url.toLowerCase();
  return LINK_SCHEMES.some((scheme) => lower.startsWith(scheme) && lower.length > scheme.length);
}
