import {
  ApplicationCommandOptionType as Opt, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType,
  type APIApplicationCommandBasicOption, type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandOptionSpec, OptionSuggestions, PickerCommand } from '../../src/core/command-surface.ts';
import { commandText, type CommandSurface } from '../../src/orchestrator/index.ts';

/** Languages descriptions can be written in (the core's). */
export type CommandLanguage = 'en' | 'ur';

/**
 * The slash command set, mapped from the core's command catalog (its picker tree): every command
 * and subcommand, option and choice comes from there. Discord has no Urdu client locale, so
 * `language` picks the default description every client sees; when it is Urdu, English clients
 * (en-US, en-GB) still get English through `description_localizations`. `global` adds the install
 * types (server and user installs) and contexts (servers, the bot's DMs, private channels), which
 * Discord only accepts on global commands.
 */
export function buildCommands(surface: CommandSurface, language: CommandLanguage, global: boolean): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const d = (key: string) => described(language, key);
  const option = (o: CommandOptionSpec): APIApplicationCommandBasicOption => {
    if (o.type === 'attachment') return { type: Opt.Attachment, name: o.name, ...d(o.description), required: o.required };
    const base = { type: Opt.String as const, name: o.name, ...d(o.description), required: o.required };
    const max = o.maxLength !== undefined ? { max_length: o.maxLength } : {};
    // Discord takes either suggestions while typing or fixed choices, never both.
    if (o.suggest) return { ...base, autocomplete: true, ...max };
    if (o.choices) return { ...base, ...max, choices: o.choices.map((c) => ({ name: c.key ? text(language, c.key) : (c.name ?? c.value), value: c.value })) };
    return { ...base, ...max };
  };
  const sub = (c: PickerCommand): APIApplicationCommandSubcommandOption => ({ type: Opt.Subcommand, name: c.name, ...d(c.description), options: c.options.map(option) });
  return surface.picker().map((entry) => ({
    type: ApplicationCommandType.ChatInput, name: entry.name, ...d(entry.description),
    options: entry.kind === 'group' ? entry.subcommands.map(sub) : entry.options.map(option),
    ...(global && {
      integration_types: [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall],
      contexts: [InteractionContextType.Guild, InteractionContextType.BotDM, InteractionContextType.PrivateChannel],
    }),
  }));
}

/** What an option of `/command [sub]` suggests while typed (autocomplete), if anything. */
export function optionSuggestions(surface: CommandSurface, command: string, sub: string | null, option: string): OptionSuggestions | undefined {
  const entry = surface.picker().find((e) => e.name === command);
  const picked = entry?.kind === 'group' ? entry.subcommands.find((s) => s.name === sub) : entry;
  return picked?.options.find((o) => o.name === option)?.suggest;
}

function text(language: CommandLanguage, key: string): string {
  return commandText(language, key).slice(0, 100);
}

function described(language: CommandLanguage, key: string): { description: string; description_localizations?: Record<string, string> } {
  const description = text(language, key);
  if (language === 'en') return { description };
  const english = text('en', key);
  return { description, description_localizations: { 'en-US': english, 'en-GB': english } };
}
