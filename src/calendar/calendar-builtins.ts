import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_ATTACHMENT_BYTES } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';
import { t } from '../i18n/index.ts';
import type { BuiltinHandler } from '../orchestrator/builtins.ts';
import type { TurnContext } from '../orchestrator/context.ts';
import type { CalendarExchange } from './calendar-exchange.ts';
import { IcsFormatError } from './ics-import.ts';
import { readLocalFile, type LocalFileProblem } from './local-file.ts';

/** Largest .ics file /import reads (the size adapters stop downloading at). */
export const MAX_IMPORT_BYTES = MAX_ATTACHMENT_BYTES;

/** Where the terminal chat saves exported files. */
export interface CalendarBuiltinOptions {
  exportDir: string;
}

/**
 * `/export` answers with the calendar (.ics) and open todos (.md) of the current list as reply
 * files; in the terminal they are saved under `exportDir` and the reply names the paths.
 * `/import` reads the .ics file attached to the command; in the terminal (only there, since it
 * reads this machine's disk) `/import path/to/file.ics` reads a local file.
 */
export function calendarBuiltins(exchange: CalendarExchange, options: CalendarBuiltinOptions): Record<'export' | 'import', BuiltinHandler> {
  return {
    async export(turn) {
      const lang = turn.lang;
      const name = turn.tool.spaceTitle ?? turn.tool.userName;
      const result = await exchange.export(turn.svc, lang, name);
      let text = t(lang, 'exportDone', { events: result.events, todos: result.datedTodos, open: result.openTodos });
      if (turn.conversation.platform === 'console') {
        await mkdir(options.exportDir, { recursive: true });
        const paths: string[] = [];
        for (const file of result.files) {
          const target = path.resolve(options.exportDir, file.name);
          await writeFile(target, file.content);
          paths.push(target);
        }
        text += `\n${t(lang, 'exportSaved', { paths: paths.join('\n') })}`;
      }
      return { text, files: result.files, language: lang };
    },
    async import(turn, args) {
      const lang = turn.lang;
      const reply = (text: string): Reply => ({ text, language: lang });
      const file = await attachedFile(turn, args);
      if (file === 'tooBig') return reply(t(lang, 'importTooBig', { max: MAX_IMPORT_BYTES / 1000 }));
      if (!file) return reply(t(lang, 'importNeedsFile'));
      if ('problem' in file) return reply(t(lang, PROBLEM_KEYS[file.problem], { path: file.path, max: MAX_IMPORT_BYTES / 1000 }));
      try {
        const result = await exchange.import(turn.svc, file.text);
        return reply(t(lang, 'importDone', { added: result.added, skipped: result.skipped, name: file.name }));
      } catch (error) {
        if (error instanceof IcsFormatError) return reply(t(lang, 'importUnreadable'));
        throw error;
      }
    },
  };
}

const PROBLEM_KEYS = {
  missing: 'importFileMissing', notAFile: 'importNotAFile', unreadable: 'importFileUnreadable', tooBig: 'importTooBig',
} as const satisfies Record<LocalFileProblem, string>;

/**
 * The command's attachment, or in the terminal a local file named by the arguments (read with a
 * size cap; a missing path, a directory or device, or an unreadable file each say so).
 */
async function attachedFile(turn: TurnContext, args: string): Promise<{ name: string; text: string } | { problem: LocalFileProblem; path: string } | 'tooBig' | null> {
  const msg = turn.message;
  if (msg.type === 'command' && msg.attachment) {
    if (Math.max(msg.attachment.content.byteLength, msg.attachment.size ?? 0) > MAX_IMPORT_BYTES) return 'tooBig';
    return { name: msg.attachment.name, text: new TextDecoder().decode(msg.attachment.content) };
  }
  const wanted = args.trim().replace(/^["']|["']$/g, '');
  if (turn.conversation.platform !== 'console' || !wanted) return null;
  const read = await readLocalFile(wanted, MAX_IMPORT_BYTES);
  return read.ok ? { name: read.name, text: read.text } : { problem: read.problem, path: wanted };
}
