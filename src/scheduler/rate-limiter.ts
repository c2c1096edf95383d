/**
 * Outgoing-message limiter for one platform: a platform-wide rate plus a minimum interval per chat,
 * so a burst (10,000 briefings at 08:00) waits in a queue instead of being dropped or tripping the
 * platform's flood control. Both limits are the shared sliding-window primitive
 * (src/core/sliding-window.ts, which says why it is ours and not a library), on the injected Clock;
 * concurrency is capped with p-limit. This file adds only the queue.
 *
 * Scheduling is fair in arrival order among chats that may send now; a chat still inside its interval
 * waits in a min-heap without blocking others (no head-of-line blocking).
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { Clock, CancelTimer } from '../core/clock.ts';
import { SlidingWindowLimiter } from '../core/sliding-window.ts';
import type { Platform } from '../core/inbound.ts';

/** Limits for one platform. */
export interface RateLimitOptions {
  /** Sustained messages per second across all chats; Infinity for none. */
  ratePerSecond: number;
  /**
   * Messages that may go at once after a quiet spell; no window of `burst / ratePerSecond` seconds
   * holds more. Defaults to one second's worth.
   */
  burst?: number;
  /** Minimum milliseconds between two messages to the same chat. */
  perChatIntervalMs: number;
  /** Minimum milliseconds between two messages to the same group chat (groups are throttled harder); default `perChatIntervalMs`. */
  perGroupIntervalMs?: number;
  /** Sends in flight at once (protects the process when the platform is slow). */
  maxConcurrent?: number;
}

/**
 * Published limits, conservative: Telegram ~30 msgs/s overall, 1/s per chat and 20/min per group;
 * Discord 50 requests/s globally with channels throttled per channel (5 per 5 s); the terminal has none.
 */
export const PLATFORM_LIMITS = {
  telegram: { ratePerSecond: 30, perChatIntervalMs: 1_000, perGroupIntervalMs: 3_000 },
  discord: { ratePerSecond: 40, perChatIntervalMs: 1_000, perGroupIntervalMs: 1_000 },
  console: { ratePerSecond: Infinity, perChatIntervalMs: 0 },
} as const satisfies Record<Platform, RateLimitOptions>;

interface Job {
  seq: number;
  cancelled: boolean;
  /** Removes the abort listener once the job starts, so a long-lived signal holds no dead jobs. */
  detach?: () => void;
  run: () => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Marks a job that has started, so a late abort leaves it alone. */
const started = (): Promise<unknown> => Promise.resolve();

interface ChatQueue {
  key: string;
  jobs: Job[];
  /** When the chat may send next (from the per-chat window), the heap's order. */
  nextAllowedAt: number;
  /** A group chat: paced by the group window (groups are throttled harder than private chats). */
  group: boolean;
}

/** A small binary min-heap of chats ordered by the time they may send again. */
class ChatHeap {
  private items: ChatQueue[] = [];
  get size(): number { return this.items.length; }
  peek(): ChatQueue | undefined { return this.items[0]; }
  push(c: ChatQueue): void {
    const a = this.items;
    a.push(c);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.nextAllowedAt <= a[i]!.nextAllowedAt) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): ChatQueue | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.nextAllowedAt < a[m]!.nextAllowedAt) m = l;
        if (r < a.length && a[r]!.nextAllowedAt < a[m]!.nextAllowedAt) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** The key under which the platform-wide window counts every send. */
const PLATFORM_KEY = '*';

/**
 * Queues sends for one platform and starts each when both the platform-wide window and the chat's
 * interval allow. Never drops: `schedule` resolves or rejects with the send's own outcome.
 */
export class RateLimiter {
  /** Platform-wide: `burst` sends in any `burst / ratePerSecond` seconds (30 in any second for Telegram). */
  private readonly platformWindow: SlidingWindowLimiter;
  /** Per chat: one send per `perChatIntervalMs`. */
  private readonly chatWindow: SlidingWindowLimiter;
  /** Per group chat: one send per `perGroupIntervalMs`. */
  private readonly groupWindow: SlidingWindowLimiter;
  /** Minimum interval between two messages to one group chat. */
  readonly perGroupMs: number;
  private readonly maxConcurrent: number;
  /** The concurrency cap; jobs are handed to it only while it has room, so it never queues a send past its chat's turn. */
  private readonly gate: LimitFunction;
  private pausedUntil = 0;
  private seq = 0;
  private pendingCount = 0;
  /** Chats with jobs waiting (each sits in `ready` or in the waiting heap); a chat leaves when its last job starts. */
  private readonly chats = new Map<string, ChatQueue>();
  /** Chats that may send now, roughly in arrival order (FIFO of chats, each with its own FIFO). */
  private ready: ChatQueue[] = [];
  private readyHead = 0;
  private readonly waiting = new ChatHeap();
  private timer: CancelTimer | null = null;
  private timerAt = Infinity;

  constructor(private readonly clock: Clock, options: RateLimitOptions) {
    const burst = Math.max(1, options.burst ?? (Number.isFinite(options.ratePerSecond) ? Math.ceil(options.ratePerSecond) : 1));
    this.platformWindow = new SlidingWindowLimiter(clock, { limit: burst, windowMs: Number.isFinite(options.ratePerSecond) ? (burst * 1000) / options.ratePerSecond : 0, maxKeys: 1 });
    this.chatWindow = new SlidingWindowLimiter(clock, { limit: 1, windowMs: Math.max(0, options.perChatIntervalMs) });
    this.perGroupMs = Math.max(0, options.perGroupIntervalMs ?? options.perChatIntervalMs);
    this.groupWindow = new SlidingWindowLimiter(clock, { limit: 1, windowMs: this.perGroupMs });
    this.maxConcurrent = options.maxConcurrent ?? 64;
    this.gate = pLimit(this.maxConcurrent);
  }

  /** Jobs waiting for their turn (not yet started). */
  get queued(): number { return this.pendingCount; }

  /** Jobs started and not yet settled. */
  get inFlight(): number { return this.gate.activeCount + this.gate.pendingCount; }

  /**
   * Runs `send` for chat `chatKey` when the limits allow, resolving with its result. The promise
   * settles only after the send itself settles, so callers can await delivery. Aborting `signal`
   * withdraws the job if it has not started (it rejects with the signal's reason). `group` applies
   * the group interval to this chat.
   */
  schedule<T>(chatKey: string, send: () => Promise<T>, signal?: AbortSignal, options: { group?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const job: Job = { seq: this.seq++, cancelled: false, run: send, resolve: resolve as (v: unknown) => void, reject };
      let chat = this.chats.get(chatKey);
      if (!chat) {
        chat = { key: chatKey, jobs: [job], nextAllowedAt: 0, group: options.group ?? false };
        this.chats.set(chatKey, chat);
        this.enqueueChat(chat, this.clock.now().getTime());
      } else {
        chat.jobs.push(job);
        if (options.group) chat.group = true;
      }
      this.pendingCount++;
      if (signal) {
        const onAbort = () => {
          if (job.cancelled || job.run === started) return;
          job.cancelled = true;
          this.pendingCount--;
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        job.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.pump();
    });
  }

  /**
   * Holds every send for `ms` — called when the platform answers "too many requests, retry after",
   * so the whole queue backs off rather than each message failing in turn.
   */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now().getTime() + ms);
    this.pump();
  }

  /** Puts a chat with waiting jobs where it belongs: ready now, or in the heap until its interval passes. */
  private enqueueChat(chat: ChatQueue, now: number): void {
    chat.nextAllowedAt = now + this.windowOf(chat).waitMs(chat.key);
    if (chat.nextAllowedAt <= now) this.ready.push(chat);
    else this.waiting.push(chat);
  }

  private windowOf(chat: ChatQueue): SlidingWindowLimiter {
    return chat.group ? this.groupWindow : this.chatWindow;
  }

  private nextReady(now: number): ChatQueue | undefined {
    while (this.waiting.size && this.waiting.peek()!.nextAllowedAt <= now) this.ready.push(this.waiting.pop()!);
    if (this.readyHead >= this.ready.length) return undefined;
    const c = this.ready[this.readyHead++]!;
    if (this.readyHead > 1024 && this.readyHead * 2 > this.ready.length) {
      this.ready = this.ready.slice(this.readyHead);
      this.readyHead = 0;
    }
    return c;
  }

  private hasRoom(): boolean {
    return this.gate.activeCount + this.gate.pendingCount < this.maxConcurrent;
  }

  private pump(): void {
    const now = this.clock.now().getTime();
    while (now >= this.pausedUntil && this.hasRoom() && this.platformWindow.waitMs(PLATFORM_KEY) === 0) {
      const chat = this.nextReady(now);
      if (!chat) break;
      while (chat.jobs[0]?.cancelled) chat.jobs.shift();
      const job = chat.jobs.shift();
      if (!job) { this.chats.delete(chat.key); continue; }
      this.windowOf(chat).record(chat.key);
      this.platformWindow.record(PLATFORM_KEY);
      if (chat.jobs.length) this.enqueueChat(chat, now);
      else this.chats.delete(chat.key);
      this.pendingCount--;
      const run = job.run;
      job.run = started;
      job.detach?.();
      // p-limit counts the send as active at once (so `hasRoom` sees it) and lowers the count as
      // soon as the send settles, before this chain's `finally` asks for the next job.
      this.gate(run).then(job.resolve, job.reject).finally(() => this.pump());
    }
    this.armTimer(now);
  }

  private armTimer(now: number): void {
    if (this.pendingCount === 0 || !this.hasRoom()) return this.clearTimer();
    let at = Math.max(now, this.pausedUntil, now + this.platformWindow.waitMs(PLATFORM_KEY));
    if (this.readyHead >= this.ready.length) {
      const w = this.waiting.peek();
      if (!w) return this.clearTimer();
      at = Math.max(at, w.nextAllowedAt);
    }
    if (this.timer && this.timerAt <= at) return;
    this.clearTimer();
    this.timerAt = at;
    this.timer = this.clock.setTimeout(() => { this.timer = null; this.timerAt = Infinity; this.pump(); }, Math.max(0, at - now));
  }

  private clearTimer(): void {
    this.timer?.();
    this.timer = null;
    this.timerAt = Infinity;
  }
}

/** One limiter per platform, created lazily from PLATFORM_LIMITS (or overrides). */
export class PlatformLimiters {
  private readonly limiters = new Map<string, RateLimiter>();
  constructor(private readonly clock: Clock, private readonly overrides: Partial<Record<Platform, RateLimitOptions>> = {}) {}

  /** The limiter every outgoing message to `platform` goes through. */
  for(platform: Platform): RateLimiter {
    let l = this.limiters.get(platform);
    if (!l) {
      l = new RateLimiter(this.clock, this.overrides[platform] ?? PLATFORM_LIMITS[platform]);
      this.limiters.set(platform, l);
    }
    return l;
  }
}
