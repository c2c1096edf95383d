import OpenAI from 'openai';
import { systemClock, type CancelTimer, type Clock } from '../core/clock.ts';
import { ModelError } from '../core/errors.ts';
import { estimateTokens } from './tokens.ts';
import { ModelCallCancelled, toModelError, type AbortCause } from './errors.ts';
import type { ModelMessage, ModelTool } from './model-types.ts';

/** How to reach the model; read from the configuration once. */
export interface ModelSettings {
  apiKey?: string;
  baseURL?: string;
  model: string;
  /** Longest wait for a response to start, and for the next token once it has. */
  timeoutMs: number;
  /** Retries of 408/409/429/5xx and connection failures (the SDK's own backoff, honouring retry-after). */
  maxRetries: number;
}

/** One tool call the model asked for; `arguments` is raw, untrusted text. */
export interface ModelToolCall {
  id: string;
  name: string;
  arguments: string;
}

/** The assembled answer of one model call. */
export interface ModelAnswer {
  content: string;
  toolCalls: ModelToolCall[];
  finishReason: string | null;
  promptTokens: number;
  completionTokens: number;
}

/** One model call: messages, optional tools, a cancel signal, and where streamed text goes. */
export interface ModelRequest {
  messages: ModelMessage[];
  tools?: ModelTool[];
  signal?: AbortSignal;
  /** Called with each text delta as it arrives (general chat streams through this). */
  onText?: (delta: string) => void;
  maxTokens?: number;
}

/** The one thing the LLM layer asks of a model; tests and the bench use the real implementation. */
export interface ChatModel {
  readonly name: string;
  complete(request: ModelRequest): Promise<ModelAnswer>;
}

/**
 * The openai SDK client, created once per process. Every call streams (tool-call deltas are
 * assembled here), has a bounded total time (the SDK's per-attempt timeout and retries, capped by
 * an overall deadline so a long retry-after cannot hold a person hostage), and an idle timer for a
 * stream that stops sending. Errors leave as ModelError (or ModelCallCancelled).
 */
export class OpenAIChatModel implements ChatModel {
  readonly #client: OpenAI;
  readonly #deadlineMs: number;
  readonly name: string;

  /**
   * `clock` times the overall deadline and the idle timer. It defaults to the real clock on
   * purpose, and the app passes no other: the SDK's per-attempt timeout and retry backoff run on
   * real time and take no clock, and the deadline is computed from them, so both must count the
   * same seconds (a fake clock moved by a test would abort a live stream the SDK still waits on).
   */
  constructor(private readonly settings: ModelSettings, private readonly clock: Clock = systemClock) {
    this.name = settings.model;
    // Local servers (Ollama, LM Studio, vLLM) need no key, but the SDK insists on one.
    this.#client = new OpenAI({
      apiKey: settings.apiKey ?? 'not-needed', baseURL: settings.baseURL,
      timeout: settings.timeoutMs, maxRetries: settings.maxRetries,
    });
    this.#deadlineMs = settings.timeoutMs * (settings.maxRetries + 1) + 2_000 * settings.maxRetries;
  }

  async complete(request: ModelRequest): Promise<ModelAnswer> {
    // A connection dropped mid-stream is not retried by the SDK (the response had begun); retry it
    // once here, but only while nothing has been shown to the person.
    const started = this.clock.now().getTime();
    let shown = false;
    const onText = request.onText && ((d: string) => { shown = true; request.onText!(d); });
    try {
      return await this.#once({ ...request, onText }, this.#deadlineMs);
    } catch (error) {
      const remaining = this.#deadlineMs - (this.clock.now().getTime() - started);
      if (!(error instanceof ModelError) || !error.retryable || shown || error.status !== undefined || remaining < 1_000) throw error;
      return this.#once({ ...request, onText }, remaining);
    }
  }

  async #once(request: ModelRequest, deadlineMs: number): Promise<ModelAnswer> {
    const controller = new AbortController();
    let cause: AbortCause | undefined;
    const abort = (why: AbortCause) => { cause ??= why; controller.abort(); };
    const onCancel = () => abort('cancelled');
    if (request.signal?.aborted) throw new ModelCallCancelled();
    request.signal?.addEventListener('abort', onCancel, { once: true });
    const cancelDeadline = this.clock.setTimeout(() => abort('deadline'), deadlineMs);
    let cancelIdle: CancelTimer | undefined;
    const touch = () => { cancelIdle?.(); cancelIdle = this.clock.setTimeout(() => abort('idle'), this.settings.timeoutMs); };
    try {
      const stream = await this.#client.chat.completions.create({
        model: this.settings.model,
        messages: request.messages,
        ...(request.tools?.length ? { tools: request.tools, parallel_tool_calls: true } : {}),
        ...(request.maxTokens ? { max_tokens: request.maxTokens } : {}),
        stream: true,
        stream_options: { include_usage: true },
      }, { signal: controller.signal });
      touch();
      let content = '';
      let finishReason: string | null = null;
      let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
      const calls = new Map<number, ModelToolCall>();
      for await (const chunk of stream) {
        touch();
        if (chunk.usage) usage = chunk.usage;
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        if (choice.finish_reason) finishReason = choice.finish_reason;
        const delta = choice.delta;
        if (delta?.content) {
          content += delta.content;
          request.onText?.(delta.content);
        }
        for (const tc of delta?.tool_calls ?? []) {
          const call = calls.get(tc.index) ?? { id: '', name: '', arguments: '' };
          if (tc.id) call.id = tc.id;
          if (tc.function?.name) call.name += tc.function.name;
          if (tc.function?.arguments) call.arguments += tc.function.arguments;
          calls.set(tc.index, call);
        }
      }
      if (cause) throw toModelError(undefined, cause);
      const toolCalls = [...calls.entries()].sort(([a], [b]) => a - b).map(([i, c]) => ({ ...c, id: c.id || `call_${i}` }))
        .filter((c) => c.name);
      const promptChars = request.messages.reduce((n, m) => n + (typeof m.content === 'string' ? m.content.length : 0), 0);
      return {
        content, toolCalls, finishReason,
        promptTokens: usage?.prompt_tokens ?? Math.ceil(promptChars / 4),
        completionTokens: usage?.completion_tokens ?? estimateTokens(content + toolCalls.map((c) => c.name + c.arguments).join('')),
      };
    } catch (error) {
      throw toModelError(error, cause);
    } finally {
      cancelDeadline();
      cancelIdle?.();
      request.signal?.removeEventListener('abort', onCancel);
    }
  }
}
