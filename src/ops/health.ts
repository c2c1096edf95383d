import { systemClock, type Clock } from '../core/clock.ts';

/** What /healthz says about one platform. */
export interface PlatformHealth {
  connected: boolean;
  /** When it last changed. */
  since: string;
  /** The last error reported, if any (code only: no secrets, no message text from users). */
  lastError?: string;
}

/**
 * Where adapters report whether their platform is connected (Telegram polling/webhook up, Discord
 * gateway ready) and which errors the platform API returned. /healthz reads the states; errors
 * also feed the platform-error metric through `onError`.
 */
export class HealthRegistry {
  readonly #platforms = new Map<string, PlatformHealth>();

  constructor(private readonly clock: Pick<Clock, 'now'> = systemClock, private readonly onError?: (platform: string, code: string) => void) {}

  /** A platform connected or lost its connection. */
  report(platform: string, connected: boolean): void {
    const prev = this.#platforms.get(platform);
    if (prev?.connected === connected) return;
    this.#platforms.set(platform, { ...prev, connected, since: this.clock.now().toISOString() });
  }

  /** A platform API call failed with `code` (HTTP status, API error code or a name). */
  reportError(platform: string, code: string | number | undefined): void {
    const text = String(code ?? 'unknown');
    const prev = this.#platforms.get(platform);
    if (prev) prev.lastError = text;
    this.onError?.(platform, text);
  }

  /** Every platform reported so far. */
  platforms(): Record<string, PlatformHealth> {
    return Object.fromEntries([...this.#platforms].map(([k, v]) => [k, { ...v }]));
  }
}
