/**
 * A pause on real time, for the one thing no fake clock reaches: the network stack. A test that
 * asserts connections survive a lull (kept-alive sockets idle in the agent's pool) needs the
 * sockets to sit idle for real. Everything the app does runs on its FakeClock meanwhile; nothing
 * is asserted on wall-clock windows. Allow-listed in test/architecture/no-real-sleeps.test.ts.
 */

/** Resolves after `ms` of real time. Only for socket idle time (see file comment). */
export function realIdle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
