import {
  ApplicationCommandOptionType as Opt, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType,
  type APIApplicationCommandBasicOption, type APIApplicationCommandOption, type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { slashCommandText, type SlashTextKey } from '../../src/orchestrator/index.ts';

/** Languages descriptions can be written in (the core's). */
export type CommandLanguage = 'en' | 'ur';

/** Item kinds an option picks with autocomplete, and which of them it offers. */
export const AUTOCOMPLETE_ITEMS: Record<string, { kind: 'todo' | 'event' | 'memo'; status: 'open' | 'any' }> = {
  'todo done': { kind: 'todo', status: 'open' },
  'todo edit': { kind: 'todo', status: 'any' },
  'todo delete': { kind: 'todo', status: 'any' },
  'event delete': { kind: 'event', status: 'any' },
  'memo delete': { kind: 'memo', status: 'any' },
};

/**
 * The slash command set. Descriptions come from the core's catalogs. Discord has no Urdu client
 * locale, so `language` picks the default description every client sees; when it is Urdu, English
 * clients (en-US, en-GB) still get English through `description_localizations`. `global` adds the
 * install types (server and user installs) and contexts (servers, the bot's DMs, private
 * channels), which Discord only accepts on global commands.
 */
export function buildCommands(language: CommandLanguage, global: boolean): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const d = (key: SlashTextKey) => described(language, key);
  const scope: APIApplicationCommandBasicOption = {
    type: Opt.String, name: 'scope', ...d('slash_opt_scope'), required: false,
    choices: [{ name: text(language, 'slash_scope_server'), value: 'server' }, { name: text(language, 'slash_scope_me'), value: 'me' }],
  };
  const item = (): APIApplicationCommandBasicOption => ({ type: Opt.String, name: 'item', ...d('slash_opt_item'), required: true, autocomplete: true, max_length: 200 });
  const str = (name: string, key: SlashTextKey, required: boolean, max = 1000): APIApplicationCommandBasicOption => ({ type: Opt.String, name, ...d(key), required, max_length: max });
  const choice = (name: string, key: SlashTextKey, values: [string, SlashTextKey][]): APIApplicationCommandBasicOption => ({
    type: Opt.String, name, ...d(key), required: false, choices: values.map(([value, k]) => ({ name: text(language, k), value })),
  });
  const sub = (name: string, key: SlashTextKey, options: APIApplicationCommandBasicOption[] = []): APIApplicationCommandSubcommandOption => ({
    type: Opt.Subcommand, name, ...d(key), options,
  });
  const priority = choice('priority', 'slash_opt_priority', [['high', 'priority_high'], ['medium', 'priority_medium'], ['low', 'priority_low']]);
  const category = choice('category', 'slash_opt_category', [['work', 'category_work'], ['personal', 'category_personal'], ['home', 'category_home'], ['other', 'category_other']]);
  const command = (name: string, key: SlashTextKey, options: APIApplicationCommandOption[] = []): RESTPostAPIChatInputApplicationCommandsJSONBody => ({
    type: ApplicationCommandType.ChatInput, name, ...d(key), options,
    ...(global && {
      integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
    }),
  });
  return [
    command('todo', 'slash_todo', [
      sub('add', 'cmd_todo', [str('text', 'slash_opt_todoText', true), priority, category, scope]),
      sub('list', 'cmd_todos', [choice('filter', 'slash_opt_filter', (['open', 'done', 'overdue', 'today', 'tomorrow', 'week', 'all'] as const).map((f) => [f, `slash_filter_${f}`])), scope]),
      sub('done', 'cmd_done', [item(), scope]),
      sub('edit', 'cmd_edit', [item(), str('title', 'slash_opt_title', false, 500), str('due', 'slash_opt_due', false, 100), priority, category, str('notes', 'slash_opt_notes', false, 2000), scope]),
      sub('delete', 'cmd_delete', [item(), scope]),
    ]),
    command('event', 'slash_event', [
      sub('add', 'cmd_event', [str('text', 'slash_opt_eventText', true), scope]),
      sub('list', 'cmd_events', [choice('range', 'slash_opt_range', (['today', 'tomorrow', 'week', 'next_week', 'month'] as const).map((r) => [r, `slash_range_${r}`])), scope]),
      sub('delete', 'slash_event_delete', [item(), scope]),
    ]),
    command('memo', 'slash_memo', [
      sub('add', 'cmd_memo', [str('text', 'slash_opt_memoText', true, 4000), scope]),
      sub('list', 'cmd_memos', [str('query', 'slash_opt_query', false, 200), scope]),
      sub('delete', 'slash_memo_delete', [item(), scope]),
    ]),
    command('search', 'cmd_search', [str('query', 'slash_opt_query', true, 200), scope]),
    command('today', 'cmd_today', [scope]),
    command('stats', 'cmd_stats', [scope]),
    command('remind', 'cmd_remind', [str('text', 'slash_opt_remindText', true), scope]),
    command('ask', 'slash_ask', [str('question', 'slash_opt_question', true, 4000)]),
    command('settings', 'slash_settings', [
      sub('timezone', 'cmd_timezone', [{ type: Opt.String, name: 'zone', ...d('slash_opt_zone'), required: true, autocomplete: true, max_length: 64 }]),
      sub('language', 'cmd_language', [{ type: Opt.String, name: 'language', ...d('slash_opt_language'), required: true, choices: [{ name: 'English', value: 'en' }, { name: 'اردو', value: 'ur' }] }]),
      sub('briefing', 'cmd_briefing', [str('time', 'slash_opt_briefing', true, 10)]),
    ]),
    command('tasks', 'slash_tasks'),
    command('help', 'cmd_help'),
    command('undo', 'cmd_undo'),
    command('link', 'cmd_link', [str('code', 'slash_opt_code', false, 20)]),
    command('unlink', 'cmd_unlink', [str('platform', 'slash_opt_platform', false, 20)]),
    command('export', 'cmd_export', [scope]),
    command('import', 'cmd_import', [{ type: Opt.Attachment, name: 'file', ...d('slash_opt_file'), required: true }, scope]),
  ];
}

function text(language: CommandLanguage, key: SlashTextKey): string {
  return slashCommandText(language, key).slice(0, 100);
}

function described(language: CommandLanguage, key: SlashTextKey): { description: string; description_localizations?: Record<string, string> } {
  const description = text(language, key);
  if (language === 'en') return { description };
  const english = text('en', key);
  return { description, description_localizations: { 'en-US': english, 'en-GB': english } };
}
