import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';

/** What `.env` held: its settings, and each line that could not be read (named by line number). */
export interface EnvFile {
  /** The file that was read, or undefined when there is none. */
  file: string | undefined;
  values: Record<string, string>;
  problems: string[];
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/;
const QUOTES = ['"', "'", '`'];

/**
 * Reads `.env` from `dir` (the working directory), as `.env.example` tells people to create it.
 * Parsing is Node's own (`util.parseEnv`: quotes, multi-line values, `#` comments); but Node skips
 * or silently merges lines it cannot read (a line without `=` swallows the next one), so each line
 * is checked first and a bad one is reported by number — never by content, which may be a token.
 * A missing file is no problem; an unreadable one is.
 */
export function readEnvFile(dir: string = process.cwd()): EnvFile {
  const file = path.resolve(dir, '.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, ''); // editors on Windows may save a BOM
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file: undefined, values: {}, problems: [] };
    return { file, values: {}, problems: [`.env: could not be read (${code ?? 'unknown error'})`] };
  }
  const problems = malformedLines(text);
  if (problems.length) {
    // Keep what can be read: every other setting is still checked, so all problems show at once.
    const good = text.split(/\r?\n/).filter((_, i) => !problems.some((p) => p.startsWith(`.env line ${i + 1}:`))).join('\n');
    return { file, values: parseEnv(good) as Record<string, string>, problems };
  }
  return { file, values: parseEnv(text) as Record<string, string>, problems };
}

/** One message per line that is neither blank, a comment, `NAME=value`, nor inside a quoted value. */
function malformedLines(text: string): string[] {
  const problems: string[] = [];
  let openQuote: string | undefined;
  let openLine = 0;
  text.split(/\r?\n/).forEach((line, i) => {
    if (openQuote) {
      if (line.includes(openQuote)) openQuote = undefined;
      return;
    }
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = ASSIGNMENT.exec(line);
    if (!match) {
      const name = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)/.exec(line)?.[1];
      problems.push(`.env line ${i + 1}: expected NAME=value${name ? ` (the line starts with ${name} but has no "=")` : ''}`);
      return;
    }
    const value = match[2]!.trim();
    const quote = QUOTES.find((q) => value.startsWith(q));
    if (quote && !value.slice(1).includes(quote)) {
      openQuote = quote;
      openLine = i + 1;
    }
  });
  if (openQuote) problems.push(`.env line ${openLine}: the value opened with ${openQuote} is never closed`);
  return problems;
}
