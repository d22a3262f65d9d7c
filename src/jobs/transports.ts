import type { Logger } from "pino";
import type { Config } from "../config.js";
import { LocalEmailTransport, LogSmsTransport } from "../integrations/mail/local-transport.js";
import { SmtpTransport } from "../integrations/mail/smtp-transport.js";
import type { EmailTransport, SmsTransport } from "../integrations/mail/transport.js";
import { HttpSmsGateway } from "../integrations/sms/http-gateway.js";

/** The configured ways out: SMTP or the local transport for email, the HTTP gateway or the log for SMS. */
export function createTransports(
  config: Config,
  logger: Logger,
): { email: EmailTransport; sms: SmsTransport } {
  const email: EmailTransport = config.smtpUrl
    ? new SmtpTransport(config.smtpUrl, new URL(config.publicUrl).hostname, {
        timeoutMs: config.sendTimeoutMs,
      })
    : new LocalEmailTransport(logger);
  const sms: SmsTransport =
    config.smsTransport === "http" && config.smsHttpUrl && config.smsHttpToken
      ? new HttpSmsGateway({
          url: config.smsHttpUrl,
          token: config.smsHttpToken,
          timeoutMs: config.sendTimeoutMs,
        })
      : new LogSmsTransport(logger);
  if (config.env === "production" && email.name === "local") {
    logger.warn("SMTP_URL is not set: emails are not sent, only shown in the back office's Messages");
  }
  if (config.env === "production" && sms.name === "log") {
    logger.warn("SMS_TRANSPORT=log: text messages are written to the log, not sent");
  }
  return { email, sms };
}
