/**
 * The one edge sanitizer for text that enters ClawChat: chat messages on every platform (through the
 * orchestrator's input guard), tool arguments from MCP clients and models (through the tool
 * registry) and the fields of imported calendar files. NUL and other control characters are never
 * stored: a terminal escape sequence such as `ESC[0m` is removed whole (so its leftover "[0m" cannot
 * be read as "0 minutes"), other control characters are dropped. Newlines and tabs are kept: notes
 * and memos use them.
 */

/* eslint-disable no-control-regex */
/** CSI (`ESC[…m`, `\u009b…`), OSC (`ESC]…BEL` or `ESC]…ESC\`) and two-byte escape sequences. */
const ESCAPE_SEQUENCES = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-Z\\-_]/g;
/** C0 and C1 controls and DEL, except tab (09), newline (0A) and carriage return (0D). */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/* eslint-enable no-control-regex */

/**
 * `text` without escape sequences and control characters (tabs and line breaks kept, `\r\n`
 * becoming `\n`). Idempotent, and the identity on ordinary text.
 */
export function stripControlChars(text: string): string {
  if (!/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCES, '').replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '');
}

/**
 * A copy of `value` with every string in it (object values and keys, array items, nested) passed
 * through stripControlChars; other values as they are. For structured input such as tool arguments.
 */
export function sanitizeStrings<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return stripControlChars(value) as T;
  if (depth > 20 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => sanitizeStrings(v, depth + 1)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[stripControlChars(k)] = sanitizeStrings(v, depth + 1);
  return out as T;
}
