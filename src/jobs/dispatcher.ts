import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Executor } from "../db/database.js";
import type { ChangeFeed } from "../db/events.js";
import type { Clock } from "../domain/clock.js";
import {
  type EmailTransport,
  PermanentSendError,
  type SmsTransport,
} from "../integrations/mail/transport.js";
import { type MessageRow, outboxRepository } from "../repositories/messages.js";

export interface DispatcherOptions {
  db: Executor;
  clock: Clock;
  logger: Logger;
  email: EmailTransport;
  sms: SmsTransport;
  mailFrom: string;
  smsSender: string;
  /** Wakes the dispatcher as soon as a message is queued, in this process or another. */
  changeFeed?: ChangeFeed | undefined;
  pollSeconds: number;
  /** How long a claim lasts; a dispatcher that dies mid-send loses its claims after this. */
  leaseSeconds?: number;
  batchSize?: number;
  /** Sends at once per batch. */
  concurrency?: number;
  /** Names this dispatcher in the claims; a random id by default. */
  id?: string;
  /** Drains only these organizations' messages; tests that share a database set it. */
  organizationIds?: readonly string[];
}

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 30 * 60_000;

/**
 * Delay before the next try after `attempts` failed tries: 30 s, 1 min, 2 min… doubling up to
 * 30 min. With the default 10 attempts a message keeps trying for about two and a half hours,
 * so a provider outage of ten minutes delays messages but loses none.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * Drains the outbox: claims due messages with a lease (claim and commit), sends them without
 * holding any row lock, and records each result. A failed send goes back to the queue with
 * exponential backoff until its attempts run out, then stays failed with the error; an expired
 * message (a login code no longer valid) is dropped, not sent. Wakes on every queued message
 * through the change feed, and on a timer for retries and reminders.
 */
export class OutboxDispatcher {
  readonly id: string;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly options: DispatcherOptions) {
    this.id = options.id ?? `dispatcher-${randomUUID()}`;
  }

  start(): void {
    this.stopped = false;
    this.unsubscribe = this.options.changeFeed?.subscribe((event) => {
      if (event.kind === "message") this.wake();
    });
    const tick = () => {
      this.wake();
      this.timer = setTimeout(tick, this.options.pollSeconds * 1000);
      this.timer.unref();
    };
    tick();
  }

  /** Asks for a drain; one already running drains again when it ends. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while (!this.stopped && (await this.drainOnce()) > 0) {
            // Keep going while full batches come back.
          }
        } while (this.again && !this.stopped);
      } catch (error) {
        this.options.logger.error({ err: error }, "outbox dispatcher failed; it retries on the next tick");
      } finally {
        this.running = undefined;
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe?.();
    await this.running;
  }

  /** Expires, claims and sends one batch; returns how many messages it claimed. */
  async drainOnce(): Promise<number> {
    const { clock } = this.options;
    const outbox = outboxRepository(this.options.db, this.options.organizationIds);
    const now = clock.now();
    await outbox.expire(now);
    const leaseUntil = new Date(now.getTime() + (this.options.leaseSeconds ?? 120) * 1000);
    const claimed = await outbox.claim(now, leaseUntil, this.id, this.options.batchSize ?? 20);
    const concurrency = this.options.concurrency ?? 4;
    for (let index = 0; index < claimed.length; index += concurrency) {
      await Promise.all(claimed.slice(index, index + concurrency).map((message) => this.deliver(message)));
    }
    return claimed.length;
  }

  private async deliver(message: MessageRow): Promise<void> {
    const { clock, logger } = this.options;
    const outbox = outboxRepository(this.options.db);
    const transport = message.channel === "email" ? this.options.email : this.options.sms;
    try {
      const result =
        message.channel === "email"
          ? await this.options.email.send({
              id: message.id,
              to: message.recipient,
              from: { name: message.fromName ?? "Rondo", address: this.options.mailFrom },
              subject: message.subject ?? "",
              text: message.bodyText,
              html: message.bodyHtml ?? undefined,
              attachments: message.attachments,
            })
          : await this.options.sms.send({
              id: message.id,
              to: message.recipient,
              sender: this.options.smsSender,
              text: message.bodyText,
            });
      const recorded = await outbox.markSent(
        message,
        this.id,
        { transport: transport.name, providerMessageId: result.providerMessageId },
        clock.now(),
        !transport.keepsContent,
      );
      if (!recorded)
        logger.warn(
          { messageId: message.id },
          "a message was sent after its claim passed to another dispatcher",
        );
    } catch (error) {
      const permanent = error instanceof PermanentSendError;
      const text = error instanceof Error ? error.message : String(error);
      const retryAt =
        !permanent && message.attempts < message.maxAttempts
          ? new Date(clock.now().getTime() + retryDelayMs(message.attempts))
          : null;
      await outbox.markFailed(message, this.id, text, retryAt, clock.now(), transport.name);
      logger.warn(
        { messageId: message.id, channel: message.channel, attempts: message.attempts, retryAt, error: text },
        retryAt ? "message not sent; it will be retried" : "message not sent; no more attempts",
      );
    }
  }
}
