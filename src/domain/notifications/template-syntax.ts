/**
 * Syntax of message templates: `{customer.name}` inserts a replacement code, `{{` and `}}` write
 * literal braces. A replacement code ends on the line where it starts.
 */

/** Valid spelling of a replacement code: lower-case words joined by dots, e.g. `customer.first_name`. */
export const CODE_NAME_PATTERN = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$/;

export type TemplateToken =
  | { kind: "text"; text: string }
  /** A replacement code: `name` is the text between the braces as written, `offset` the position of `{`. */
  | { kind: "code"; name: string; offset: number };

export type SyntaxIssueKind = "unclosed_brace" | "unmatched_closing_brace" | "escaped_replacement_code";

export interface SyntaxIssue {
  kind: SyntaxIssueKind;
  /** UTF-16 offset of the brace in the template. */
  offset: number;
  /** For `escaped_replacement_code`, the code between `{{` and `}}`. */
  name?: string;
}

export interface ParsedTemplate {
  tokens: TemplateToken[];
  issues: SyntaxIssue[];
}

/** Matches `{{customer.name}}` at the start of the text, which shows the code literally. */
const ESCAPED_CODE = /^\{\{\s*([A-Za-z][\w.]*)\s*\}\}/;

/**
 * Splits a template into literal text and replacement codes. An unclosed `{` and an unmatched
 * `}` are reported and kept as literal text, so that rendering an invalid template loses nothing.
 */
export function parseTemplate(source: string): ParsedTemplate {
  const tokens: TemplateToken[] = [];
  const issues: SyntaxIssue[] = [];
  let text = "";
  const flushText = () => {
    if (text !== "") tokens.push({ kind: "text", text });
    text = "";
  };

  let index = 0;
  while (index < source.length) {
    const character = source[index];

    if (character === "{" && source[index + 1] === "{") {
      const escaped = ESCAPED_CODE.exec(source.slice(index));
      if (escaped)
        issues.push({ kind: "escaped_replacement_code", offset: index, name: escaped[1] as string });
      text += "{";
      index += 2;
      continue;
    }

    if (character === "{") {
      const close = source.indexOf("}", index + 1);
      const inside = close === -1 ? "" : source.slice(index + 1, close);
      if (close === -1 || inside.includes("{") || inside.includes("\n")) {
        issues.push({ kind: "unclosed_brace", offset: index });
        text += "{";
        index += 1;
        continue;
      }
      flushText();
      tokens.push({ kind: "code", name: inside, offset: index });
      index = close + 1;
      continue;
    }

    if (character === "}") {
      if (source[index + 1] === "}") {
        text += "}";
        index += 2;
        continue;
      }
      issues.push({ kind: "unmatched_closing_brace", offset: index });
    }

    text += character;
    index += 1;
  }
  flushText();
  return { tokens, issues };
}

/** Lists the replacement codes that a template uses, each once, in order of first use. */
export function listReplacementCodes(source: string): string[] {
  const names = parseTemplate(source).tokens.flatMap((token) => (token.kind === "code" ? [token.name] : []));
  return [...new Set(names)];
}
