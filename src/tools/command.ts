/**
 * A tool's command metadata: the names people type (per language), how the command's words become
 * the tool's input, its help line, its picker form (Discord) and its place in menus. The
 * orchestrator's command catalog reads it from every tool (and from the conversation builtins,
 * which carry the same spec), and derives help, menus, the Discord tree, the planner and the
 * offline parser's slash table from it, so adding a tool with a `command` adds it everywhere.
 */
import type { CommandOptionSpec, CommandPlatform, PickerRoute } from '../core/command-surface.ts';
import type { Language, MessageKey } from '../i18n/index.ts';

/** What argument parsing may know: the moment, the user's zone and language. */
export interface CommandArgsContext {
  now: Date;
  timeZone: string;
  language: Language;
}

/** The offline parser's reading of a text: an intent (a tool name) with params. */
export interface ParsedArgs {
  intent: string;
  params: Record<string, unknown>;
  missing?: string[];
}

/** Parses a command's natural-language arguments (dates, priorities) — the offline parser. */
export type CommandTextParser = (text: string, ctx: CommandArgsContext) => ParsedArgs;

/** What a command asks for: run a tool with params, or one of the orchestrator's own verbs. */
export type CommandPlan =
  | { kind: 'tool'; tool: string; params: Record<string, unknown>; missing?: string[] }
  | { kind: 'builtin'; name: string; args: string }
  | { kind: 'unknown'; name: string }
  /** The arguments cannot mean anything: answer with this message instead of guessing. */
  | { kind: 'refuse'; key: MessageKey; vars: Record<string, string> };

/** Turns a command's words into a plan for its tool. */
export type CommandArgsPlanner = (args: string, parse: CommandTextParser, ctx: CommandArgsContext) => CommandPlan;

/** A command's form in a picker (Discord's slash commands): `/group name` or `/name`. */
export interface PickerForm {
  /** The group it sits in (`todo` for `/todo add`); a command of its own when absent. */
  group?: string;
  name: string;
  /** Position in the picker (smaller first); a group sits where its first subcommand does. */
  order: number;
  /** Catalog key of its description; the command's own description when absent. */
  description?: MessageKey;
  options: readonly CommandOptionSpec[];
  /** How a pick becomes a core message; by default the command with its first option as words. */
  route?: PickerRoute;
}

/**
 * Everything the surfaces need to know about one command. `names.en[0]` is its canonical name
 * (menus, help); every name of every language is accepted wherever commands are typed.
 */
export interface CommandSpec {
  names: { en: readonly string[]; ur?: readonly string[] };
  /** Catalog key of the one-line description (help, menus, pickers). */
  description: MessageKey;
  /** Catalog key of the arguments part of the help line ("<text>"); none for a bare command. */
  usage?: MessageKey;
  /** Values filled into the usage text (e.g. the todo filters). */
  usageVars?: Readonly<Record<string, string>>;
  /** Position in menus and help (smaller first). */
  order: number;
  /** Platforms where it is typed as `/name`; all typed platforms (Telegram, terminal) when absent. */
  typed?: readonly Exclude<CommandPlatform, 'discord'>[];
  /** Its picker form on Discord; not offered there when absent. */
  picker?: PickerForm;
  /** The command's words → the tool's input; a tool without it takes no words. */
  plan?: CommandArgsPlanner;
}

/** A plan to run `tool`; `missing` names required params the words did not give. */
export function toolPlan(tool: string, params: Record<string, unknown>, missing?: string[]): CommandPlan {
  return missing ? { kind: 'tool', tool, params, missing } : { kind: 'tool', tool, params };
}

/** A command whose words are a reference to one item (`/done 2`, `/delete milk`). */
export function refPlanner(tool: string): CommandArgsPlanner {
  return (args) => (args ? toolPlan(tool, { ref: args }) : toolPlan(tool, {}, ['ref']));
}

/** A command whose words are one text param, required (`/memo …`, `/search …`). */
export function textPlanner(tool: string, param: string): CommandArgsPlanner {
  return (args) => (args ? toolPlan(tool, { [param]: args }) : toolPlan(tool, {}, [param]));
}

/**
 * A command whose words are natural language (`/todo pay rent friday`): they go through the
 * offline parser as `/<command> <words>`; if the parser reads another intent, the person still
 * clearly asked for this one, so their words become `textParam`.
 */
export function naturalPlanner(command: string, tool: string, textParam: string, required: string): CommandArgsPlanner {
  return (args, parse, ctx) => {
    if (!args) return toolPlan(tool, {}, [textParam, ...(required !== textParam ? [required] : [])]);
    const parsed = parse(`/${command} ${args}`, ctx);
    if (parsed.intent === tool) {
      const missing = parsed.missing?.length ? parsed.missing : required in parsed.params ? undefined : [required];
      return toolPlan(tool, parsed.params, missing);
    }
    return toolPlan(tool, { [textParam]: args }, required === textParam ? undefined : [required]);
  };
}

/** The `scope` option of Discord commands on lists: the server's list (default) or only mine. */
export const SCOPE_OPTION: CommandOptionSpec = {
  name: 'scope', description: 'slash_opt_scope', type: 'string', required: false,
  choices: [{ value: 'server', key: 'slash_scope_server' }, { value: 'me', key: 'slash_scope_me' }],
};

/** The `item` option: which todo, event, note or reminder, picked with suggestions as the person types. */
export function itemOption(kind: 'todo' | 'event' | 'memo' | 'reminder', status: 'open' | 'any' = 'any'): CommandOptionSpec {
  return { name: 'item', description: 'slash_opt_item', type: 'string', required: true, suggest: { kind, status }, maxLength: 200 };
}

/** An `item` option that may stay empty: empty means the reminder that arrived last in this chat (snooze, skip). */
export function optionalItemOption(kind: 'reminder'): CommandOptionSpec {
  return { ...itemOption(kind), description: 'slash_opt_itemOrLast', required: false };
}

/** A free-text option. */
export function textOption(name: string, description: MessageKey, required: boolean, maxLength = 1000): CommandOptionSpec {
  return { name, description, type: 'string', required, maxLength };
}
