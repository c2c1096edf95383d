import { isMessageKey, t, type Language, type MessageKey } from '../i18n/index.ts';

/**
 * The catalog keys a platform adapter may show on its own: slash-command and option descriptions,
 * choice names, and the few messages an adapter must word itself (a list's page footer, the error
 * shown when a platform call fails before the core could answer).
 */
export type SlashTextKey = Extract<
  MessageKey,
  `slash_${string}` | `cmd_${string}` | `priority_${string}` | `category_${string}` | `kind_${string}` | 'page' | 'genericError' | 'invalidButton'
>;

/**
 * Localized text for an adapter's own UI (Discord's command picker, embeds' page footers). Adapters
 * may not import the catalogs, so this is their one window onto them; the core stays the single
 * owner of every user-visible word in English and Urdu.
 */
export function slashCommandText(lang: Language, key: SlashTextKey, vars: Record<string, string | number> = {}): string {
  return t(lang, key, vars);
}

/**
 * The text of a catalog key named by the command surface (descriptions, option and choice labels
 * of CommandOptionSpec, which core types as plain strings). A key the catalogs lack is shown as
 * written, so a typo is visible rather than fatal.
 */
export function commandText(lang: Language, key: string): string {
  return isMessageKey(key) ? t(lang, key) : key;
}
