import { createHash } from "node:crypto";
import { isPlausibleEmail, normalizeEmail } from "./email.js";
import { normalizePhone, type PhoneProblemReason, phoneLookupCandidates } from "./phone.js";

/**
 * What a customer types to sign in to the portal: an email address or a phone number, read as
 * the customer records store them (lower-cased email, E.164 number).
 */
export type LoginIdentifier =
  | { kind: "email"; value: string }
  /** Every E.164 number the typed number may stand for in the portal's countries; the first is the key. */
  | { kind: "phone"; value: string; candidates: string[] };

export type LoginIdentifierProblem = "empty" | "invalid_email" | "missing_trunk_prefix" | "invalid_phone";

export type LoginIdentifierResult =
  | { ok: true; identifier: LoginIdentifier }
  | { ok: false; problem: LoginIdentifierProblem; message: string };

/** Maximum identifier length; longer input is no address or number anyway. */
const MAX_LENGTH = 320;

/**
 * Reads a typed identifier. Anything with an @ is an email address; anything else must be a full
 * phone number of one of `countries` (national numbers need their trunk prefix, so
 * `612345678` is refused with a request for the full number).
 */
export function parseLoginIdentifier(raw: string, countries: readonly string[]): LoginIdentifierResult {
  const typed = raw.normalize("NFKC").trim();
  if (typed === "") return problem("empty", "Type your email address or mobile phone number.");
  if (typed.length > MAX_LENGTH || typed.includes("@")) {
    const email = normalizeEmail(raw);
    return isPlausibleEmail(email)
      ? { ok: true, identifier: { kind: "email", value: email } }
      : problem("invalid_email", `"${typed.slice(0, 80)}" is not a valid email address.`);
  }
  const candidates = phoneLookupCandidates(typed, countries);
  const [first] = candidates;
  if (first !== undefined) return { ok: true, identifier: { kind: "phone", value: first, candidates } };
  const reasons = countries.map((country) => phoneReason(typed, country));
  if (reasons.includes("missing_trunk_prefix")) {
    return problem(
      "missing_trunk_prefix",
      `"${typed}" is incomplete: type the full number, starting with 0 or with + and the country code.`,
    );
  }
  return problem("invalid_phone", `"${typed.slice(0, 80)}" is not a valid email address or phone number.`);
}

/** Returns the SHA-256 key of an identifier, computed as the database's `portal_identifier_hash` computes it. */
export function loginIdentifierHash(kind: "email" | "phone", value: string): string {
  return createHash("sha256").update(`${kind}:${value}`, "utf8").digest("hex");
}

/** Returns every hash under which the identifier's customers may be found. */
export function loginIdentifierHashes(identifier: LoginIdentifier): string[] {
  return identifier.kind === "email"
    ? [loginIdentifierHash("email", identifier.value)]
    : identifier.candidates.map((number) => loginIdentifierHash("phone", number));
}

function phoneReason(typed: string, country: string): PhoneProblemReason | undefined {
  const result = normalizePhone(typed, { country });
  return result.ok ? undefined : result.reason;
}

function problem(kind: LoginIdentifierProblem, message: string): LoginIdentifierResult {
  return { ok: false, problem: kind, message };
}
