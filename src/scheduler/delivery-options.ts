/**
 * What the delivery loop is built from and its tuning, with the defaults in one place: the loop
 * itself (delivery-loop.ts) reads only the resolved form.
 */
import type { Channel } from '../core/channel.ts';
import type { Clock } from '../core/clock.ts';
import type { Platform } from '../core/inbound.ts';
import type { Db } from '../db/database.ts';
import type { NotificationRenderer } from './default-render.ts';
import type { NotificationRow } from './notification-store.ts';
import type { PlatformLimiters } from './rate-limiter.ts';
import type { ReminderPlanner } from './reminder-planner.ts';

/** The slice of pino the loop logs through (pino's Logger satisfies it). */
export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Logs nothing: the default when no logger is given. */
export const silentLogger: SchedulerLogger = { info() {}, warn() {}, error() {} };

/** Everything the loop needs, injected by main.ts (or a test). */
export interface DeliveryLoopOptions {
  db: Db;
  clock: Clock;
  channels: ReadonlyMap<Platform, Channel>;
  render: NotificationRenderer;
  limiters?: PlatformLimiters;
  /** Plans next occurrences after delivery; defaults to one over the same db and clock. */
  planner?: ReminderPlanner;
  logger?: SchedulerLogger;
  /** Unique per process (host:pid:random); recorded on claimed rows. */
  workerId?: string;
  /** One-shot rows later than this after downtime go into a summary (default 12 h). */
  graceMs?: number;
  /** Rows later than this are sent marked late (default 5 min). */
  lateAfterMs?: number;
  /** How long a claim lasts unless renewed; a dead process's claims are taken over after it (default 30 s). */
  leaseMs?: number;
  /** How often leases are renewed while this process holds claims (default a third of `leaseMs`). */
  heartbeatMs?: number;
  /** Longest sleep, so anything missed is still found (default 60 s). */
  sweepMs?: number;
  /** Rows claimed per statement (default 200). */
  batchSize?: number;
  /** Claimed rows not yet finished, at most (default 1,000); keeps claims fresh while the limiter queues. */
  maxInFlight?: number;
  /** Renders running at once (briefings may call an LLM; default 16). */
  renderConcurrency?: number;
  /** Attempts before a transiently failing row is retired (default 8). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs` (defaults 30 s, 1 h). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Delay before a send with an unknown outcome is followed up (default 5 s, inside Discord's nonce window). */
  unknownRetryMs?: number;
  /** Metrics hook: called right before a reply is handed to the channel. */
  onHandoff?: (row: NotificationRow, at: Date) => void;
  /** Metrics hook: called each time the wake timer is set, with the wake time. */
  onArmed?: (wakeAt: Date) => void;
}

/** The options with every default filled in (the collaborators the loop builds itself left out). */
export type ResolvedDeliveryOptions = Required<Omit<DeliveryLoopOptions, 'onHandoff' | 'onArmed' | 'workerId' | 'planner' | 'limiters' | 'logger'>>
  & Pick<DeliveryLoopOptions, 'onHandoff' | 'onArmed'>;

/** Fills in the defaults documented on DeliveryLoopOptions. */
export function resolvedOptions(options: DeliveryLoopOptions): ResolvedDeliveryOptions {
  return {
    db: options.db, clock: options.clock, channels: options.channels, render: options.render,
    graceMs: options.graceMs ?? 12 * 3_600_000, lateAfterMs: options.lateAfterMs ?? 5 * 60_000,
    leaseMs: options.leaseMs ?? 30_000, heartbeatMs: options.heartbeatMs ?? Math.floor((options.leaseMs ?? 30_000) / 3),
    sweepMs: options.sweepMs ?? 60_000,
    batchSize: options.batchSize ?? 200, maxInFlight: options.maxInFlight ?? 1_000,
    renderConcurrency: options.renderConcurrency ?? 16, maxAttempts: options.maxAttempts ?? 8,
    baseBackoffMs: options.baseBackoffMs ?? 30_000, maxBackoffMs: options.maxBackoffMs ?? 3_600_000,
    unknownRetryMs: options.unknownRetryMs ?? 5_000,
    onHandoff: options.onHandoff, onArmed: options.onArmed,
  };
}
