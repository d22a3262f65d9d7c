import nodemailer, { type Transporter } from "nodemailer";
import { type EmailTransport, type OutgoingEmail, PermanentSendError, type SendResult } from "./transport.js";

/**
 * Email over SMTP with nodemailer. `smtp://user:pass@host:port` (STARTTLS when the server offers
 * it) or `smtps://…` for TLS from the start. The Message-ID is built from the outbox row's id, so
 * the rare resend after a crash between sending and recording carries the same id; SMTP itself
 * has no idempotency, so delivery is at least once.
 */
export class SmtpTransport implements EmailTransport {
  readonly name = "smtp";
  readonly keepsContent = false;
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly messageIdDomain: string,
    options: { timeoutMs?: number } = {},
  ) {
    const timeout = options.timeoutMs ?? 15_000;
    const address = new URL(url);
    this.transporter = nodemailer.createTransport({
      host: address.hostname,
      port: Number(address.port) || (address.protocol === "smtps:" ? 465 : 587),
      secure: address.protocol === "smtps:",
      ...(address.username
        ? { auth: { user: decodeURIComponent(address.username), pass: decodeURIComponent(address.password) } }
        : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(email: OutgoingEmail): Promise<SendResult> {
    const messageId = `<${email.id}@${this.messageIdDomain}>`;
    try {
      const info = await this.transporter.sendMail({
        messageId,
        from: { name: email.from.name, address: email.from.address },
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.html ? { html: email.html } : {}),
        attachments: email.attachments.map((attachment) => ({
          filename: attachment.fileName,
          content: attachment.content,
          contentType: attachment.contentType,
        })),
      });
      return { providerMessageId: info.messageId ?? messageId };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      // 5xx answers to the recipient or the data are final; 4xx and network errors are retried.
      if (code !== undefined && code >= 500 && code < 600) {
        throw new PermanentSendError(`The mail server refused the message (${code}).`);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
