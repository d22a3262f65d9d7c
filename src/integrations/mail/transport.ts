import type { MessageAttachment } from "../../db/schema/messages.js";

export interface OutgoingEmail {
  /** The outbox row's id: used as the Message-ID, so a resend after a crash can be recognised. */
  id: string;
  to: string;
  from: { name: string; address: string };
  subject: string;
  text: string;
  html?: string | undefined;
  attachments: MessageAttachment[];
}

export interface OutgoingSms {
  id: string;
  /** E.164 number. */
  to: string;
  /** Sender name or number shown to the recipient. */
  sender: string;
  text: string;
}

export interface SendResult {
  providerMessageId: string | null;
}

/** A way out for emails. `name` is recorded on each message. */
export interface EmailTransport {
  readonly name: string;
  /** Whether sensitive content (login codes) stays readable in the outbox after sending. */
  readonly keepsContent: boolean;
  send(email: OutgoingEmail): Promise<SendResult>;
  close?(): Promise<void>;
}

export interface SmsTransport {
  readonly name: string;
  readonly keepsContent: boolean;
  send(sms: OutgoingSms): Promise<SendResult>;
}

/** A failure that retrying cannot fix (a refused address, a number the gateway rejects). */
export class PermanentSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentSendError";
  }
}
