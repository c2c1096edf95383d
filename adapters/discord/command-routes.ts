import type { ChatInputCommandInteraction } from 'discord.js';
import { MAX_ATTACHMENT_BYTES, type InboundAttachment, type InboundMessage } from '../../src/core/inbound.ts';
import { PlatformError } from '../../src/core/errors.ts';
import type { Reply } from '../../src/core/reply.ts';
import { slashCommandText, type Suggestions } from '../../src/orchestrator/index.ts';
import type { Place } from './conversation.ts';

/** What a slash command becomes: a message for the core (streamed or not), or an answer of our own. */
export type CommandRoute =
  | { kind: 'message'; message: InboundMessage; stream: boolean }
  | { kind: 'reply'; reply: Reply };

type Base = Pick<InboundMessage, 'conversation' | 'actor' | 'receivedAt' | 'messageId'>;

/**
 * Maps a slash command and its typed options onto the core's commands, so Discord speaks the same
 * language as every other platform: `/todo add text:` → `todo`, `/todo list filter:` → `todos`,
 * `/todo done item:` → `done <ref>`, `/settings timezone zone:` → `timezone`, `/ask` → free text.
 * Deleting an event or a note has no command of its own in the core, so it goes the way its
 * Delete button goes (`del:<kind>:<id>`), validated in the presser's scope like any press.
 */
export async function routeCommand(i: ChatInputCommandInteraction, place: Place, receivedAt: Date, suggestions?: Suggestions): Promise<CommandRoute> {
  const base: Base = { conversation: place.conversation, actor: place.actor, receivedAt, messageId: i.id };
  const str = (name: string) => i.options.getString(name)?.trim() ?? '';
  const command = (name: string, args = '', options?: Record<string, string>): CommandRoute => ({
    kind: 'message', stream: false,
    message: { ...base, type: 'command', name, args, ...(options && Object.keys(options).length > 0 && { options }) },
  });
  const sub = i.options.getSubcommand(false) ?? '';
  switch (`${i.commandName} ${sub}`.trim()) {
    case 'todo add': return command('todo', str('text'), present({ priority: str('priority'), category: str('category') }));
    case 'todo list': return command('todos', str('filter'));
    case 'todo done': return command('done', str('item'));
    case 'todo edit': return editCommand(str, command);
    case 'todo delete': return command('delete', str('item'), { kind: 'todo' }); // a todo, whatever list was shown last
    case 'event add': return command('event', str('text'));
    case 'event list': return command('events', str('range'));
    case 'event delete': return deleteByButton('event', str('item'), base, place, suggestions);
    case 'memo add': return command('memo', str('text'));
    case 'memo list': return command('memos', str('query'));
    case 'memo delete': return deleteByButton('memo', str('item'), base, place, suggestions);
    case 'search': return command('search', str('query'));
    case 'remind': return command('remind', str('text'));
    case 'ask': return { kind: 'message', stream: true, message: { ...base, type: 'text', text: str('question') } };
    case 'settings timezone': return command('timezone', str('zone'));
    case 'settings language': return command('language', str('language'));
    case 'settings briefing': return command('briefing', str('time'));
    case 'link': return command('link', str('code'));
    case 'unlink': return command('unlink', str('platform'));
    case 'import': return importCommand(i, base);
    default: return command(i.commandName);
  }
}

/**
 * `/import file:` — the attachment is downloaded here (the core never fetches URLs) and handed over
 * as the command's attachment; a file over MAX_ATTACHMENT_BYTES is not downloaded, only its size is
 * passed on, so the core says it is too big.
 */
async function importCommand(i: ChatInputCommandInteraction, base: Base): Promise<CommandRoute> {
  const file = i.options.getAttachment('file');
  const message = (attachment?: InboundAttachment): CommandRoute => ({
    kind: 'message', stream: false, message: { ...base, type: 'command', name: 'import', args: '', ...(attachment && { attachment }) },
  });
  if (!file) return message();
  if (file.size > MAX_ATTACHMENT_BYTES) return message({ name: file.name, content: new Uint8Array(0), size: file.size });
  const res = await fetch(file.url, { signal: AbortSignal.timeout(15_000) });
  if (!res.ok) throw new PlatformError(`attachment download failed: HTTP ${res.status}`, 'discord', res.status, false);
  const content = new Uint8Array(await res.arrayBuffer());
  return message({ name: file.name, mimeType: file.contentType ?? undefined, content });
}

/**
 * `/todo edit item: due: priority: …`: the core's `edit <ref> <field> <value>` takes one field in
 * its words (so a due date is parsed like "/todo … tomorrow 5pm"); the other fields ride along as
 * typed options, which the core merges into the same change.
 */
function editCommand(str: (name: string) => string, command: (name: string, args?: string, options?: Record<string, string>) => CommandRoute): CommandRoute {
  const item = str('item');
  const fields = present({ due: str('due'), title: str('title'), priority: str('priority'), category: str('category'), notes: str('notes') });
  const [first] = Object.keys(fields);
  if (!first) return command('edit', item);
  const { [first]: value, ...others } = fields;
  return command('edit', `${item} ${first} ${value}`, others);
}

async function deleteByButton(kind: 'event' | 'memo', item: string, base: Base, place: Place, suggestions?: Suggestions): Promise<CommandRoute> {
  const press = (id: string): CommandRoute => ({ kind: 'message', stream: false, message: { ...base, type: 'button', data: `del:${kind}:${id}` } });
  const byId = /^#\s*(\d{1,9})$/.exec(item);
  if (byId) return press(byId[1]!);
  if (item && !/^\d+$/.test(item) && suggestions) {
    const found = await suggestions.suggest({ actor: place.actor, conversation: place.conversation, kind, partial: item, limit: 2 });
    const only = found.length === 1 ? /^#(\d+)$/.exec(found[0]!.value) : null;
    if (only) return press(only[1]!);
  }
  const lang = place.actor.languageCode?.startsWith('ur') ? 'ur' : 'en';
  return { kind: 'reply', reply: { text: slashCommandText(lang, 'slash_pickFromList', { kind: slashCommandText(lang, `kind_${kind}`) }), language: lang, ephemeral: true } };
}

function present(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
}
