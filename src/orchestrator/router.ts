import type { InboundButton, InboundCommand, InboundText } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';
import { isTodoFilter } from '../core/list-filters.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { parseButton } from '../tools/buttons.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import type { ToolOutcome } from '../tools/tool.ts';
import { todoListOutcome } from '../tools/todo-tools.ts';
import { ModelError } from '../core/errors.ts';
import type { ChatAgent } from './chat-agent.ts';
import type { Classification, Classifier, ClassifyContext } from './classifier.ts';
import type { CommandPlan, CommandTextParser } from '../tools/command.ts';
import type { CommandCatalog } from './command-catalog.ts';
import type { TurnContext } from './context.ts';
import type { PendingQuestions, PendingQuestion } from './pending-questions.ts';
import { Clarifier, type OpenChoices } from './clarify-question.ts';
import { nextOccurrence } from '../recurrence/next-run.ts';
import { parseRecurrencePhrase } from './recurrence-phrase.ts';
import { isWordless, timeRefusal, wordlessReply } from './request-guards.ts';
import { reminderAudience, saysSnooze, saysUndo } from '../nlu/index.ts';
import { deliveredHere } from '../tools/reminder-refs.ts';
import { planChange } from './change-any-item.ts';

/** What the router needs; built once in the orchestrator. */
export interface RouterDeps {
  tools: ToolRegistry;
  /** The command catalog: which tool or builtin each typed command name stands for. */
  commands: CommandCatalog;
  classifier: Classifier;
  parseCommandText: CommandTextParser;
  pending: PendingQuestions;
  /** Open "Did you mean…?" questions (see clarify-question.ts). */
  choices: OpenChoices;
  /** The model, when one is configured; free text goes to it first. */
  chatAgent?: ChatAgent;
  /** Told when the model failed and the offline parser answered instead. */
  onModelFallback?: (error: ModelError) => void;
}

/** How to ask for each missing param, and an example answer. */
const ASK: Record<string, { what: MessageKey; example: string }> = {
  title: { what: 'what_todoTitle', example: '/todo buy milk tomorrow' },
  content: { what: 'what_memo', example: '/memo wifi password is on the fridge' },
  ref: { what: 'what_ref', example: '2' },
  query: { what: 'what_query', example: 'dentist' },
  timezone: { what: 'what_zone', example: 'Asia/Karachi' },
  text: { what: 'what_reminderText', example: 'call mom' },
  start: { what: 'what_start', example: 'tomorrow 4pm' },
  due: { what: 'what_due', example: 'friday 5pm' },
};

/** Questions that depend on the tool too: an event's title is not a todo's. */
const ASK_FOR_TOOL: Record<string, { what: MessageKey; example: string }> = {
  'create_event title': { what: 'what_eventTitle', example: '/event dentist friday 4pm' },
};

/**
 * Decides what each message does: explicit commands go straight to tools, button presses are
 * validated and acted on in the presser's scope, free text goes through the classifier, and an
 * open question is completed by the next message.
 */
export class Router {
  readonly #clarifier: Clarifier;
  constructor(private readonly deps: RouterDeps) {
    this.#clarifier = new Clarifier(deps.choices, (turn, reading, source) => this.runClassification(turn, reading, source), (intent) => {
      const entry = deps.commands.entries().find((e) => e.kind === 'tool' && e.tool === intent);
      return entry?.spec.description;
    });
  }

  async command(turn: TurnContext, msg: InboundCommand, builtin: (name: string, args: string) => Promise<Reply>): Promise<Reply> {
    this.deps.pending.clear(turn.chatKey);
    this.#clarifier.drop(turn);
    const entry = this.deps.commands.find(msg.name);
    const target = entry?.kind === 'tool' ? entry.tool : undefined;
    const repeat = target === 'create_reminder' || target === 'create_todo' ? parseRecurrencePhrase(msg.args, { now: turn.svc.now, timeZone: turn.svc.timeZone }) : null;
    const plan = this.deps.commands.plan(msg.name, repeat ? repeat.rest : msg.args, this.deps.parseCommandText, this.classifyContext(turn));
    if (plan.kind === 'tool') {
      const refusal = timeRefusal(turn.lang, plan.tool, msg.args);
      if (refusal && (plan.tool !== 'update_todo' || plan.params.due !== undefined)) return refusal;
    }
    if (repeat && plan.kind === 'tool') return this.runPlan(turn, this.withAudience(turn, this.withRecurrence(turn, plan, repeat.rule), msg.args));
    if (plan.kind === 'unknown') return { text: t(turn.lang, 'unknownCommand', { name: plan.name.slice(0, 32) }), language: turn.lang };
    if (plan.kind === 'refuse') return { text: t(turn.lang, plan.key, plan.vars), language: turn.lang };
    if (plan.kind === 'builtin') return builtin(plan.name, plan.args);
    const { kind: namedKind, ...options } = msg.options ?? {};
    // "/delete 2" names no kind (Discord's "/todo delete" says kind: todo): the list decides.
    const tool = target === 'delete_todo' && namedKind === undefined ? await this.deleteOfShownKind(turn, plan.tool, plan.params) : plan.tool;
    return this.runPlan(turn, this.withAudience(turn, { ...plan, tool, params: { ...plan.params, ...options } }, msg.args));
  }

  async text(turn: TurnContext, msg: InboundText, builtin?: (name: string, args: string) => Promise<Reply>): Promise<Reply | null> {
    if (isWordless(msg.text)) return wordlessReply(turn.lang);
    const picked = await this.#clarifier.answerText(turn, msg.text);
    if (picked) return picked;
    // "undo", "wapas karo": the /undo command in words (no tool stands for it).
    if (builtin && saysUndo(msg.text)) {
      this.deps.pending.clear(turn.chatKey);
      return builtin('undo', '');
    }
    const open = this.deps.pending.get(turn.chatKey);
    // A new request read while deciding that the open question is not being answered is not read twice.
    const newRequest = open ? await this.newRequest(turn, open, msg.text) : null;
    if (open && !newRequest) return this.answerPending(turn, open, msg.text);
    if (open) this.deps.pending.clear(turn.chatKey);
    if (this.deps.chatAgent) {
      try {
        return await this.deps.chatAgent.respond(turn, msg.text, turn.outlet);
      } catch (error) {
        if (!(error instanceof ModelError)) throw error;
        this.deps.onModelFallback?.(error);
        const c = await this.deps.classifier.classify(msg.text, this.classifyContext(turn));
        if (c.intent === 'general_chat' && !c.clarify?.length) return { text: t(turn.lang, 'modelOffline'), language: turn.lang };
        return this.runClassification(turn, c, msg.text);
      }
    }
    const repeat = parseRecurrencePhrase(msg.text, { now: turn.svc.now, timeZone: turn.svc.timeZone });
    if (repeat) {
      const c = await this.deps.classifier.classify(repeat.rest, this.classifyContext(turn));
      if ((c.intent === 'create_reminder' || c.intent === 'create_todo') && !c.clarify?.length) {
        const refusal = timeRefusal(turn.lang, c.intent, msg.text);
        if (refusal) return refusal;
        return this.runPlan(turn, this.withAudience(turn, this.withRecurrence(turn, { kind: 'tool', tool: c.intent, params: c.params, missing: c.missing }, repeat.rule), msg.text));
      }
    }
    const c = newRequest ?? await this.deps.classifier.classify(msg.text, this.classifyContext(turn));
    return this.runClassification(turn, c, msg.text);
  }

  /** A repeating reminder or todo: its first time is the rule's next occurrence in the user's zone. */
  private withRecurrence(turn: TurnContext, plan: Extract<CommandPlan, { kind: 'tool' }>, rule: string): Extract<CommandPlan, { kind: 'tool' }> {
    const first = nextOccurrence(rule, turn.svc.timeZone, turn.svc.now);
    const when = plan.tool === 'create_reminder' ? 'at' : 'due';
    const params = { ...plan.params, recurrence: rule, ...(first ? { [when]: first.toISOString() } : {}) };
    const missing = plan.missing?.filter((p) => p !== when);
    return { ...plan, params, missing: missing?.length ? missing : undefined };
  }

  async button(turn: TurnContext, msg: InboundButton, builtin: (name: string, args: string) => Promise<Reply>): Promise<Reply> {
    const cmd = parseButton(msg.data);
    if (!cmd) return { text: t(turn.lang, 'invalidButton'), language: turn.lang, ephemeral: true };
    switch (cmd.verb) {
      case 'undo': return builtin('undo', '');
      case 'stop': return builtin('stop', '');
      case 'ntf': return builtin('notification', cmd.data);
      case 'page': {
        if (cmd.kind !== 'todo') return this.outcome(turn, await this.deps.tools.run(cmd.kind === 'event' ? 'list_events' : 'list_memos', turn.tool, {}), true);
        const filter = isTodoFilter(cmd.filter) ? cmd.filter : 'open';
        return this.outcome(turn, await todoListOutcome(turn.tool, { filter }, cmd.page), true);
      }
      case 'done': {
        if (cmd.kind !== 'todo') return { text: t(turn.lang, 'invalidButton'), language: turn.lang, ephemeral: true };
        return this.outcome(turn, await this.deps.tools.run('complete_todo', turn.tool, { ref: `#${cmd.id}` }), true);
      }
      case 'del': {
        const tool = { todo: 'delete_todo', event: 'delete_event', memo: 'delete_memo', reminder: 'cancel_reminder' }[cmd.kind];
        return this.outcome(turn, await this.deps.tools.run(tool, turn.tool, { ref: `#${cmd.id}` }), true);
      }
      case 'pause': case 'resume':
        return this.outcome(turn, await this.deps.tools.run(`${cmd.verb}_reminder`, turn.tool, { ref: `#${cmd.id}` }), true);
      case 'pick': return this.#clarifier.press(turn, cmd.token, cmd.choice);
    }
  }

  /**
   * Runs a classification from free text or a model: ask for missing params, else execute.
   * `source` is the person's own words, checked for impossible times before anything is saved.
   */
  async runClassification(turn: TurnContext, c: Classification, source?: string): Promise<Reply> {
    // Unsure whether or how to change something: ask which reading was meant, run nothing yet.
    if (c.clarify?.length) return this.#clarifier.ask(turn, c.clarify, source);
    if (!this.deps.tools.get(c.intent)) return { text: t(turn.lang, 'notUnderstood'), language: turn.lang };
    const refusal = source === undefined ? null : timeRefusal(turn.lang, c.intent, source);
    if (refusal) return refusal;
    // A change in words finds its item among every kind; it never becomes a new item.
    const change = source === undefined ? null : await planChange(turn, c, source);
    if (change) return change.kind === 'reply' ? change.reply : this.runPlan(turn, change);
    if (await this.isReminderWithoutWords(turn, c, source)) {
      return this.runPlan(turn, this.withAudience(turn, { kind: 'tool', tool: 'create_reminder', params: { at: c.params.at }, missing: ['text'] }, source ?? ''));
    }
    const tool = await this.deleteOfShownKind(turn, c.intent, c.params);
    return this.runPlan(turn, this.withAudience(turn, { kind: 'tool', tool, params: c.params, missing: c.missing }, source ?? ''));
  }

  /**
   * "remind me in 10 minutes" reads as a snooze, which it is right after a reminder arrived here;
   * with nothing delivered in this chat it is a new reminder whose words are still to come, so
   * the person is asked what to remind them about instead of being told there is nothing to snooze.
   */
  private async isReminderWithoutWords(turn: TurnContext, c: Classification, source?: string): Promise<boolean> {
    if (c.intent !== 'snooze_reminder' || c.params.ref !== undefined || c.params.at === undefined || source === undefined || saysSnooze(source)) return false;
    return !(await turn.tool.services.reminders.lastDelivered(turn.svc, deliveredHere(turn.tool)));
  }

  /**
   * A reminder said in a group goes to the group unless the words say "remind me" (then privately):
   * the parser's contract has no audience param, so it is read from the person's words here.
   */
  private withAudience(turn: TurnContext, plan: Extract<CommandPlan, { kind: 'tool' }>, words: string): Extract<CommandPlan, { kind: 'tool' }> {
    if (plan.tool !== 'create_reminder' || turn.conversation.kind !== 'group' || plan.params.to !== undefined) return plan;
    const to = reminderAudience(words);
    return to ? { ...plan, params: { ...plan.params, to } } : plan;
  }

  private async runPlan(turn: TurnContext, plan: Extract<CommandPlan, { kind: 'tool' }>): Promise<Reply> {
    const missing = plan.missing?.filter((p) => plan.params[p] === undefined || plan.params[p] === '');
    if (missing?.length) return this.ask(turn, plan.tool, plan.params, missing[0]!, 0);
    const outcome = await this.deps.tools.run(plan.tool, turn.tool, plan.params);
    return this.outcome(turn, outcome, false, plan.tool, plan.params);
  }

  /**
   * "/delete 2" names no kind: the number is a line of the newest list shown in this chat, so
   * straight after /memos it deletes memo 2 (and after /events event 2), never todo 2 of an older
   * list. Words ("/delete milk") stay a todo, as before.
   */
  private async deleteOfShownKind(turn: TurnContext, tool: string, params: Record<string, unknown>): Promise<string> {
    if ((tool !== 'delete_todo' && tool !== 'delete_event') || typeof params.ref !== 'string' || !/^\s*[0-9\u06F0-\u06F9\u0660-\u0669]{1,9}\s*$/.test(params.ref)) return tool;
    const latest = await turn.tool.lastList.latest();
    // Straight after a reminder list, "cancel 2" / "/delete 2" is its line 2.
    if (latest?.kind === 'reminder') return 'cancel_reminder';
    if (tool !== 'delete_todo') return tool;
    return latest?.kind === 'memo' ? 'delete_memo' : latest?.kind === 'event' ? 'delete_event' : tool;
  }

  private outcome(turn: TurnContext, outcome: ToolOutcome, fromButton: boolean, tool?: string, input?: Record<string, unknown>): Reply {
    if (outcome.ask && tool && input) {
      this.deps.pending.set(turn.chatKey, { tool, input, param: outcome.ask.param });
    }
    return fromButton && !outcome.ask ? { ...outcome.reply, replaceOriginal: true } : outcome.reply;
  }

  private ask(turn: TurnContext, tool: string, input: Record<string, unknown>, param: string, attempts: number): Reply {
    this.deps.pending.set(turn.chatKey, { tool, input, param, attempts });
    if (param === 'at') return { text: t(turn.lang, 'reminderNeedsTime'), language: turn.lang };
    const spec = ASK_FOR_TOOL[`${tool} ${param}`] ?? ASK[param] ?? { what: 'what_ref' as const, example: '' };
    return { text: t(turn.lang, 'missingArgument', { what: t(turn.lang, spec.what), example: spec.example }), language: turn.lang };
  }

  /**
   * The message sent while a question is open, when it is a request of its own rather than the
   * answer: the parser reads a complete action other than the one asked about ("add buy eggs" while
   * asked which milk to delete). A number for a "which one?", chat (a bare time or words read as
   * chat), an incomplete reading or the same action again are answers, as before (null).
   */
  private async newRequest(turn: TurnContext, q: PendingQuestion, text: string): Promise<Classification | null> {
    if (q.param === 'ref' && /^\s*#?[0-9\u06F0-\u06F9\u0660-\u0669]{1,9}\s*$/.test(text)) return null;
    const c = await this.deps.classifier.classify(text, this.classifyContext(turn));
    if (c.intent === 'general_chat' || c.intent === q.tool || !this.deps.tools.get(c.intent) || c.clarify?.length) return null;
    return c.missing?.some((p) => c.params[p] === undefined || c.params[p] === '') ? null : c;
  }

  /** Completes an open question with the person's next message. */
  private async answerPending(turn: TurnContext, q: PendingQuestion, text: string): Promise<Reply> {
    const refusal = timeRefusal(turn.lang, q.tool, text);
    if (refusal) {
      this.deps.pending.clear(turn.chatKey);
      return refusal;
    }
    const merged = this.fill(turn, q, text);
    const stillMissing = merged.missing.filter((p) => merged.params[p] === undefined);
    if (stillMissing.length) {
      if (q.attempts >= 1) {
        this.deps.pending.clear(turn.chatKey);
        return { text: t(turn.lang, 'notUnderstood'), language: turn.lang };
      }
      return this.ask(turn, q.tool, merged.params, stillMissing[0]!, q.attempts + 1);
    }
    this.deps.pending.clear(turn.chatKey);
    const outcome = await this.deps.tools.run(q.tool, turn.tool, merged.params);
    return this.outcome(turn, outcome, false, q.tool, merged.params);
  }

  /** Puts the answer where the question was; natural-language answers go back through the parser. */
  private fill(turn: TurnContext, q: PendingQuestion, text: string): { params: Record<string, unknown>; missing: string[] } {
    const cctx = this.classifyContext(turn);
    const parse = this.deps.parseCommandText;
    const input = { ...q.input };
    const reparse = (synthetic: string, intent: string, keep: string[]) => {
      const c = parse(synthetic, cctx);
      if (c.intent === intent) for (const [k, v] of Object.entries(c.params)) if (!(keep.includes(k) && input[k] !== undefined)) input[k] = v;
    };
    if (q.tool === 'create_reminder' && (q.param === 'at' || q.param === 'text')) {
      if (q.param === 'at') reparse(`remind me to ${String(input.text ?? 'x')} ${text}`, 'create_reminder', ['text']);
      else reparse(`remind me to ${text}`, 'create_reminder', []);
      if (q.param === 'text' && input.text === undefined) input.text = text;
      return { params: input, missing: ['text', 'at'] };
    }
    if (q.tool === 'create_event' && (q.param === 'start' || q.param === 'title')) {
      reparse(`/event ${q.param === 'start' ? `${String(input.title ?? '')} ` : ''}${text}`, 'create_event', ['title']);
      if (input.title === undefined) input.title = text;
      return { params: input, missing: ['title', 'start'] };
    }
    if (q.tool === 'create_todo' && q.param === 'title') {
      reparse(`/todo ${text}`, 'create_todo', []);
      if (input.title === undefined) input.title = text;
      return { params: input, missing: ['title'] };
    }
    if (/^update_(?:todo|event|reminder)$/.test(q.tool) && /^(?:due|start|at)$/.test(q.param)) {
      // "When should it be?" after a change without a time: the answer is read like an event's time.
      input[q.param] = parse(`/event x ${text}`, cctx).params.start ?? text;
      return { params: input, missing: [q.param] };
    }
    input[q.param] = text;
    return { params: input, missing: [q.param] };
  }

  private classifyContext(turn: TurnContext): ClassifyContext {
    return { now: turn.svc.now, timeZone: turn.svc.timeZone, language: turn.lang };
  }
}
