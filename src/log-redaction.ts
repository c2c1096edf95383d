/**
 * The one redaction every log line (and every last-resort error print) goes through. Secrets reach
 * logs in many shapes: a bot token inside a URL quoted by a fetch error three `cause`s deep, an
 * `Authorization` header on a REST error, grammY's webhook context with `api.token`, a key nested
 * in a request payload. A list of top-level paths misses most of these, so instead each logged
 * value is walked once: errors become plain objects (message, stack, own fields, `cause` chain,
 * AggregateError's `errors`), values under secret-looking keys are replaced, and every string is
 * scrubbed of the exact configured secret values (and their URL-encoded forms) plus the shapes of
 * tokens we know. The walk is bounded (depth, keys, items) and cycle-safe so a huge or circular
 * object costs little and never throws.
 */

const CENSOR = '[redacted]';
const MAX_DEPTH = 8;
const MAX_KEYS = 100;
const MAX_ITEMS = 50;
/** Shorter values would censor ordinary words; the token-shaped patterns still cover those settings. */
const MIN_SECRET_LENGTH = 4;

/**
 * Keys whose value is a credential whatever it looks like. Compared lower-cased with `-` and `_`
 * removed, so `api_key`, `apiKey`, `X-Telegram-Bot-Api-Secret-Token` and `OPENAI_API_KEY` all match;
 * plurals such as `tokens` (model usage counts) do not.
 */
const SECRET_KEY = /(?:token|secret|password|passwd|apikey|authorization|cookie|credentials?|privatekey)$|^auth$/;

/** Token shapes that can hide in text even when the value is not one we were told about. */
const SECRET_SHAPES = [
  /(?<=\bbot)\d+(?::|%3A)[A-Za-z0-9_-]+/g, // Telegram Bot API URLs: …/bot<token>/getUpdates (also URL-encoded)
  /\b\d{6,}(?::|%3A)[A-Za-z0-9_-]{30,}\b/g, // a bare Telegram token
  /\bsk-[A-Za-z0-9_-]{16,}\b/g, // OpenAI-style API keys
  /\b(?:Bearer|Bot)\s+[A-Za-z0-9._~+/-]{16,}=*/g, // Authorization header values (OpenAI, Discord)
  /[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}/g, // a Discord bot token
];
/** Credentials in a URL's user-info part (`postgres://user:password@host`): the password goes. */
const URL_PASSWORD = /(\/\/[^/\s:@]+:)[^/\s@]+@/g;
/** `?token=…`, `&api_key=…` and friends in URLs: the name stays, the value goes. */
const SECRET_QUERY = /([?&](?:access_token|token|api[_-]?key|key|secret|password|auth)=)[^&#\s"']+/gi;

/** Secrets known to this process (configured values); see {@link rememberSecrets}. */
const known = new Set<string>();
/** The known values and the token shapes as one alternation, so a string is scanned once. */
let pattern = buildPattern();

function buildPattern(): RegExp {
  const escaped = [...known].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp([...escaped, ...SECRET_SHAPES.map((re) => re.source)].join('|'), 'g');
}

/**
 * Tells redaction the exact secret values this process was configured with (bot tokens, API keys,
 * the webhook secret). They are process-wide facts, kept here so the last-resort error printers in
 * the process entries scrub them too, even when start-up failed before a logger existed.
 */
export function rememberSecrets(values: Iterable<string | undefined>): void {
  for (const v of values) {
    if (!v || v.length < MIN_SECRET_LENGTH) continue;
    known.add(v);
    known.add(encodeURIComponent(v));
  }
  pattern = buildPattern();
}

/** Masks configured secrets, token-shaped strings and secret query parameters inside a string. */
export function scrubSecrets(text: string): string {
  if (text.length < MIN_SECRET_LENGTH) return text;
  let out = text.replace(pattern, CENSOR);
  if (out.includes('=')) out = out.replace(SECRET_QUERY, `$1${CENSOR}`);
  if (out.includes('@')) out = out.replace(URL_PASSWORD, `$1${CENSOR}@`);
  return out;
}

/** True when a key names a credential (`token`, `Authorization`, `api_key`, `TELEGRAM_WEBHOOK_SECRET`…). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[-_]/g, ''));
}

/**
 * Returns a log-safe copy of any value: JSON-friendly, secrets removed, bounded in size. Strings,
 * numbers and other primitives cost one scrub at most; objects are walked once.
 */
export function redactValue(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  switch (typeof value) {
    case 'string': return scrubSecrets(value);
    case 'number': case 'boolean': case 'undefined': return value;
    case 'bigint': return value.toString();
    case 'function': case 'symbol': return undefined;
  }
  if (value === null) return null;
  const obj = value as object;
  if (obj instanceof Date) return obj;
  if (obj instanceof URL) return scrubSecrets(obj.href);
  if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) return `[binary ${obj.byteLength} bytes]`;
  if (seen.has(obj)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  seen.add(obj);
  try {
    if (obj instanceof Error) return walkError(obj, depth, seen);
    if (Array.isArray(obj)) return walkItems(obj, depth, seen);
    if (obj instanceof Set) return walkItems([...obj], depth, seen);
    if (obj instanceof Map) return walkEntries([...obj.entries()].map(([k, v]) => [String(k), v]), depth, seen);
    if (typeof Headers !== 'undefined' && obj instanceof Headers) return walkEntries([...obj.entries()], depth, seen);
    return walkEntries(ownEntries(obj), depth, seen);
  } finally {
    seen.delete(obj); // the same object twice side by side is not a cycle
  }
}

function ownEntries(obj: object): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const key in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
    let v: unknown;
    try {
      v = (obj as Record<string, unknown>)[key];
    } catch {
      v = '[unreadable]'; // a throwing getter must not break a log line
    }
    out.push([key, v]);
    if (out.length > MAX_KEYS) break;
  }
  return out;
}

function walkEntries(entries: [string, unknown][], depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [key, v] of entries) {
    if (++n > MAX_KEYS) {
      out['…'] = `${entries.length - MAX_KEYS} more keys`;
      break;
    }
    out[key] = isSecretKey(key) && v !== null && typeof v !== 'number' && typeof v !== 'boolean' && v !== undefined
      ? CENSOR
      : walk(v, depth + 1, seen);
  }
  return out;
}

function walkItems(items: unknown[], depth: number, seen: WeakSet<object>): unknown[] {
  const out = items.slice(0, MAX_ITEMS).map((v) => walk(v, depth + 1, seen));
  if (items.length > MAX_ITEMS) out.push(`…${items.length - MAX_ITEMS} more`);
  return out;
}

/** An error as pino would show it (type, message, stack, own fields), with its causes walked too. */
function walkError(error: Error, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.constructor?.name || error.name,
    message: scrubSecrets(String(error.message)),
  };
  // Own fields never replace the type and message above (node-fetch's FetchError has a `type` of its own).
  Object.assign(out, walkEntries(ownEntries(error).filter(([k]) => k !== 'message' && k !== 'stack' && k !== 'type'), depth, seen));
  if (typeof error.stack === 'string') out.stack = scrubSecrets(error.stack);
  if (error.cause !== undefined) out.cause = walk(error.cause, depth + 1, seen);
  if (error instanceof AggregateError && Array.isArray(error.errors)) out.errors = walkItems(error.errors, depth, seen);
  return out;
}
