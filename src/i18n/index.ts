import { en, type MessageKey } from './en.ts';
import { ur } from './ur.ts';
import { wallTime } from '../core/zoned-time.ts';

export type { MessageKey } from './en.ts';

/** Languages ClawChat answers in. */
export type Language = 'en' | 'ur';

const catalogs: Record<Language, Record<MessageKey, string>> = { en, ur };

/** True when `key` names a message (for keys carried inside errors). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Looks up a message and fills `{name}` placeholders; unknown placeholders stay visible. */
export function t(lang: Language, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = catalogs[lang][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: Language, timeZone: string, kind: 'datetime' | 'date' | 'time'): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${kind}`;
  let f = dateFormats.get(key);
  if (!f) {
    const locale = lang === 'ur' ? 'ur-PK' : 'en-GB';
    const opts: Intl.DateTimeFormatOptions =
      kind === 'time' ? { hour: '2-digit', minute: '2-digit', hour12: false }
      : kind === 'date' ? { weekday: 'short', day: 'numeric', month: 'short' }
      : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false };
    f = new Intl.DateTimeFormat(locale, { ...opts, timeZone });
    dateFormats.set(key, f);
  }
  return f;
}

/** "Sat 21 Nov, 17:00" in the user's zone and language; the year is added when it is not this year's. */
export function formatDateTime(lang: Language, instant: Date, timeZone: string, now?: Date): string {
  const text = fmt(lang, timeZone, 'datetime').format(instant);
  if (now && wallTime(now, timeZone).year !== wallTime(instant, timeZone).year) return `${text} ${wallTime(instant, timeZone).year}`;
  return text;
}

/** "Sat 21 Nov" in the user's zone and language. */
export function formatDate(lang: Language, instant: Date, timeZone: string): string {
  return fmt(lang, timeZone, 'date').format(instant);
}

/** "17:00" in the user's zone. */
export function formatTime(lang: Language, instant: Date, timeZone: string): string {
  return fmt(lang, timeZone, 'time').format(instant);
}
