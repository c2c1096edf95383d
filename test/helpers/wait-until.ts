/**
 * Waits until an asynchronous condition holds (a database row changed, a fake recorded a call), for
 * tests whose adapters talk to the fakes over real loopback HTTP while only the app runs on a fake
 * clock. It polls a condition — it never stands in for the passing of time the test asserts on.
 */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
