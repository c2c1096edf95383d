/**
 * The durable delivery loop: sleeps on ONE timer until the next due row (or the slow safety sweep),
 * claims the due rows it can deliver atomically in batches (reminders, briefings and task results
 * alike), decides catch-up (late / summary / stale), renders, hands each to its platform's rate
 * limiter, records the intent to send, sends through `Channel.sendDirect`, and records the outcome.
 *
 * Crash-safe by construction: claims are short leases (`leaseMs`, 30 s) renewed by a heartbeat while
 * this process holds any, so a killed process's rows are taken over within about a lease. A row is
 * marked `sending` (committed) before the platform is called and `sent` right after; one found
 * `sending` after its lease expired has an unknown outcome. Such a row is sent again only when the
 * platform drops repeats itself (Discord's nonce, within its window) or, where it cannot tell
 * (Telegram), once more with a note — at most one possible duplicate rather than a lost reminder.
 */
import { setMaxListeners } from 'node:events';
import pLimit, { type LimitFunction } from 'p-limit';
import type { ChannelCapabilities, MessageHandle } from '../core/channel.ts';
import type { CancelTimer } from '../core/clock.ts';
import { PlatformError, UnknownOutcomeError } from '../core/errors.ts';
import type { ConversationRef, Platform } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';
import { decideCatchUp, type CatchUpPolicy } from './catch-up.ts';
import { parsePayload, type NotificationPayload, type SummaryItem } from './notification-payload.ts';
import { NotificationStore, type NotificationRow } from './notification-store.ts';
import { OutboxClaims } from './outbox-claims.ts';
import { PlatformLimiters } from './rate-limiter.ts';
import { LeaseHeartbeat } from './lease-heartbeat.ts';
import { resendDecision } from './resend-policy.ts';
import { TurnBatch } from './turn-batch.ts';
import { findRecipients, markUnreachable, type Recipient } from './recipient.ts';
import { groupConversation } from './group-target.ts';
import { ReminderPlanner, type DeliveryOutcome } from './reminder-planner.ts';
import { resolvedOptions, silentLogger, type DeliveryLoopOptions, type ResolvedDeliveryOptions, type SchedulerLogger } from './delivery-options.ts';

class LostClaimError extends Error {
  constructor() { super('claim expired and was taken over by another worker'); this.name = 'LostClaimError'; }
}

class StoppedError extends Error {
  constructor() { super('delivery loop stopped before this was sent'); this.name = 'StoppedError'; }
}

/** A finished send, recorded with others of the same turn. */
interface Completion {
  row: NotificationRow;
  target: string;
  payload?: string;
  note?: string;
}

/** The scheduler's sender: one per process; several processes may share one database safely. */
/** Where one row is posted: a person's DM or a group chat, and how to post there. */
interface Destination {
  platform: Platform;
  /** The limiter's chat key. */
  chatKey: string;
  /** Paced by the group interval. */
  group: boolean;
  /** What the row records as its target once sent. */
  sentTo: string;
  /** How long the platform de-duplicates a resend (a group post has no key, so none). */
  resendWindow: Pick<ChannelCapabilities, 'directDedupMs'>;
  /** The person, whose identity a permanent refusal marks unreachable; none for a group. */
  recipient: Recipient | null;
  post(reply: Reply): Promise<MessageHandle>;
}

export class DeliveryLoop {
  readonly workerId: string;
  private readonly o: ResolvedDeliveryOptions;
  private readonly store: NotificationStore;
  private readonly claims: OutboxClaims;
  private readonly intents: TurnBatch<number, boolean>;
  private readonly sentMarks: TurnBatch<Completion, void>;
  private readonly heartbeat: LeaseHeartbeat;
  private readonly planner: ReminderPlanner;
  private readonly limiters: PlatformLimiters;
  private readonly log: SchedulerLogger;
  private readonly policy: CatchUpPolicy;
  private running = false;
  private ticking: Promise<void> | null = null;
  private again = false;
  /** The last wake stopped because `maxInFlight` rows were out; the drain re-pokes. */
  private blocked = false;
  private timer: CancelTimer | null = null;
  /** When the armed timer fires (ms), so a change due later than that needs no wake-up. */
  private armedFor = Infinity;
  private inFlight = 0;
  private readonly settled = new Set<Promise<void>>();
  private abort = new AbortController();
  /** Deliveries waiting in a rate limiter (they need time to pass, not I/O). */
  private parked = 0;
  /** Renders at once (each may read the database); the rest wait their turn. */
  private readonly renderGate: LimitFunction;

  constructor(options: DeliveryLoopOptions) {
    this.o = resolvedOptions(options);
    this.workerId = options.workerId ?? `worker-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    this.store = new NotificationStore(options.db);
    this.claims = new OutboxClaims(options.db, new Set(options.channels.keys()));
    this.intents = new TurnBatch(async (ids) => {
      const won = await this.claims.markSendingMany(ids, this.workerId, this.o.clock.now());
      return ids.map((id) => won.has(id));
    });
    this.sentMarks = new TurnBatch((batch) => this.recordSent(batch));
    this.heartbeat = new LeaseHeartbeat(options.clock, this.o.heartbeatMs, (now) => this.claims.renewLeases(this.workerId, now),
      (err) => this.log.warn({ err }, 'renewing delivery leases failed; another process may take them over'));
    this.planner = options.planner ?? new ReminderPlanner({ db: options.db, clock: options.clock });
    this.limiters = options.limiters ?? new PlatformLimiters(options.clock);
    this.log = options.logger ?? silentLogger;
    this.policy = { graceMs: this.o.graceMs, lateAfterMs: this.o.lateAfterMs };
    this.renderGate = pLimit(this.o.renderConcurrency);
  }

  /** Starts delivering; overdue rows (downtime) are caught up on the first wake, right away. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    setMaxListeners(0, this.abort.signal); // one listener per row waiting in a limiter, removed when it starts
    this.poke();
  }

  /**
   * Stops waking, gives rows still waiting in the rate limiter back to pending (the next start, or
   * another process, sends them), and waits for sends already started to finish and be recorded.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort(new StoppedError());
    this.timer?.();
    this.timer = null;
    await this.ticking;
    while (this.settled.size) await Promise.allSettled([...this.settled]);
    this.heartbeat.stop();
  }

  /** Re-arms after items changed (the planner calls this): claims anything now due and re-reads the next due time. */
  poke(dueAt?: Date): void {
    if (!this.running) return;
    // A row due after the armed wake-up is found then; only an earlier one needs the loop now.
    if (dueAt && this.timer && !this.ticking && dueAt.getTime() >= this.armedFor) return;
    if (this.ticking) { this.again = true; return; }
    this.ticking = this.tick().finally(() => {
      this.ticking = null;
      if (this.again) this.poke();
    });
  }

  /**
   * Resolves once nothing can progress without time passing: no wake in progress and every handed-out
   * row either finished or waiting its turn in a rate limiter. Tests call it between clock steps.
   */
  async idle(): Promise<void> {
    for (;;) {
      if (this.ticking) { await this.ticking; continue; }
      if (this.settled.size > this.parked) { await new Promise((r) => setImmediate(r)); continue; }
      return;
    }
  }

  private async tick(): Promise<void> {
    try {
      do {
        this.again = false;
        this.blocked = false;
        while (this.running) {
          const room = Math.min(this.o.batchSize, this.o.maxInFlight - this.inFlight);
          if (room <= 0) { this.blocked = true; break; } // resumed by track() when in-flight sends drain
          const rows = await this.claims.claimDue(this.o.clock.now(), this.workerId, room, this.o.leaseMs);
          if (!rows.length) break;
          await this.dispatch(rows);
          if (rows.length < room) break;
        }
      } while (this.again && this.running);
      await this.arm();
    } catch (err) {
      this.log.error({ err }, 'scheduler wake failed; retrying soon');
      this.armAt(this.o.clock.now().getTime() + Math.min(5_000, this.o.sweepMs));
    }
  }

  private async arm(): Promise<void> {
    if (!this.running) return;
    const now = this.o.clock.now().getTime();
    const next = this.blocked ? null : await this.claims.nextWakeAt(this.o.leaseMs);
    this.armAt(Math.min(next ? next.getTime() : Infinity, now + this.o.sweepMs));
  }

  private armAt(at: number): void {
    if (!this.running) return;
    this.timer?.();
    // A wake time that cannot be read (NaN) must not become a 0 ms busy loop: fall back to the sweep.
    if (!Number.isFinite(at)) at = this.o.clock.now().getTime() + this.o.sweepMs;
    const delay = Math.max(0, at - this.o.clock.now().getTime());
    this.armedFor = at;
    this.timer = this.o.clock.setTimeout(() => { this.timer = null; this.armedFor = Infinity; this.poke(); }, delay);
    this.o.onArmed?.(new Date(at));
  }

  private async dispatch(rows: NotificationRow[]): Promise<void> {
    const now = this.o.clock.now();
    const recipients = await findRecipients(this.o.db, rows.map((r) => ({ userId: r.userId, platform: r.platform })));
    const toSummarize = new Map<number, NotificationRow[]>();
    for (const row of rows) {
      const payload = parsePayload(row.payload);
      const info = recipients.get(row.userId, row.platform);
      const group = groupConversation(row.target);
      const platform = group?.platform ?? info?.recipient?.target.platform;
      if (platform && !this.o.channels.has(platform)) {
        // The user moved to a platform this process does not run since the claim: hand the row on.
        this.log.info({ id: row.id, userId: row.userId, platform }, 'recipient is on a platform not running here; handed on');
        await this.safely(() => this.claims.release(row.id, this.workerId, now));
        continue;
      }
      const zone = payload.timeZone ?? info?.timeZone ?? 'UTC';
      // A group's missed reminder is posted in the group (late), never folded into its creator's DM summary.
      const caught = decideCatchUp(row, payload, now, this.policy, zone);
      const decision = group && caught === 'summarize' ? 'send-late' : caught;
      if (decision === 'summarize') {
        const list = toSummarize.get(row.userId) ?? [];
        list.push(row);
        toSummarize.set(row.userId, list);
      } else if (decision === 'skip-stale') {
        this.log.warn({ id: row.id, userId: row.userId, dueAt: row.dueAt }, 'briefing for a past day skipped');
        await this.finish(row, 'skipped', () => this.claims.retire(row.id, this.workerId, 'stale: local day passed while offline', now, 'skipped'));
      } else {
        if (decision === 'send-late') payload.late = true;
        this.track(group
          ? this.deliverToGroup(row, payload, group, info?.language ?? null, zone, decision === 'send-late')
          : this.deliver(row, payload, info?.recipient ?? null, info?.language ?? null, zone, decision === 'send-late'));
      }
    }
    for (const [userId, list] of toSummarize) {
      const items: SummaryItem[] = list.map((r) => {
        const p = parsePayload(r.payload);
        return { kind: r.kind as SummaryItem['kind'], title: p.title ?? '', dueAt: (p.at ?? r.dueAt.toISOString()), sourceType: r.sourceType, sourceId: r.sourceId };
      });
      await this.store.summarize(userId, list, { items, timeZone: recipients.get(userId, list[0]!.platform)?.timeZone ?? undefined }, this.workerId, now);
      this.log.info({ userId, count: list.length }, 'missed reminders folded into one summary');
      for (const r of list) await this.safely(() => this.planner.afterDelivery(r, 'summarized'));
      this.again = true; // the summary row is due now
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight++;
    this.heartbeat.set(true);
    const done = p.finally(() => {
      this.settled.delete(done);
      this.inFlight--;
      if (this.inFlight === 0) this.heartbeat.set(false);
      if (this.blocked && this.inFlight <= Math.floor(this.o.maxInFlight / 2)) { this.blocked = false; this.poke(); }
    });
    this.settled.add(done);
  }

  /** A person's DM: limited per DM chat; the send carries the row's idempotency key where the platform honours one. */
  private async deliver(row: NotificationRow, payload: NotificationPayload, recipient: Recipient | null, language: string | null, zone: string, late: boolean): Promise<void> {
    if (!recipient) {
      this.log.warn({ id: row.id, userId: row.userId }, 'no reachable identity for notification; retired');
      return this.finish(row, 'failed', () => this.claims.retire(row.id, this.workerId, 'no reachable identity', this.o.clock.now()));
    }
    const { target } = recipient;
    const channel = this.o.channels.get(target.platform)!;
    return this.send(row, payload, {
      platform: target.platform, chatKey: target.chatId ?? target.userId, group: false, sentTo: `${target.platform}:${target.userId}`,
      resendWindow: channel.capabilities, recipient,
      post: (reply) => channel.sendDirect(target, reply, { idempotencyKey: `clawchat-ntf-${row.id}` }),
    }, language, zone, late);
  }

  /**
   * A group reminder: posted in its group chat through the platform's limiter under the group's own
   * interval. A plain message carries no de-duplication key, so an unknown outcome is resent at most
   * once, with a note. A chat that refuses for good (bot removed) retires the row; nobody's DM is
   * marked unreachable for it.
   */
  private async deliverToGroup(row: NotificationRow, payload: NotificationPayload, group: ConversationRef, language: string | null, zone: string, late: boolean): Promise<void> {
    const channel = this.o.channels.get(group.platform)!;
    return this.send(row, payload, {
      platform: group.platform, chatKey: group.chatId, group: true, sentTo: row.target!, resendWindow: {}, recipient: null,
      post: (reply) => channel.send(group, reply),
    }, language, zone, late);
  }

  /**
   * The one send path of both: decide a resend after an unknown outcome, render (bounded), wait the
   * limiter's turn, commit the intent before calling the platform (a crash from there on is seen),
   * post, and record the row as sent — or hand the failure to `failed`.
   */
  private async send(row: NotificationRow, payload: NotificationPayload, to: Destination, language: string | null, zone: string, late: boolean): Promise<void> {
    const channel = this.o.channels.get(to.platform)!;
    const repeat = resendDecision(row, to.resendWindow, this.o.clock.now());
    if (repeat === 'close') {
      this.log.warn({ id: row.id, userId: row.userId, uncertainSends: row.uncertainSends }, 'sent twice with unknown outcome; not repeated again');
      return this.finish(row, 'sent', () => this.claims.closeUnconfirmed(row.id, this.workerId, `unconfirmed: ${row.uncertainSends} sends with unknown outcome`, this.o.clock.now()));
    }
    if (repeat === 'send-with-note') payload.resent = true;
    try {
      const reply = await this.renderGate(() => this.o.render({
        row, payload, platform: to.platform, buttons: channel.capabilities.buttons, language, timeZone: zone, now: this.o.clock.now(),
      }));
      if (!channel.capabilities.buttons) delete reply.actions;
      let parked = true;
      this.parked++;
      const unpark = () => { if (parked) { parked = false; this.parked--; } };
      await this.limiters.for(to.platform).schedule(to.chatKey, async () => {
        unpark();
        if (!this.running) throw new StoppedError();
        if (!(await this.intents.add(row.id))) throw new LostClaimError();
        this.o.onHandoff?.(row, this.o.clock.now());
        return to.post(reply);
      }, this.abort.signal, { group: to.group }).finally(unpark);
    } catch (err) {
      return this.failed(row, to.recipient, err, to.platform);
    }
    const note = payload.resent ? 'resent once: the first send had an unknown outcome' : undefined;
    await this.sentMarks.add({ row, target: to.sentTo, ...(late || payload.resent ? { payload: JSON.stringify(payload) } : {}), ...(note ? { note } : {}) })
      .catch((err: unknown) => this.log.error({ err, id: row.id }, 'recording a sent notification failed; it stays marked as sending'));
  }

  /**
   * Records the sends that finished in one turn (sent rows, then their follow-up planning) with one
   * statement, right after they were accepted: no time passes, it only groups what finished together.
   */
  private async recordSent(batch: Completion[]): Promise<void[]> {
    const ok = await this.claims.markSentMany(batch.map((c) => ({ id: c.row.id, target: c.target, ...(c.payload ? { payload: c.payload } : {}), ...(c.note ? { note: c.note } : {}) })), this.workerId, this.o.clock.now());
    for (const c of batch) if (!ok.has(c.row.id)) this.log.warn({ id: c.row.id }, 'sent, but the lease had been taken over before it was marked (possible duplicate)');
    await this.safely(() => this.planner.afterDeliveryMany(batch.filter((c) => ok.has(c.row.id)).map((c) => c.row)));
    return batch.map(() => undefined);
  }

  private async failed(row: NotificationRow, recipient: Recipient | null, err: unknown, platform: Platform): Promise<void> {
    const now = this.o.clock.now();
    if (err instanceof LostClaimError) {
      this.log.warn({ id: row.id }, 'claim lost while queued; the other worker sends it');
      return;
    }
    if (err instanceof StoppedError) {
      await this.safely(() => this.claims.release(row.id, this.workerId, now));
      return;
    }
    if (err instanceof UnknownOutcomeError) return this.unknownOutcome(row, err, now);
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof PlatformError && err.permanent) {
      this.log.warn({ id: row.id, userId: row.userId, platform: err.platform, code: err.code }, recipient ? 'platform refused for good; identity marked unreachable' : 'group chat refused for good; retired');
      if (recipient) await this.safely(() => markUnreachable(this.o.db, recipient.identityId));
      return this.finish(row, 'failed', () => this.claims.retire(row.id, this.workerId, `permanent: ${message}`, now));
    }
    const retryAfter = err instanceof PlatformError ? err.retryAfterMs : undefined;
    if (retryAfter) this.limiters.for(platform).pauseFor(retryAfter);
    if (row.attempts >= this.o.maxAttempts) {
      this.log.error({ id: row.id, attempts: row.attempts, err: message }, 'notification failed too often; retired');
      return this.finish(row, 'failed', () => this.claims.retire(row.id, this.workerId, `gave up after ${row.attempts} attempts: ${message}`, now));
    }
    const backoff = Math.min(this.o.maxBackoffMs, Math.max(retryAfter ?? 0, this.o.baseBackoffMs * 2 ** Math.max(0, row.attempts - 1)));
    this.log.warn({ id: row.id, attempts: row.attempts, backoffMs: backoff, err: message }, 'send failed; will retry');
    await this.safely(() => this.claims.markRetry(row.id, this.workerId, new Date(now.getTime() + backoff), message, now));
    this.poke();
  }

  /**
   * The platform may or may not have shown the message. Counted as an uncertain send and retried
   * soon (inside a de-duplicating platform's window); the retry follows `resendDecision`, so where the
   * platform cannot tell it is sent at most once more.
   */
  private async unknownOutcome(row: NotificationRow, err: UnknownOutcomeError, now: Date): Promise<void> {
    this.log.warn({ id: row.id, platform: err.platform, code: err.code, uncertainSends: row.uncertainSends + 1 }, 'send outcome unknown; the message may have arrived');
    await this.safely(() => this.claims.markRetry(row.id, this.workerId, new Date(now.getTime() + this.o.unknownRetryMs), `outcome unknown: ${err.message}`, now, true));
    this.poke();
  }

  private async finish(row: NotificationRow, outcome: DeliveryOutcome, record: () => Promise<unknown>): Promise<void> {
    await this.safely(record);
    await this.safely(() => this.planner.afterDelivery(row, outcome));
  }

  private async safely(fn: () => Promise<unknown>): Promise<void> {
    try { await fn(); } catch (err) { this.log.error({ err }, 'scheduler bookkeeping failed'); }
  }
}
