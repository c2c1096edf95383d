/**
 * A tiny model of a terminal screen, so a test can read back what the terminal chat *shows* rather
 * than the raw bytes it wrote. It understands exactly what ConsoleChannel emits on a TTY: text,
 * `\n`, `\r`, cursor-up (`ESC[nA`) and erase-below (`ESC[J`); anything else throws, so a new
 * escape sequence in the adapter cannot slip past unread. Lines have no width limit (no wrapping).
 *
 * Each screen line remembers which message wrote it (`owner`, set by whoever drives the terminal,
 * see `ownedBy`) and which copy of it: a lone "\n" written on another message's line ends that
 * message (ConsoleChannel.close), so if it is written again later, that is a fresh copy below and
 * `messageText` reads the newest copy. In-place redraws and appended text stay in the same copy.
 */
import { Writable } from 'node:stream';

interface ScreenLine {
  text: string;
  owner?: string;
  copy?: number;
}

/** A screen fed through `stream`; read it back per message with `messageText` / `messages`. */
export class VirtualTerminal {
  readonly stream: Writable;
  #lines: ScreenLine[] = [{ text: '' }];
  #row = 0;
  #col = 0;
  #owner: string | undefined;
  /** The copy each unfinished message is writing; a finished message gets a new one when written again. */
  #copies = new Map<string, number>();
  #nextCopy = 1;

  constructor() {
    // A synchronous sink: each write reaches the screen before write() returns.
    this.stream = new Writable({ decodeStrings: false, write: (chunk, _enc, cb) => { this.write(String(chunk)); cb(); } });
  }

  /** Runs `fn` with every line it writes attributed to `owner`, then renames `owner` to what `rename` says. */
  async ownedBy<T>(owner: string, fn: () => Promise<T>, rename?: (result: T) => string): Promise<T> {
    const previous = this.#owner;
    this.#owner = owner;
    try {
      const result = await fn();
      const to = rename?.(result);
      if (to !== undefined && to !== owner) {
        for (const line of this.#lines) if (line.owner === owner) line.owner = to;
        const copy = this.#copies.get(owner);
        this.#copies.delete(owner);
        if (copy !== undefined) this.#copies.set(to, copy);
      }
      return result;
    } finally {
      this.#owner = previous;
    }
  }

  /** What the screen shows for one message: its last contiguous run of lines (trailing blank lines dropped). */
  messageText(owner: string): string | undefined {
    const runs = this.#runs().filter((r) => r.owner === owner);
    return runs.at(-1)?.text;
  }

  /** Every message on screen, top to bottom (a message redrawn as a fresh copy appears twice, as on a real terminal). */
  messages(): string[] {
    return this.#runs().map((r) => r.text);
  }

  /** The whole screen as text. */
  get screen(): string {
    return this.#lines.map((l) => l.text).join('\n');
  }

  write(data: string): void {
    if (data === '\n' && this.#lines[this.#row]!.owner !== this.#owner) {
      // Another message's terminator: it is finished; the new line belongs to nobody yet.
      const ended = this.#lines[this.#row]!.owner;
      if (ended !== undefined) this.#copies.delete(ended);
      this.#row++;
      this.#col = 0;
      if (this.#row === this.#lines.length) this.#lines.push({ text: '' });
      this.#lines[this.#row] = { text: this.#lines[this.#row]!.text };
      return;
    }
    let i = 0;
    while (i < data.length) {
      const c = data[i]!;
      if (c === '\n') {
        this.#row++;
        this.#col = 0;
        if (this.#row === this.#lines.length) this.#lines.push({ text: '' });
        this.#own(this.#lines[this.#row]!);
        i++;
      } else if (c === '\r') {
        this.#col = 0;
        i++;
      } else if (c === '\x1b') {
        const m = /^\x1b\[(\d*)([A-Za-z])/.exec(data.slice(i, i + 16));
        if (!m) throw new Error(`VirtualTerminal: unsupported escape ${JSON.stringify(data.slice(i, i + 8))}`);
        const n = m[1] === '' ? undefined : Number(m[1]);
        if (m[2] === 'A') this.#row = Math.max(0, this.#row - (n ?? 1));
        else if (m[2] === 'J' && (n ?? 0) === 0) {
          const line = this.#lines[this.#row]!;
          line.text = line.text.slice(0, this.#col);
          if (this.#col === 0) this.#own(line);
          this.#lines.length = this.#row + 1;
        } else throw new Error(`VirtualTerminal: unsupported escape ${JSON.stringify(m[0])}`);
        i += m[0].length;
      } else {
        let j = i;
        while (j < data.length && data[j] !== '\n' && data[j] !== '\r' && data[j] !== '\x1b') j++;
        const run = data.slice(i, j);
        const line = this.#lines[this.#row]!;
        line.text = line.text.slice(0, this.#col).padEnd(this.#col) + run + line.text.slice(this.#col + run.length);
        this.#own(line);
        this.#col += run.length;
        i = j;
      }
    }
  }

  #own(line: ScreenLine): void {
    line.owner = this.#owner;
    if (this.#owner === undefined) {
      delete line.copy;
      return;
    }
    let copy = this.#copies.get(this.#owner);
    if (copy === undefined) this.#copies.set(this.#owner, (copy = this.#nextCopy++));
    line.copy = copy;
  }

  /** Consecutive lines of one copy of one message; blank-only runs are not messages. */
  #runs(): { owner: string; text: string }[] {
    const runs: { owner: string; copy?: number; lines: string[] }[] = [];
    for (const line of this.#lines) {
      const last = runs.at(-1);
      if (line.owner === undefined) continue;
      if (last && last.owner === line.owner && last.copy === line.copy) last.lines.push(line.text);
      else runs.push({ owner: line.owner, copy: line.copy, lines: [line.text] });
    }
    return runs.filter((r) => r.lines.some((l) => l !== '')).map((r) => {
      const lines = [...r.lines];
      while (lines.length > 1 && lines.at(-1) === '') lines.pop();
      return { owner: r.owner, text: lines.join('\n') };
    });
  }
}
