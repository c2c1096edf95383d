/**
 * "Did you mean…?": when the classifier is unsure whether (or how) a message asks for a change, it
 * gives the likeliest readings instead of acting on a guess. This asks which one was meant — one
 * button per reading plus "None of these", and the same choices numbered in the text for the
 * terminal, which has no buttons — and later runs only the reading the person picked.
 *
 * The open choice is kept per person per chat, in memory, for a few minutes on the injected clock
 * (like PendingQuestions). Each question gets a fresh random token that its buttons carry, so a
 * press only counts for that very question asked of that very person: a stale, forged or someone
 * else's press finds nothing and changes nothing. Anything else the person writes drops the
 * question silently and is handled as usual.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.ts';
import { lruCache, type LruCache } from '../core/lru.ts';
import type { Reply, ReplyAction } from '../core/reply.ts';
import { wallTime } from '../core/zoned-time.ts';
import { formatDate, formatTime, isMessageKey, t, type Language, type MessageKey } from '../i18n/index.ts';
import { buttonData } from '../tools/buttons.ts';
import type { Reading } from './classifier.ts';
import type { TurnContext } from './context.ts';

/** Button data carries one digit, and "none" is 0: at most this many readings are offered. */
const MAX_READINGS = 3;
/** A reading's words in a button label are cut here (Discord allows 80 characters a label). */
const MAX_WHAT = 40;

/** A question waiting for its answer. */
export interface OpenChoice {
  token: string;
  readings: Reading[];
  /** The person's own words, which the picked reading is run against (time checks, "remind me"). */
  source?: string;
}

/** A short random token that ties a button press to one question (6 bytes → 8 base64url characters). */
function randomToken(): string {
  return randomBytes(6).toString('base64url');
}

/**
 * The open choices: at most one per person per chat, expired after `ttlMs` on the injected clock,
 * least recently asked dropped past `maxEntries`. After a restart the person simply asks again.
 */
export class OpenChoices {
  readonly #open: LruCache<string, OpenChoice>;
  constructor(clock: Clock, ttlMs = 5 * 60_000, maxEntries = 20_000, private readonly newToken: () => string = randomToken) {
    this.#open = lruCache({ max: maxEntries, ttlMs, clock });
  }

  /** Opens a question (replacing any open one of this person in this chat). */
  open(key: string, readings: readonly Reading[], source?: string): OpenChoice {
    const choice: OpenChoice = { token: this.newToken(), readings: readings.slice(0, MAX_READINGS), ...(source !== undefined && { source }) };
    this.#open.set(key, choice);
    return choice;
  }

  /** The open question, if it has not expired. */
  get(key: string): OpenChoice | undefined {
    return this.#open.get(key);
  }

  drop(key: string): void {
    this.#open.delete(key);
  }
}

/** The `n`th reading, 1-based, from what the person typed: "2", "۲", "٢", "second", "doosra", "دوسرا"; 0 for "none". */
export function choiceNumber(text: string): number | null {
  const s = text.trim().toLowerCase().replace(/[.)!؟?۔]+$/u, '').trim();
  if (/^[0-9\u06F0-\u06F9\u0660-\u0669]$/u.test(s)) {
    const code = s.charCodeAt(0);
    return code >= 0x06f0 ? code - 0x06f0 : code >= 0x0660 ? code - 0x0660 : code - 0x30;
  }
  return ORDINALS.get(s) ?? null;
}

const ORDINALS = new Map<string, number>([
  ...['first', '1st', 'pehla', 'pehli', 'pahla', 'پہلا', 'پہلی', 'پہلے'].map((w) => [w, 1] as const),
  ...['second', '2nd', 'doosra', 'dusra', 'doosri', 'dusri', 'دوسرا', 'دوسری', 'دوسرے'].map((w) => [w, 2] as const),
  ...['third', '3rd', 'teesra', 'tesra', 'teesri', 'تیسرا', 'تیسری', 'تیسرے'].map((w) => [w, 3] as const),
  ...['none', 'none of these', 'koi nahi', 'koi nahin', 'کوئی نہیں'].map((w) => [w, 0] as const),
]);

/** Where a reading's words and time are, in the order they name the thing best. */
const WHAT_PARAMS = ['title', 'text', 'content', 'ref', 'query'] as const;
const WHEN_PARAMS = ['at', 'start', 'due'] as const;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_WHAT ? oneLine : `${oneLine.slice(0, MAX_WHAT - 1)}…`;
}

function instantOf(value: unknown): Date | undefined {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/** "at 17:00" today, "Fri 11 Dec at 16:00" on another day, in the person's zone and language. */
function whenText(lang: Language, instant: Date, timeZone: string, now: Date): string {
  const time = formatTime(lang, instant, timeZone);
  const a = wallTime(instant, timeZone);
  const b = wallTime(now, timeZone);
  const today = a.year === b.year && a.month === b.month && a.day === b.day;
  return today ? t(lang, 'clarifyWhenToday', { time }) : t(lang, 'clarifyWhenDay', { day: formatDate(lang, instant, timeZone), time });
}

/** What a button of one reading says: "Add todo: buy milk", "Remind me at 17:00: call mom", "Just chatting". */
export function readingLabel(
  lang: Language, reading: Reading, place: { timeZone: string; now: Date }, describe: (intent: string) => MessageKey | undefined = () => undefined,
): string {
  const raw = WHAT_PARAMS.map((p) => reading.params[p]).find((v) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number');
  const what = raw === undefined ? '…' : clip(String(raw));
  const instant = WHEN_PARAMS.map((p) => instantOf(reading.params[p])).find(Boolean);
  const timed = `clarify_${reading.intent}_at`;
  if (instant && isMessageKey(timed)) return t(lang, timed, { what, when: whenText(lang, instant, place.timeZone, place.now) });
  const plain = `clarify_${reading.intent}`;
  if (isMessageKey(plain)) return t(lang, plain, { what });
  const described = describe(reading.intent);
  const action = described ? t(lang, described) : reading.intent;
  return raw === undefined ? action : t(lang, 'clarify_other', { action, what });
}

/**
 * The question: the choices numbered in the text (for the terminal) and as buttons (everywhere
 * else). `buttons: false` (a channel without them) only changes the hint under the list.
 */
export function clarifyReply(lang: Language, choice: OpenChoice, labels: readonly string[], buttons = true): Reply {
  const none = t(lang, 'clarifyNone');
  const lines = [...labels, none].map((label, i) => `${i + 1}. ${label}`);
  const actions: ReplyAction[] = labels.map((label, i) => ({ label, data: buttonData({ verb: 'pick', token: choice.token, choice: i + 1 }), style: i === 0 ? 'primary' : 'secondary' }));
  actions.push({ label: none, data: buttonData({ verb: 'pick', token: choice.token, choice: 0 }), style: 'secondary' });
  const hint = t(lang, buttons ? 'clarifyHowToAnswer' : 'clarifyHowToAnswerByNumber');
  return { text: [t(lang, 'clarifyQuestion'), ...lines, hint].join('\n'), actions, language: lang };
}

/** Runs one reading through the router's normal path (missing params asked, Undo offered). */
export type RunReading = (turn: TurnContext, reading: Reading, source?: string) => Promise<Reply>;

/** Asks "Did you mean…?" and acts on the answer, by button or by number. */
export class Clarifier {
  constructor(
    private readonly choices: OpenChoices,
    private readonly run: RunReading,
    private readonly describe: (intent: string) => MessageKey | undefined = () => undefined,
  ) {}

  /** Opens the question for `readings` (best first) and returns it; nothing is run. */
  ask(turn: TurnContext, readings: readonly Reading[], source?: string): Reply {
    const choice = this.choices.open(turn.chatKey, readings.map(({ intent, params, missing }) => ({ intent, params, ...(missing && { missing }) })), source);
    const place = { timeZone: turn.svc.timeZone, now: turn.svc.now };
    const buttons = turn.outlet?.channel.capabilities.buttons !== false;
    return clarifyReply(turn.lang, choice, choice.readings.map((r) => readingLabel(turn.lang, r, place, this.describe)), buttons);
  }

  /** Drops the open question of this person in this chat (they moved on). */
  drop(turn: TurnContext): void {
    this.choices.drop(turn.chatKey);
  }

  /**
   * A typed answer while a question is open: a listed number picks that reading (the one after the
   * readings, or "none", cancels). Anything else drops the question and returns null, so the
   * message is handled as usual.
   */
  async answerText(turn: TurnContext, text: string): Promise<Reply | null> {
    const choice = this.choices.get(turn.chatKey);
    if (!choice) return null;
    this.choices.drop(turn.chatKey);
    const n = choiceNumber(text);
    if (n === null || n > choice.readings.length + 1) return null;
    if (n === 0 || n === choice.readings.length + 1) return { text: t(turn.lang, 'clarifyNothingChanged'), language: turn.lang };
    return this.run(turn, choice.readings[n - 1]!, choice.source);
  }

  /**
   * A pressed button: runs the picked reading (or cancels) and edits the question in place. A press
   * whose token is not this person's open question here (stale, forged, someone else's) does nothing.
   */
  async press(turn: TurnContext, token: string, picked: number): Promise<Reply> {
    const choice = this.choices.get(turn.chatKey);
    if (!choice || choice.token !== token || picked > choice.readings.length) {
      return { text: t(turn.lang, 'clarifyExpired'), language: turn.lang, ephemeral: true };
    }
    this.choices.drop(turn.chatKey);
    if (picked === 0) return { text: t(turn.lang, 'clarifyNothingChanged'), language: turn.lang, replaceOriginal: true };
    const reply = await this.run(turn, choice.readings[picked - 1]!, choice.source);
    return { ...reply, replaceOriginal: true };
  }
}
