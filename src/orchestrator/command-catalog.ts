import type { CommandPlatform, PickerRoute, PickerCommand, PickerEntry } from '../core/command-surface.ts';
import { t, type Language, type MessageKey } from '../i18n/index.ts';
import type { SlashCommandTable } from '../nlu/index.ts';
import { toolPlan, type CommandArgsContext, type CommandPlan, type CommandSpec, type CommandTextParser, type PickerForm } from '../tools/command.ts';
import type { Tool } from '../tools/tool.ts';
import { BUILTIN_COMMANDS } from './builtin-specs.ts';

/** One command of the catalog: a tool's, or a conversation builtin's (named by its first English name). */
export type CatalogEntry =
  | { kind: 'tool'; tool: string; spec: CommandSpec }
  | { kind: 'builtin'; name: string; spec: CommandSpec };

/** One entry of a platform's command menu (Telegram's setMyCommands). */
export interface CommandMenuEntry {
  command: string;
  description: string;
}

/** Where tools come from: the live registry (tools may be added or replaced after start). */
export interface ToolSource {
  list(): readonly Tool[];
}

/** Descriptions of the picker's command groups (`/todo add`, `/settings timezone`). */
const PICKER_GROUPS: Readonly<Record<string, MessageKey>> = {
  todo: 'slash_todo', event: 'slash_event', memo: 'slash_memo', reminder: 'slash_reminder', settings: 'slash_settings',
};

/** Platforms where commands are typed as `/name` when a spec does not say. */
const TYPED_BY_DEFAULT = ['telegram', 'console'] as const;

interface Index {
  entries: readonly CatalogEntry[];
  byName: ReadonlyMap<string, CatalogEntry>;
  slash: SlashCommandTable;
  missing: readonly string[];
}

/**
 * The one command registry: every tool's command metadata plus the conversation builtins'.
 * Everything people see of the command surface is derived here — the planner for typed commands,
 * `/help` per language and platform, the Telegram menus, the Discord picker tree and its routes,
 * the offline parser's slash table and the intent list — so adding a tool with a `command` adds
 * it everywhere. It reads the live tool registry, so a tool registered later appears too.
 */
export class CommandCatalog {
  #cache: { tools: readonly Tool[]; index: Index } | undefined;

  constructor(private readonly tools: ToolSource, private readonly builtins: readonly CommandSpec[] = BUILTIN_COMMANDS) {}

  /** Every command, tools and builtins, in menu order. */
  entries(): readonly CatalogEntry[] {
    return this.#index().entries;
  }

  /** Tools that carry no command metadata (so no surface offers them); should be none. */
  missingMetadata(): readonly string[] {
    return this.#index().missing;
  }

  /** The intent list: every tool name of the registry (the parser's and the model's vocabulary). */
  intents(): string[] {
    return this.tools.list().map((tool) => tool.name);
  }

  /** The command a typed name (any language's, any alias) stands for. */
  find(name: string): CatalogEntry | undefined {
    return this.#index().byName.get(name.toLowerCase());
  }

  /**
   * Maps a typed command and its words to a plan. The same words work on every platform; typed
   * options (Discord) arrive already split and are merged by the caller.
   */
  plan(name: string, args: string, parse: CommandTextParser, ctx: CommandArgsContext): CommandPlan {
    const entry = this.find(name);
    if (!entry) return { kind: 'unknown', name };
    const words = args.trim();
    if (entry.kind === 'builtin') return { kind: 'builtin', name: entry.name, args: words };
    return entry.spec.plan ? entry.spec.plan(words, parse, ctx) : toolPlan(entry.tool, {});
  }

  /** The commands typed on `platform`, in menu order. */
  typedOn(platform: Exclude<CommandPlatform, 'discord'>): CatalogEntry[] {
    return this.entries().filter((e) => (e.spec.typed ?? TYPED_BY_DEFAULT).includes(platform));
  }

  /** Telegram's command menu in `lang`: canonical names with their descriptions. */
  menu(lang: Language): CommandMenuEntry[] {
    return this.typedOn('telegram').map((e) => ({ command: e.spec.names.en[0]!, description: t(lang, e.spec.description) }));
  }

  /** The picker tree (Discord's slash commands): commands of their own and groups of subcommands, in order. */
  picker(): PickerEntry[] {
    const forms = this.entries().flatMap((e) => (e.spec.picker ? [{ entry: e, form: e.spec.picker }] : []))
      .sort((a, b) => a.form.order - b.form.order);
    const out: PickerEntry[] = [];
    const groups = new Map<string, { kind: 'group'; name: string; description: string; subcommands: PickerCommand[] }>();
    for (const { entry, form } of forms) {
      const command = pickerCommand(entry, form);
      if (!form.group) {
        out.push({ kind: 'command', ...command });
        continue;
      }
      let group = groups.get(form.group);
      if (!group) {
        group = { kind: 'group', name: form.group, description: PICKER_GROUPS[form.group] ?? command.description, subcommands: [] };
        groups.set(form.group, group);
        out.push(group);
      }
      group.subcommands.push(command);
    }
    return out;
  }

  /** How a pick of `/command [sub]` becomes a core message; undefined for a command the tree lacks. */
  route(command: string, sub?: string): PickerRoute | undefined {
    for (const entry of this.picker()) {
      if (entry.name !== command) continue;
      if (entry.kind === 'command') return sub ? undefined : entry.route;
      return entry.subcommands.find((s) => s.name === sub)?.route;
    }
    return undefined;
  }

  /**
   * `/help` for a language and a platform: the commands that work there, in their form there
   * (Discord's picker forms such as `/todo add <text>`; typed `/todo <text>` with every other name
   * it answers to elsewhere), then how to name an item.
   */
  help(lang: Language, platform: CommandPlatform): string {
    const lines = platform === 'discord' ? this.#pickerHelp(lang) : this.typedOn(platform).map((e) => typedHelpLine(lang, e.spec));
    return [t(lang, 'helpIntro'), ...lines, t(lang, 'helpRefs')].join('\n');
  }

  /** The offline parser's slash table: every typed name → its tool, or null for a builtin. */
  slashTable(): SlashCommandTable {
    return this.#index().slash;
  }

  #pickerHelp(lang: Language): string[] {
    return this.picker().flatMap((p) => (p.kind === 'command' ? [p] : p.subcommands.map((s) => ({ ...s, name: `${p.name} ${s.name}` }))))
      .map((c) => {
        const options = c.options.filter((o) => o.name !== 'scope').map((o) => (o.required ? ` <${o.name}>` : ` [${o.name}]`)).join('');
        return `/${c.name}${options} – ${t(lang, c.description as MessageKey)}`;
      });
  }

  #index(): Index {
    const tools = this.tools.list();
    const cached = this.#cache;
    if (cached && cached.tools.length === tools.length && cached.tools.every((tool, i) => tool === tools[i])) return cached.index;
    const index = buildIndex(tools, this.builtins);
    this.#cache = { tools, index };
    return index;
  }
}

function buildIndex(tools: readonly Tool[], builtins: readonly CommandSpec[]): Index {
  const entries: CatalogEntry[] = [
    ...tools.flatMap((tool): CatalogEntry[] => (tool.command ? [{ kind: 'tool', tool: tool.name, spec: tool.command }] : [])),
    ...builtins.map((spec): CatalogEntry => ({ kind: 'builtin', name: spec.names.en[0]!, spec })),
  ].sort((a, b) => a.spec.order - b.spec.order);
  const byName = new Map<string, CatalogEntry>();
  for (const entry of entries) {
    if ((entry.spec.typed ?? TYPED_BY_DEFAULT).length === 0) continue;
    for (const name of [...entry.spec.names.en, ...(entry.spec.names.ur ?? [])]) {
      const taken = byName.get(name);
      if (taken) throw new Error(`command /${name} is claimed twice: by ${label(taken)} and by ${label(entry)}`);
      byName.set(name, entry);
    }
  }
  const slash = new Map([...byName].map(([name, e]) => [name, e.kind === 'tool' ? e.tool : null]));
  return { entries, byName, slash, missing: tools.filter((tool) => !tool.command).map((tool) => tool.name) };
}

function label(entry: CatalogEntry): string {
  return entry.kind === 'tool' ? `tool ${entry.tool}` : `builtin ${entry.name}`;
}

function pickerCommand(entry: CatalogEntry, form: PickerForm): PickerCommand {
  const firstText = form.options.find((o) => o.type === 'string' && o.name !== 'scope');
  const route: PickerRoute = form.route ?? { kind: 'command', command: entry.spec.names.en[0]!, ...(firstText && { args: firstText.name }) };
  return { name: form.name, description: form.description ?? entry.spec.description, options: form.options, route };
}

/** "/todo <text> – Add a todo (also /task, /add)": the other names in the reader's language first. */
function typedHelpLine(lang: Language, spec: CommandSpec): string {
  const [name, ...english] = spec.names.en;
  const others = lang === 'ur' ? [...(spec.names.ur ?? []), ...english] : [...english, ...(spec.names.ur ?? [])];
  const usage = spec.usage ? ` ${t(lang, spec.usage, spec.usageVars ?? {})}` : '';
  const also = others.length ? ` (${t(lang, 'helpAlso', { names: others.map((n) => `/${n}`).join(', ') })})` : '';
  return `/${name}${usage} – ${t(lang, spec.description)}${also}`;
}
