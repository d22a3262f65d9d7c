import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

// The value of `Algorithm.Argon2id`, a const enum that isolated modules cannot import.
const ARGON2ID = 2;

/** Keyed hashes of tokens, codes and identifiers, so the stored value cannot be reversed offline. */
export class SecretHasher {
  constructor(private readonly secretKey: string) {}

  hmac(purpose: string, value: string): string {
    return createHmac("sha256", this.secretKey).update(`${purpose}\u0000${value}`).digest("base64url");
  }

  equals(a: string, b: string): boolean {
    const left = Buffer.from(a);
    const right = Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
  }
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * argon2id with the OWASP-recommended minimum (19 MiB, 2 passes) in normal use; "low" is for
 * tests only, where hundreds of hashes would otherwise dominate the run time.
 */
export class PasswordHasher {
  private readonly options;

  constructor(cost: "normal" | "low") {
    this.options =
      cost === "low"
        ? { algorithm: ARGON2ID, memoryCost: 1024, timeCost: 1, parallelism: 1 }
        : { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  }
}

/** A password rule users can follow: length, not composition, as NIST SP 800-63B advises. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
