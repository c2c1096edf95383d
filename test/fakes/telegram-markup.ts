/**
 * A conservative check of Telegram `parse_mode` text, so the fake Bot API rejects what the real one
 * rejects with the same "Bad Request: can't parse entities: ..." description. Assistant replies are
 * generated text, and unescaped MarkdownV2 / unbalanced HTML is the most common way a Telegram bot
 * silently fails in production; a fake that accepts everything would hide that.
 *
 * Conservative on purpose: it only flags text that Telegram certainly rejects (reserved MarkdownV2
 * characters, unclosed entities, unsupported or mismatched HTML tags). It does not compute entities.
 */

/** Returns the Telegram error description for bad `parse_mode` text, or null if it is acceptable. */
export function checkParseMode(text: string, parseMode: unknown): string | null {
  if (typeof parseMode !== 'string' || parseMode === '') return null;
  const mode = parseMode.toLowerCase();
  const problem = mode === 'html' ? checkHtml(text) : mode === 'markdownv2' ? checkMarkdownV2(text) : mode === 'markdown' ? checkLegacyMarkdown(text) : `Unsupported parse_mode`;
  if (problem === 'Unsupported parse_mode') return 'Bad Request: unsupported parse_mode';
  return problem === null ? null : `Bad Request: can't parse entities: ${problem}`;
}

const byteOffset = (text: string, i: number): number => Buffer.byteLength(text.slice(0, i), 'utf8');

const HTML_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'tg-emoji', 'code', 'pre', 'blockquote']);

function checkHtml(text: string): string | null {
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '<') continue;
    const close = text.indexOf('>', i);
    if (close === -1) return `Unclosed start tag at byte offset ${byteOffset(text, i)}`;
    const inner = text.slice(i + 1, close);
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim().toLowerCase();
      const open = stack.pop();
      if (open === undefined) return `Unexpected end tag at byte offset ${byteOffset(text, i)}`;
      if (name !== '' && name !== open) {
        return `Unmatched end tag at byte offset ${byteOffset(text, i)}, expected "</${open}>", found "</${name}>"`;
      }
    } else {
      const name = (/^([a-zA-Z][\w-]*)/.exec(inner)?.[1] ?? '').toLowerCase();
      if (!HTML_TAGS.has(name)) return `Unsupported start tag "${name || inner}" at byte offset ${byteOffset(text, i)}`;
      if (name === 'span' && !/class\s*=\s*["']?tg-spoiler/.test(inner)) {
        return `Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(text, i)}`;
      }
      stack.push(name);
    }
    i = close;
  }
  const open = stack.pop();
  return open === undefined ? null : `Can't find end tag corresponding to start tag "${open}"`;
}

const MDV2_NAMES: Record<string, string> = { '*': 'Bold', _: 'Italic', __: 'Underline', '~': 'Strikethrough', '||': 'Spoiler', '[': 'TextUrl' };

function checkMarkdownV2(text: string): string | null {
  const stack: { token: string; at: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const code = c.charCodeAt(0);
    if (c === '\\' && i + 1 < text.length && text.charCodeAt(i + 1) > 0 && text.charCodeAt(i + 1) <= 126) {
      i += 2;
      continue;
    }
    if (code > 126 || !'_*[]()~`>#+-=|{}.!'.includes(c)) {
      i++;
      continue;
    }
    if (c === '`') {
      const fence = text.startsWith('```', i) ? '```' : '`';
      const end = findUnescaped(text, fence, i + fence.length);
      if (end === -1) return `Can't find end of ${fence === '`' ? 'Code' : 'Pre'} entity at byte offset ${byteOffset(text, i)}`;
      i = end + fence.length;
      continue;
    }
    if (c === '>' && (i === 0 || text[i - 1] === '\n')) {
      i++;
      continue;
    }
    const token = c === '_' && text[i + 1] === '_' ? '__' : c === '|' && text[i + 1] === '|' ? '||' : c;
    if (token === ']') {
      const top = stack[stack.length - 1];
      if (top?.token !== '[') return reserved(c);
      stack.pop();
      if (text[i + 1] === '(') {
        const end = findUnescaped(text, ')', i + 2);
        if (end === -1) return `Can't find end of a URL at byte offset ${byteOffset(text, i + 1)}`;
        i = end + 1;
      } else i++;
      continue;
    }
    if (token in MDV2_NAMES) {
      const top = stack[stack.length - 1];
      if (top && top.token === token && token !== '[') stack.pop();
      else stack.push({ token, at: i });
      i += token.length;
      continue;
    }
    return reserved(c);
  }
  const open = stack.pop();
  return open ? `Can't find end of ${MDV2_NAMES[open.token] ?? 'the'} entity at byte offset ${byteOffset(text, open.at)}` : null;
}

function reserved(c: string): string {
  return `Character '${c}' is reserved and must be escaped with the preceding '\\'`;
}

function findUnescaped(text: string, needle: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\\') {
      j++;
      continue;
    }
    if (text.startsWith(needle, j)) return j;
  }
  return -1;
}

function checkLegacyMarkdown(text: string): string | null {
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\' && '_*`['.includes(text[i + 1] ?? '')) {
      i += 2;
      continue;
    }
    if (c === '*' || c === '_' || c === '`') {
      const fence = c === '`' && text.startsWith('```', i) ? '```' : c;
      const end = text.indexOf(fence, i + fence.length);
      if (end === -1) return `Can't find end of the entity starting at byte offset ${byteOffset(text, i)}`;
      i = end + fence.length;
      continue;
    }
    if (c === '[') {
      const close = text.indexOf(']', i + 1);
      if (close === -1) return `Can't find end of the entity starting at byte offset ${byteOffset(text, i)}`;
      i = close + 1;
      continue;
    }
    i++;
  }
  return null;
}
