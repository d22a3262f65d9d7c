import type { Logger } from "pino";
import type { EmailTransport, OutgoingEmail, OutgoingSms, SendResult, SmsTransport } from "./transport.js";

/**
 * For development and trials: nothing leaves the machine. The message counts as sent and stays
 * readable in the back office's "Messages", login codes included; a log line says so.
 */
export class LocalEmailTransport implements EmailTransport {
  readonly name = "local";
  readonly keepsContent = true;

  constructor(private readonly logger: Logger) {}

  async send(email: OutgoingEmail): Promise<SendResult> {
    this.logger.info(
      { messageId: email.id, to: email.to },
      "email kept locally: read it in the back office's Messages",
    );
    return { providerMessageId: null };
  }
}

/**
 * Keeps each SMS instead of sending it (development): it stays readable in the back office's
 * "Messages". The log line names the message but not its text, which may hold a login code.
 */
export class LogSmsTransport implements SmsTransport {
  readonly name = "log";
  readonly keepsContent = true;

  constructor(private readonly logger: Logger) {}

  async send(sms: OutgoingSms): Promise<SendResult> {
    this.logger.info(
      { messageId: sms.id, to: sms.to },
      "SMS not sent (SMS_TRANSPORT=log): read it in the back office's Messages",
    );
    return { providerMessageId: null };
  }
}
