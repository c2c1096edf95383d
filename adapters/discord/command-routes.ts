import type { ChatInputCommandInteraction } from 'discord.js';
import { MAX_ATTACHMENT_BYTES, type InboundAttachment, type InboundMessage } from '../../src/core/inbound.ts';
import { PlatformError } from '../../src/core/errors.ts';
import type { Reply } from '../../src/core/reply.ts';
import { timeoutSignal, type Clock } from '../../src/core/clock.ts';
import { defaultCommandSurface, slashCommandText, type CommandSurface, type Suggestions } from '../../src/orchestrator/index.ts';
import type { Place } from './conversation.ts';

/** What a slash command becomes: a message for the core (streamed or not), or an answer of our own. */
export type CommandRoute =
  | { kind: 'message'; message: InboundMessage; stream: boolean }
  | { kind: 'reply'; reply: Reply };

type Base = Pick<InboundMessage, 'conversation' | 'actor' | 'receivedAt' | 'messageId'>;

/**
 * Maps a slash command and its typed options onto the core's commands by the route the core's
 * command catalog gives for it, so Discord speaks the same language as every other platform:
 * `/todo add text:` → `todo`, `/todo list filter:` → `todos`, `/todo done item:` → `done <ref>`,
 * `/settings timezone zone:` → `timezone`, `/ask` → free text. Deleting an event or a note goes the
 * way its Delete button goes (`del:<kind>:<id>`), validated in the presser's scope like any press.
 */
export async function routeCommand(
  i: ChatInputCommandInteraction, place: Place, clock: Clock, suggestions?: Suggestions, surface: CommandSurface = defaultCommandSurface(),
): Promise<CommandRoute> {
  const base: Base = { conversation: place.conversation, actor: place.actor, receivedAt: clock.now(), messageId: i.id };
  const str = (name: string) => i.options.getString(name)?.trim() ?? '';
  const command = (name: string, args = '', options?: Record<string, string>): CommandRoute => ({
    kind: 'message', stream: false,
    message: { ...base, type: 'command', name, args, ...(options && Object.keys(options).length > 0 && { options }) },
  });
  const route = surface.route(i.commandName, i.options.getSubcommand(false) ?? undefined);
  switch (route?.kind) {
    case 'command': {
      const typed = present(Object.fromEntries((route.options ?? []).map((name) => [name, str(name)])));
      return command(route.command, route.args ? str(route.args) : '', { ...typed, ...route.fixed });
    }
    case 'edit': return editCommand(route.command, str(route.item), route.fields, str, command);
    case 'text': return { kind: 'message', stream: true, message: { ...base, type: 'text', text: str(route.option) } };
    case 'attachment': return importCommand(i, base, route.command, route.option, clock);
    case 'pressDelete': return deleteByButton(route.itemKind, str(route.option), base, place, suggestions);
    // A command this catalog does not know (registered by an older version): the core answers it.
    default: return command(i.commandName);
  }
}

/**
 * `/import file:` — the attachment is downloaded here (the core never fetches URLs) and handed over
 * as the command's attachment; a file over MAX_ATTACHMENT_BYTES is not downloaded, only its size is
 * passed on, so the core says it is too big.
 */
async function importCommand(i: ChatInputCommandInteraction, base: Base, name: string, option: string, clock: Clock): Promise<CommandRoute> {
  const file = i.options.getAttachment(option);
  const message = (attachment?: InboundAttachment): CommandRoute => ({
    kind: 'message', stream: false, message: { ...base, type: 'command', name, args: '', ...(attachment && { attachment }) },
  });
  if (!file) return message();
  if (file.size > MAX_ATTACHMENT_BYTES) return message({ name: file.name, content: new Uint8Array(0), size: file.size });
  const res = await fetch(file.url, { signal: timeoutSignal(clock, 15_000) });
  if (!res.ok) throw new PlatformError(`attachment download failed: HTTP ${res.status}`, 'discord', res.status, false);
  const content = new Uint8Array(await res.arrayBuffer());
  return message({ name: file.name, mimeType: file.contentType ?? undefined, content });
}

/**
 * `/todo edit item: due: priority: …`: the core's `edit <ref> <field> <value>` takes one field in
 * its words (so a due date is parsed like "/todo … tomorrow 5pm"); the other fields ride along as
 * typed options, which the core merges into the same change.
 */
function editCommand(
  name: string, item: string, fieldNames: readonly string[], str: (name: string) => string,
  command: (name: string, args?: string, options?: Record<string, string>) => CommandRoute,
): CommandRoute {
  const fields = present(Object.fromEntries(fieldNames.map((f) => [f, str(f)])));
  const [first] = Object.keys(fields);
  if (!first) return command(name, item);
  const { [first]: value, ...others } = fields;
  return command(name, `${item} ${first} ${value}`, others);
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
