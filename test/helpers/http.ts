import type { LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/server/app.js";
import type { App } from "../../src/server/types.js";
import type { TestContext } from "./context.js";
import { TEST_PASSWORD } from "./factories.js";

export type TestApp = App;

export function buildTestApp(context: TestContext): Promise<TestApp> {
  return buildApp({ context });
}

/** Signs in through the API and returns the Cookie header value for later requests. */
export async function signIn(app: TestApp, email: string, password = TEST_PASSWORD): Promise<string> {
  // A random loopback address per sign-in keeps the per-address login limit out of unrelated tests.
  const remoteAddress = `127.${randomOctet()}.${randomOctet()}.${randomOctet()}`;
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password },
    remoteAddress,
  });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${email} failed: ${response.statusCode} ${response.body}`);
  return cookieHeader(response);
}

export function cookieHeader(response: LightMyRequestResponse): string {
  return response.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

function randomOctet(): number {
  return Math.floor(Math.random() * 254) + 1;
}
