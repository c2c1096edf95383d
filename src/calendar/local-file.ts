import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';

/** Why a local file could not be read, each with its own reply. */
export type LocalFileProblem = 'missing' | 'notAFile' | 'unreadable' | 'tooBig';

/** A local file's text, or why it was not read. */
export type LocalFileResult = { ok: true; name: string; text: string } | { ok: false; problem: LocalFileProblem };

/**
 * Reads a file named in the terminal chat (`/import path/to/file.ics`) without trusting the name:
 * it must exist and be a regular file (a directory, `/dev/zero` or a pipe is refused before a byte
 * is read), and at most `maxBytes + 1` bytes are ever read, so a file that grows or lies about its
 * size is still refused as too big instead of filling memory.
 */
export async function readLocalFile(file: string, maxBytes: number): Promise<LocalFileResult> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable' };
  }
  if (!info.isFile()) return { ok: false, problem: 'notAFile' };
  if (info.size > maxBytes) return { ok: false, problem: 'tooBig' };
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    // `end` is inclusive: one byte past the cap tells "exactly the cap" from "more than the cap".
    for await (const chunk of createReadStream(file, { start: 0, end: maxBytes })) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).byteLength;
    }
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  if (total > maxBytes) return { ok: false, problem: 'tooBig' };
  return { ok: true, name: path.basename(file), text: Buffer.concat(chunks, total).toString('utf8') };
}
