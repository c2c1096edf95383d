/**
 * Test harness for the scheduler: a temporary SQLite file, a FakeClock, recording channels, a
 * planner and a delivery loop wired the way main.ts will wire them.
 */
import { FakeClock } from '../fakes/fake-clock.ts';
import type { Db } from '../../src/db/database.ts';
import type { Channel } from '../../src/core/channel.ts';
import type { Platform } from '../../src/core/inbound.ts';
import { DeliveryLoop } from '../../src/scheduler/delivery-loop.ts';
import type { DeliveryLoopOptions } from '../../src/scheduler/delivery-options.ts';
import { createTemplateRenderer } from '../../src/scheduler/default-render.ts';
import { NotificationStore } from '../../src/scheduler/notification-store.ts';
import { OutboxClaims } from '../../src/scheduler/outbox-claims.ts';
import { PlatformLimiters } from '../../src/scheduler/rate-limiter.ts';
import { ReminderPlanner } from '../../src/scheduler/reminder-planner.ts';
import { RecordingChannel } from './recording-channel.ts';
import { tempDb } from './db-fixtures.ts';

export { makeUser, tempDb } from './db-fixtures.ts';

/** Everything a scheduler test needs. */
export interface Harness {
  db: Db;
  file: string;
  clock: FakeClock;
  telegram: RecordingChannel;
  consoleChannel: RecordingChannel;
  channels: Map<Platform, Channel>;
  planner: ReminderPlanner;
  loop: DeliveryLoop;
  store: NotificationStore;
  /** The outbox as a worker running this harness's channels sees it. */
  claims: OutboxClaims;
  /** Moves the fake time to `target`, stopping at every due time on the way and letting the loop finish. */
  runUntil(target: Date): Promise<void>;
  advance(ms: number): Promise<void>;
  cleanup(): Promise<void>;
}

/** Builds the harness at `start`; the loop is created but not started. */
export async function harness(start: Date, loopOptions: Partial<DeliveryLoopOptions> = {}): Promise<Harness> {
  const t = await tempDb();
  const clock = new FakeClock(start);
  const telegram = new RecordingChannel('telegram', clock);
  const consoleChannel = new RecordingChannel('console', clock, { buttons: false });
  const channels = new Map<Platform, Channel>([['telegram', telegram], ['console', consoleChannel]]);
  const planner = new ReminderPlanner({ db: t.db, clock });
  const loop = new DeliveryLoop({
    db: t.db, clock, channels, render: createTemplateRenderer(t.db), planner,
    limiters: new PlatformLimiters(clock), workerId: 'w1', ...loopOptions,
  });
  planner.onChange = () => loop.poke();
  const store = new NotificationStore(t.db);
  const claims = new OutboxClaims(t.db, new Set(channels.keys()));
  const settle = async () => { for (let i = 0; i < 3; i++) { await loop.idle(); await new Promise((r) => setImmediate(r)); } };
  const h: Harness = {
    db: t.db, file: t.file, clock, telegram, consoleChannel, channels, planner, loop, store, claims,
    async advance(ms) { await clock.advance(ms); await settle(); },
    async runUntil(target) {
      await settle();
      for (let i = 0; i < 10_000; i++) {
        const now = clock.now().getTime();
        if (now >= target.getTime()) break;
        const next = await claims.nextWakeAt(loopOptions.leaseMs ?? 30_000);
        const to = next && next.getTime() < target.getTime() ? Math.max(next.getTime(), now + 1) : target.getTime();
        await clock.advance(to - now);
        await settle();
      }
      await settle();
    },
    async cleanup() { await loop.stop(); await t.cleanup(); },
  };
  return h;
}
