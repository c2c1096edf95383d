import { t, type Language, type MessageKey } from '../i18n/index.ts';

/** One entry of a platform's command menu. */
export interface CommandMenuEntry {
  command: string;
  description: string;
}

const MENU: readonly [string, MessageKey][] = [
  ['start', 'cmd_start'], ['help', 'cmd_help'], ['todo', 'cmd_todo'], ['todos', 'cmd_todos'], ['done', 'cmd_done'],
  ['edit', 'cmd_edit'], ['delete', 'cmd_delete'], ['event', 'cmd_event'], ['events', 'cmd_events'], ['memo', 'cmd_memo'],
  ['memos', 'cmd_memos'], ['remind', 'cmd_remind'], ['search', 'cmd_search'], ['today', 'cmd_today'], ['stats', 'cmd_stats'],
  ['timezone', 'cmd_timezone'], ['language', 'cmd_language'], ['briefing', 'cmd_briefing'], ['undo', 'cmd_undo'],
  ['link', 'cmd_link'], ['unlink', 'cmd_unlink'], ['export', 'cmd_export'], ['import', 'cmd_import'],
];

/**
 * The command set every platform offers, with descriptions in the given language, so Telegram's
 * menu and Discord's slash commands list the same commands in English and Urdu.
 */
export function commandMenu(lang: Language): CommandMenuEntry[] {
  return MENU.map(([command, key]) => ({ command, description: t(lang, key) }));
}

