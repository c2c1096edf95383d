/**
 * Failure injection for the fake Discord REST API: which calls a scripted fault applies to
 * (route templates like 'POST /channels/:id/messages') and the Discord-shaped answer for it,
 * including the rate-limit headers @discordjs/rest reads (retry-after, x-ratelimit-*).
 */
import type { RestAnswer } from './discord-rest.ts';

/**
 * A scripted REST failure; 429 gets Discord's rate-limit headers and body, `drop` destroys the
 * socket before the call is handled, `acceptThenDrop` handles the call (the
 * message is created) and then destroys the socket, so the client never learns it succeeded.
 */
export type DiscordFault =
  | { status: 429; retryAfter?: number; global?: boolean; delayMs?: number }
  | { status: number; code?: number; message?: string; delayMs?: number }
  | { drop: true; delayMs?: number }
  | { acceptThenDrop: true; delayMs?: number }
  | { delayMs: number };

/** Compiles a route template ('POST /channels/:id/messages', method optional) or RegExp over "METHOD /path". */
export function routeMatcher(route: string | RegExp): (method: string, path: string) => boolean {
  if (route instanceof RegExp) return (m, p) => route.test(`${m} ${p}`);
  const [first, second] = route.trim().split(/\s+/, 2);
  const wantMethod = second === undefined ? undefined : (first as string).toUpperCase();
  const template = (second ?? first) as string;
  const re = new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z_]+/g, '[^/]+')}$`);
  return (m, p) => (!wantMethod || wantMethod === m) && re.test(p);
}

/**
 * The answer for a status fault: 429 with Discord's headers and body, else `{ code, message }`.
 * With `onFakeClock` a non-global 429's bucket reset is sent as already passed: @discordjs/rest
 * counts a bucket's reset on its own wall clock, which a fake clock does not move, so the bucket
 * would hold real time. Retry-After and the body's `retry_after` still carry the wait, which is
 * what discord.js (short waits) and the adapter's backoff (long ones, on the fake clock) act on.
 */
export function faultAnswer(fault: Extract<DiscordFault, { status: number }>, onFakeClock = false): RestAnswer {
  if (fault.status === 429) {
    const f = fault as { retryAfter?: number; global?: boolean };
    const retryAfter = f.retryAfter ?? 0.05;
    const resetAfter = onFakeClock && !f.global ? 0 : retryAfter;
    const headers: Record<string, string> = {
      // un-rounded so small test values stay fast (Discord sends whole seconds here, the exact value in the body)
      'retry-after': String(retryAfter), 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Date.now() / 1000 + resetAfter), 'x-ratelimit-reset-after': String(resetAfter),
      'x-ratelimit-bucket': 'fake-bucket', 'x-ratelimit-scope': f.global ? 'global' : 'user', ...(f.global && { 'x-ratelimit-global': 'true' }),
    };
    return { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfter, global: f.global ?? false }, headers };
  }
  const f = fault as { status: number; code?: number; message?: string };
  return { status: f.status, body: { code: f.code ?? 0, message: f.message ?? `${f.status}: fake failure` } };
}
