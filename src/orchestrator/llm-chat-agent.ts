import type { Clock } from '../core/clock.ts';
import { ModelError } from '../core/errors.ts';
import type { Card, Reply, ReplyAction } from '../core/reply.ts';
import { t } from '../i18n/index.ts';
import { ModelCallCancelled } from '../llm/errors.ts';
import type { HistoryStore, StoredToolCall } from '../llm/history-store.ts';
import type { ChatModel, ModelAnswer } from '../llm/model-client.ts';
import type { ModelFunctionTool, ModelMessage } from '../llm/model-types.ts';
import { chatSystemPrompt, summaryPrompt } from '../llm/prompts.ts';
import { modelTools } from '../llm/tool-catalog.ts';
import { runToolCalls, type ToolCallResult } from '../llm/tool-calls.ts';
import { UsageMeter } from '../llm/usage-meter.ts';
import type { Logger } from '../logger.ts';
import { buttonData } from '../tools/buttons.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import type { ChatAgent } from './chat-agent.ts';
import type { Classifier } from './classifier.ts';
import type { TurnContext } from './context.ts';
import type { ReplyOutlet } from './outlet.ts';
import { ReplyStream } from './reply-stream.ts';

/** What the model-backed chat agent is built from (once, in the app). */
export interface LlmChatAgentDeps {
  model: ChatModel;
  tools: ToolRegistry;
  history: HistoryStore;
  usage: UsageMeter;
  /** The offline parser: checks the model's text answers and stands in when the budget is spent. */
  offline: Classifier;
  clock: Clock;
  logger: Logger;
  /** Model calls per message at most (tool rounds + the answer); default 4. */
  maxRounds?: number;
}

/** Thrown (as a ModelError, so the router's offline route runs) when the model's text dodged a clear action. */
export class ModelSkippedAction extends ModelError {
  constructor(intent: string) {
    super(`the model answered with text instead of calling ${intent}`, false);
    this.name = 'ModelSkippedAction';
  }
}

/**
 * ChatAgent over an OpenAI-compatible model. For each message: the system prompt (local time,
 * zone, language) + a token-bounded window of the stored conversation + the message go to the
 * model with the registry's tools; tool calls are validated and run in the person's scope (an
 * invalid call goes back once with the error), their results go back for a short answer, which
 * streams through a ReplyStream when the adapter gave an outlet. Plain chat streams from the first
 * token. When the offline parser sees a clear action, the first round is held back: a text answer
 * there would pretend, so the router's offline route does the action (or asks) instead.
 */
export class LlmChatAgent implements ChatAgent {
  readonly #tools: ModelFunctionTool[];
  readonly #allowed: ReadonlySet<string>;
  readonly #active = new Map<string, Set<AbortController>>();
  readonly #log: Logger;
  readonly #maxRounds: number;

  constructor(private readonly deps: LlmChatAgentDeps) {
    this.#tools = modelTools(deps.tools);
    this.#allowed = new Set(this.#tools.map((tool) => tool.function.name));
    this.#log = deps.logger.child({ area: 'llm-chat' });
    this.#maxRounds = deps.maxRounds ?? 4;
  }

  /** Stops the answers being produced for this person in this chat; false when there were none. */
  stop(chatKey: string): boolean {
    const set = this.#active.get(chatKey);
    if (!set?.size) return false;
    for (const c of set) c.abort();
    return true;
  }

  /** /new: later messages start a fresh conversation. */
  async startFresh(turn: TurnContext): Promise<void> {
    this.stop(turn.chatKey);
    await this.deps.history.startFresh(this.#key(turn));
  }

  async respond(turn: TurnContext, text: string, outlet?: ReplyOutlet): Promise<Reply | null> {
    const { usage, history, model } = this.deps;
    const lang = turn.lang;
    const userId = turn.svc.userId;
    const day = UsageMeter.day(turn.svc.now, turn.svc.timeZone);
    const offline = await this.deps.offline.classify(text, { now: turn.svc.now, timeZone: turn.svc.timeZone, language: lang });
    const clearAction = offline.intent !== 'general_chat' && Boolean(this.deps.tools.get(offline.intent)) ? offline.intent : undefined;
    if (await usage.exhausted(userId, day)) {
      if (clearAction) throw new ModelError('daily token budget reached', false, 429);
      return { text: t(lang, 'llmBudgetReached'), language: lang };
    }

    const conv = await history.open(this.#key(turn));
    const messages: ModelMessage[] = [
      { role: 'system', content: chatSystemPrompt({ now: turn.svc.now, timeZone: turn.svc.timeZone, language: lang, userName: turn.tool.userName, group: turn.conversation.kind === 'group', groupTitle: turn.tool.spaceTitle, summary: conv.summary }) },
      ...(await history.window(conv.id)),
      { role: 'user', content: text },
    ];

    const controller = new AbortController();
    const onOutletAbort = () => controller.abort();
    outlet?.signal?.addEventListener('abort', onOutletAbort, { once: true });
    const active = this.#active.get(turn.chatKey) ?? new Set();
    active.add(controller);
    this.#active.set(turn.chatKey, active);

    let stream: ReplyStream | undefined;
    const streamTo = (delta: string) => {
      if (!outlet) return;
      if (!stream) {
        stream = new ReplyStream({
          channel: outlet.channel, conversation: outlet.conversation, clock: this.deps.clock, language: lang,
          streamingActions: outlet.channel.capabilities.buttons ? [{ label: t(lang, 'button_stop'), data: buttonData({ verb: 'stop' }), style: 'secondary' }] : undefined,
          onWriteError: (error) => this.#log.warn({ err: error }, 'stream write failed'),
        });
        stream.start();
      }
      stream.push(delta);
    };

    const done: ToolCallResult[] = [];
    const stored: StoredToolCall[] = [];
    let strikes = 0;
    let finalText = '';
    let note = '';
    try {
      for (let round = 0; round < this.#maxRounds; round++) {
        const live = round > 0 || !clearAction;
        let answer: ModelAnswer;
        try {
          answer = await model.complete({ messages, tools: this.#tools, signal: controller.signal, onText: live ? streamTo : undefined });
        } catch (error) {
          if (error instanceof ModelCallCancelled) {
            finalText = stream?.text ?? '';
            note = t(lang, 'streamStopped');
            break;
          }
          // Nothing done and nothing shown yet: let the router fall back to the offline parser.
          if (!(error instanceof ModelError) || (!done.length && !stream?.text)) throw error;
          this.#log.warn({ err: error }, 'model failed after part of the answer');
          finalText = stream?.text || this.#toolTexts(done);
          note = t(lang, 'llmInterrupted');
          break;
        }
        await usage.record(userId, day, answer.promptTokens, answer.completionTokens);
        if (!answer.toolCalls.length) {
          if (round === 0 && clearAction) throw new ModelSkippedAction(clearAction);
          finalText = answer.content.trim() ? answer.content : this.#toolTexts(done);
          break;
        }
        messages.push({
          role: 'assistant', content: answer.content || null,
          tool_calls: answer.toolCalls.map((c) => ({ id: c.id, type: 'function' as const, function: { name: c.name, arguments: c.arguments } })),
        });
        const results = await runToolCalls(this.deps.tools, turn.tool, answer.toolCalls, this.#allowed,
          (error, call) => this.#log.error({ err: error, tool: call.name }, 'tool failed'));
        for (const r of results) {
          messages.push({ role: 'tool', tool_call_id: r.call.id, content: r.content });
          if (r.status !== 'invalid') stored.push({ id: r.call.id, name: r.call.name, arguments: r.call.arguments, result: r.content });
          if (r.status === 'ok') done.push(r);
        }
        const invalid = results.filter((r) => r.status === 'invalid');
        if (invalid.length) {
          this.#log.info({ calls: invalid.map((r) => ({ tool: r.call.name, issues: r.status === 'invalid' ? r.issues : [] })) }, 'model sent invalid tool arguments');
          if (++strikes >= 2) {
            finalText = [this.#toolTexts(done), t(lang, 'llmInvalidToolCall')].filter(Boolean).join('\n');
            break;
          }
        }
        if (round === this.#maxRounds - 1) finalText = this.#toolTexts(done) || t(lang, 'notUnderstood');
      }
    } finally {
      active.delete(controller);
      if (!active.size) this.#active.delete(turn.chatKey);
      outlet?.signal?.removeEventListener('abort', onOutletAbort);
    }

    if (!finalText.trim() && !note) finalText = this.#toolTexts(done) || t(lang, 'notUnderstood');
    const shown = note ? (finalText ? `${finalText}\n\n${note}` : note) : finalText;
    const extras = this.#attachments(done);
    await history.append(conv.id, [{ role: 'user', content: text }, { role: 'assistant', content: finalText, toolCalls: stored }]);
    await this.#compact(conv.id, userId, day);
    if (stream) {
      await stream.finish({ text: shown, ...extras });
      return null;
    }
    return { text: shown, language: lang, ...extras };
  }

  /** The tools' own confirmations, used when the model cannot phrase the answer. */
  #toolTexts(done: readonly ToolCallResult[]): string {
    return done.map((r) => (r.status === 'ok' ? r.outcome.reply.text : '')).filter(Boolean).join('\n');
  }

  /** One action's card and buttons (Undo, Done…) go under the answer; several would be noise. */
  #attachments(done: readonly ToolCallResult[]): { card?: Card; actions?: ReplyAction[] } {
    const only = done.length === 1 && done[0]!.status === 'ok' ? done[0]!.outcome.reply : undefined;
    return only ? { ...(only.card && { card: only.card }), ...(only.actions?.length && { actions: only.actions }) } : {};
  }

  async #compact(conversationId: number, userId: number, day: string): Promise<void> {
    try {
      await this.deps.history.compact(conversationId, async (previous, transcript) => {
        const answer = await this.deps.model.complete({ messages: [{ role: 'system', content: summaryPrompt(previous) }, { role: 'user', content: transcript }], maxTokens: 400 });
        await this.deps.usage.record(userId, day, answer.promptTokens, answer.completionTokens);
        return answer.content;
      });
    } catch (error) {
      this.#log.warn({ err: error }, 'summarizing older turns failed; will retry on a later turn');
    }
  }

  #key(turn: TurnContext) {
    return { userId: turn.svc.userId, platform: turn.conversation.platform, chatId: turn.conversation.chatId, threadId: turn.conversation.threadId };
  }
}
