import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** Messages whose DATA began, including those the server then hangs on. */
  dataStarted: number;
  /** What the server answers to the next messages: accept, refuse for now (451), refuse for good (550) or hang. */
  mode: "accept" | "temporary_failure" | "permanent_failure" | "hang";
  close(): Promise<void>;
}

/** A real SMTP receiver on 127.0.0.1 that keeps every message it accepts, parsed. */
export async function startSmtpServer(options: { port?: number } = {}): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const state: TestSmtpServer = {
    url: "",
    port: 0,
    received,
    dataStarted: 0,
    mode: "accept",
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      state.dataStarted++;
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        if (state.mode === "hang") return;
        if (state.mode === "temporary_failure") {
          callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
          return;
        }
        if (state.mode === "permanent_failure") {
          callback(Object.assign(new Error("No such user"), { responseCode: 550 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          envelopeTo: session.envelope.rcptTo.map((recipient) => recipient.address),
          parsed: await simpleParser(raw),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  state.port = port;
  state.url = `smtp://127.0.0.1:${port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
