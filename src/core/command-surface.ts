/**
 * The platform-neutral shape of the command surface, derived from the one command catalog (tools
 * and conversation builtins) in the orchestrator. It lives in core because adapters read it: the
 * Discord adapter maps these specs onto discord.js types and routes interactions back by them,
 * without knowing any command by name. Texts are catalog keys, resolved through the orchestrator's
 * `slashCommandText`.
 */

/** Where a command can be used (the platforms people type or pick commands on). */
export type CommandPlatform = 'telegram' | 'discord' | 'console';

/** Every platform; a command without a `platforms` list works on all of them. */
export const COMMAND_PLATFORMS: readonly CommandPlatform[] = ['telegram', 'console', 'discord'];

/** Which items an option suggests while the person types (autocomplete). */
export type OptionSuggestions =
  | { kind: 'todo' | 'event' | 'memo' | 'reminder'; status: 'open' | 'any' }
  | { kind: 'timezone' };

/** One fixed choice of an option: a value and its label (a catalog key, or a literal name). */
export interface OptionChoice {
  value: string;
  /** Catalog key of the label; `name` is used as written when there is no key (e.g. "اردو"). */
  key?: string;
  name?: string;
}

/** A typed option of a command's picker form (Discord's slash options). */
export interface CommandOptionSpec {
  name: string;
  /** Catalog key of its description. */
  description: string;
  type: 'string' | 'attachment';
  required: boolean;
  maxLength?: number;
  suggest?: OptionSuggestions;
  choices?: readonly OptionChoice[];
}

/**
 * How a picked command and its options become a core message. `command` sends the core command
 * `command` with `args` taken from one option and `options` passed along typed; `edit` puts the
 * first given field into the words (`edit <item> <field> <value>`) and the rest typed; `text` is
 * free text from one option, streamed; `attachment` downloads the file of one option for the core
 * command; `pressDelete` acts like the item's Delete button (`del:<kind>:<id>`).
 */
export type PickerRoute =
  | { kind: 'command'; command: string; args?: string; options?: readonly string[]; fixed?: Readonly<Record<string, string>> }
  | { kind: 'edit'; command: string; item: string; fields: readonly string[] }
  | { kind: 'text'; option: string }
  | { kind: 'attachment'; command: string; option: string }
  | { kind: 'pressDelete'; itemKind: 'event' | 'memo'; option: string };

/** A command (or subcommand) as a picker shows it. */
export interface PickerCommand {
  name: string;
  /** Catalog key of its description. */
  description: string;
  options: readonly CommandOptionSpec[];
  route: PickerRoute;
}

/** A top-level picker entry: a command of its own, or a group of subcommands (`/todo add`). */
export type PickerEntry =
  | ({ kind: 'command' } & PickerCommand)
  | { kind: 'group'; name: string; description: string; subcommands: readonly PickerCommand[] };
