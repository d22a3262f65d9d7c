import { z } from "zod";
import {
  type OutgoingSms,
  PermanentSendError,
  type SendResult,
  type SmsTransport,
} from "../mail/transport.js";

export interface HttpSmsGatewayOptions {
  /** The gateway's send endpoint, such as https://sms.example.net/v1/messages. */
  url: string;
  /** Bearer token sent in the Authorization header. */
  token: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

const answerSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String) });

/**
 * Client of a JSON SMS gateway: `POST {url}` with `{from, to, text, reference}`, a bearer token
 * and an `Idempotency-Key` header holding the outbox row's id, so a resend after a crash is
 * recognised by gateways that support the header. The answer carries the gateway's `id`.
 * 4xx answers (except 408 and 429) are final; the rest are retried by the dispatcher.
 */
export class HttpSmsGateway implements SmsTransport {
  readonly name = "http";
  readonly keepsContent = false;
  private readonly fetchImplementation: typeof fetch;

  constructor(private readonly options: HttpSmsGatewayOptions) {
    this.fetchImplementation = options.fetch ?? fetch;
  }

  async send(sms: OutgoingSms): Promise<SendResult> {
    const response = await this.fetchImplementation(this.options.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: `Bearer ${this.options.token}`,
        "idempotency-key": sms.id,
      },
      body: JSON.stringify({ from: sms.sender, to: sms.to, text: sms.text, reference: sms.id }),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (!response.ok) {
      const status = response.status;
      await response.body?.cancel();
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
        throw new PermanentSendError(`The SMS gateway refused the message (HTTP ${status}).`);
      }
      throw new Error(`The SMS gateway answered HTTP ${status}.`);
    }
    const parsed = answerSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new Error("The SMS gateway's answer has no message id.");
    return { providerMessageId: parsed.data.id };
  }
}
