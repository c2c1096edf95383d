import { platformErrorVerdict, REPLY_BACKOFF, withBackoff } from '../core/backoff.ts';
import type { Channel, MessageHandle } from '../core/channel.ts';
import { sleep, type CancelTimer, type Clock } from '../core/clock.ts';
import { PlatformError } from '../core/errors.ts';
import type { ConversationRef } from '../core/inbound.ts';
import type { Card, Reply, ReplyAction } from '../core/reply.ts';

/** What a reply stream needs: where to write, the clock that paces it, and what to show while it runs. */
export interface ReplyStreamOptions {
  channel: Channel;
  conversation: ConversationRef;
  clock: Clock;
  language?: 'en' | 'ur';
  /** Buttons on the growing message (the Stop button), removed when it is final. */
  streamingActions?: ReplyAction[];
  /** Shown when no text has arrived `placeholderAfterMs` after `start()` (default "…"; off without a delay). */
  placeholder?: string;
  placeholderAfterMs?: number;
  /** Told about a write that failed (for logs); the stream carries on. */
  onWriteError?: (error: unknown) => void;
}

/** The final message content: exact text plus the card and buttons of the finished answer. */
export interface FinalReply {
  text: string;
  card?: Card;
  actions?: ReplyAction[];
}

interface Shown {
  handle?: MessageHandle;
  /** Identity of what the platform shows now (text + buttons), to never repeat an identical edit. */
  key: string;
  /** The platform refused to edit this message for good; its text goes out as a new message. */
  broken: boolean;
}

const MAX_WRITE_ATTEMPTS = 4;
/**
 * The stream's own retries stop this long after a write began. Channels that retry themselves
 * (Telegram, Discord) use longer, so a write that comes back failed after their retries is not
 * repeated again here; a channel without retries still gets a few within this window.
 */
const WRITE_DEADLINE_MS = 60_000;

/**
 * Streams a growing answer to any Channel by sending one message and editing it. Tokens are
 * buffered and flushed no more often than the channel's minimum edit interval (DM or group), the
 * first text goes out at once, text longer than the channel's limit continues in a new message
 * split on a line or word boundary, a `retryAfterMs` from the platform is waited out on the clock,
 * and `finish` always leaves the exact final text on screen (re-sent as a new message when an edit
 * is refused for good). Platform-independent: it only knows the Channel port and the Clock.
 */
export class ReplyStream {
  readonly #o: ReplyStreamOptions;
  readonly #interval: number;
  readonly #max: number;
  #text = '';
  #shown: Shown[] = [];
  #lastWriteAt: number | undefined;
  #timer: CancelTimer | undefined;
  #placeholderTimer: CancelTimer | undefined;
  #writing: Promise<void> | undefined;
  #finishing = false;
  #dirty = false;
  #sends = 0;
  #edits = 0;

  constructor(options: ReplyStreamOptions) {
    this.#o = options;
    const caps = options.channel.capabilities;
    this.#interval = options.conversation.kind === 'group' ? caps.minEditIntervalGroupMs : caps.minEditIntervalDmMs;
    this.#max = Math.max(16, caps.maxMessageLength);
  }

  /** Everything pushed so far. */
  get text(): string {
    return this.#text;
  }

  /** How many messages were sent and edited (the bench counts these). */
  get writes(): { sends: number; edits: number } {
    return { sends: this.#sends, edits: this.#edits };
  }

  /** Shows "typing…" and, when `placeholderAfterMs` is set, arms the placeholder for a slow first token. */
  start(): void {
    void this.#o.channel.typing?.(this.#o.conversation)?.catch(() => {});
    if (this.#o.placeholderAfterMs === undefined) return;
    this.#placeholderTimer = this.#o.clock.setTimeout(() => {
      this.#placeholderTimer = undefined;
      if (this.#text || this.#finishing || this.#shown.length) return;
      this.#kick(this.#o.placeholder ?? '…');
    }, this.#o.placeholderAfterMs);
  }

  /** Adds text; a flush follows now or when the edit interval allows. */
  push(delta: string): void {
    if (!delta || this.#finishing) return;
    this.#text += delta;
    this.#dirty = true;
    this.#schedule();
  }

  /**
   * Delivers the final reply (default: the text pushed so far) and stops. Waits for the edit
   * interval like any other flush, then writes only what differs from what is shown.
   */
  async finish(final: FinalReply = { text: this.#text }): Promise<void> {
    this.#finishing = true;
    this.#text = final.text;
    this.#placeholderTimer?.();
    this.#timer?.();
    this.#timer = undefined;
    await this.#writing;
    await this.#waitInterval();
    await this.#flush(final);
  }

  #schedule(): void {
    if (this.#finishing || this.#timer || this.#writing) return;
    const wait = this.#lastWriteAt === undefined ? 0 : this.#lastWriteAt + this.#interval - this.#o.clock.now().getTime();
    if (wait <= 0) this.#kick();
    else this.#timer = this.#o.clock.setTimeout(() => { this.#timer = undefined; this.#kick(); }, wait);
  }

  #kick(placeholder?: string): void {
    if (this.#writing) return;
    const write = this.#flush(undefined, placeholder);
    this.#writing = write.finally(() => {
      this.#writing = undefined;
      if (this.#dirty) this.#schedule();
    });
  }

  async #waitInterval(): Promise<void> {
    if (this.#lastWriteAt === undefined) return;
    const wait = this.#lastWriteAt + this.#interval - this.#o.clock.now().getTime();
    if (wait > 0) await sleep(this.#o.clock, wait);
  }

  /** Makes the platform show the current text (or `final`), message by message. */
  async #flush(final?: FinalReply, placeholder?: string): Promise<void> {
    const text = placeholder ?? this.#text;
    if (!placeholder) this.#dirty = false;
    if (!text) return;
    const chunks = splitMessage(text, this.#max);
    let wrote = false;
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      const reply: Reply = {
        text: chunk,
        ...(this.#o.language && { language: this.#o.language }),
        ...(final ? last && { ...(final.card && { card: final.card }), ...(final.actions?.length && { actions: final.actions }) } : last && this.#o.streamingActions?.length && { actions: this.#o.streamingActions }),
      };
      const k = key(chunk, reply.actions, reply.card);
      const shown = this.#shown[i];
      if (shown && shown.key === k) continue;
      // One write per interval, even when a split needs two (finish the full piece, start the next):
      // streaming leaves the rest to the next flush, the final flush waits its turn.
      if (wrote) {
        if (!final) {
          this.#dirty = true;
          return;
        }
        await this.#waitInterval();
      }
      wrote = true;
      if (shown?.handle && !shown.broken) {
        const result = await this.#write(() => this.#o.channel.edit(shown.handle!, reply), 'edit');
        if (result === 'ok') shown.key = k;
        else if (final || result === 'permanent') shown.broken = true;
        else return;
      }
      if (!shown?.handle || shown.broken) {
        // During streaming a refused message waits for the final text instead of spamming new ones.
        if (shown?.broken && !final) return;
        let handle: MessageHandle | undefined;
        const result = await this.#write(async () => { handle = await this.#o.channel.send(this.#o.conversation, reply); }, 'send');
        if (result !== 'ok') return;
        this.#shown[i] = { handle, key: k, broken: false };
      }
    }
  }

  /** One write with the platform's back-pressure honoured (the one backoff helper, on the clock); how it ended. */
  async #write(op: () => Promise<void>, kind: 'send' | 'edit'): Promise<'ok' | 'permanent' | 'failed'> {
    const policy = { ...REPLY_BACKOFF, maxRetries: MAX_WRITE_ATTEMPTS - 1, deadlineMs: WRITE_DEADLINE_MS, baseDelayMs: Math.max(this.#interval, 250), maxDelayMs: 10_000 };
    try {
      await withBackoff(async () => {
        this.#lastWriteAt = this.#o.clock.now().getTime();
        if (kind === 'send') this.#sends++;
        else this.#edits++;
        try {
          await op();
        } catch (error) {
          this.#o.onWriteError?.(error);
          throw error;
        }
      }, { clock: this.#o.clock, policy, classify: (error) => (error instanceof PlatformError ? platformErrorVerdict(error) : { retry: true }) });
      return 'ok';
    } catch (error) {
      return error instanceof PlatformError && error.permanent ? 'permanent' : 'failed';
    }
  }
}

function key(text: string, actions?: readonly ReplyAction[], card?: Card): string {
  return JSON.stringify([text, actions?.map((a) => a.data) ?? [], card ?? null]);
}

/**
 * Splits text into pieces of at most `max` UTF-16 units, cutting after a newline, else after a
 * space, in the second half of the piece; else at `max` (never inside a surrogate pair). The pieces
 * join back to exactly the input, and earlier pieces never change as text is appended.
 */
export function splitMessage(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const head = rest.slice(0, max);
    let cut = head.lastIndexOf('\n') + 1;
    if (cut <= max / 2) cut = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t')) + 1;
    if (cut <= max / 2) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut--;
    }
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}
