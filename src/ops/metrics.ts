import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/database.ts';

/** Notifications sent this long after their due time count as late. */
export const LATE_AFTER_MS = 60_000;

/**
 * The Prometheus metrics of one process, on a registry of its own (so tests can build several):
 * messages handled, tool calls by name and outcome, model latency and tokens, platform errors by
 * code, and — read from the durable outbox at scrape time, so they survive restarts and count every
 * worker — notifications sent, failed and late.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #messages: Counter<'platform' | 'type'>;
  readonly #tools: Counter<'tool' | 'outcome'>;
  readonly #modelLatency: Histogram<'model' | 'outcome'>;
  readonly #modelTokens: Counter<'model' | 'kind'>;
  readonly #platformErrors: Counter<'platform' | 'code'>;

  constructor(db?: Db, options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'clawchat_' });
    this.#messages = new Counter({ name: 'clawchat_messages_handled_total', help: 'Messages handled, by platform and kind (text, command, button).', labelNames: ['platform', 'type'], registers });
    this.#tools = new Counter({ name: 'clawchat_tool_calls_total', help: 'Tool calls by tool name and outcome (ok, invalid, error).', labelNames: ['tool', 'outcome'], registers });
    this.#modelLatency = new Histogram({
      name: 'clawchat_model_request_duration_seconds', help: 'Language model call latency.', labelNames: ['model', 'outcome'], registers,
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60],
    });
    this.#modelTokens = new Counter({ name: 'clawchat_model_tokens_total', help: 'Model tokens used, by kind (prompt, completion).', labelNames: ['model', 'kind'], registers });
    this.#platformErrors = new Counter({ name: 'clawchat_platform_errors_total', help: 'Errors returned by platform APIs, by platform and error code.', labelNames: ['platform', 'code'], registers });
    if (db) {
      new Gauge({
        name: 'clawchat_notifications', help: 'Notifications in the outbox by outcome: sent, failed, late (sent over a minute after due).',
        labelNames: ['outcome'], registers,
        async collect() {
          const rows = await db.$queryRawUnsafe<{ sent: number | bigint; failed: number | bigint; late: number | bigint }[]>(
            `SELECT COALESCE(SUM("status" = 'sent'), 0) AS sent, COALESCE(SUM("status" = 'failed'), 0) AS failed,
                    COALESCE(SUM("status" = 'sent' AND (julianday("sentAt") - julianday("dueAt")) * 86400000 > ?), 0) AS late
             FROM "Notification"`, LATE_AFTER_MS,
          );
          const r = rows[0];
          this.set({ outcome: 'sent' }, Number(r?.sent ?? 0));
          this.set({ outcome: 'failed' }, Number(r?.failed ?? 0));
          this.set({ outcome: 'late' }, Number(r?.late ?? 0));
        },
      });
    }
  }

  /** One inbound message went through the pipeline. */
  messageHandled(platform: string, type: string): void {
    this.#messages.inc({ platform, type });
  }

  /** One tool ran (from a command, the model, a background task or MCP). */
  toolCall(tool: string, outcome: 'ok' | 'invalid' | 'error'): void {
    this.#tools.inc({ tool, outcome });
  }

  /** One model call finished after `seconds`, with its tokens when it succeeded. */
  modelCall(model: string, seconds: number, outcome: 'ok' | 'error', tokens?: { prompt: number; completion: number }): void {
    this.#modelLatency.observe({ model, outcome }, seconds);
    if (tokens) {
      this.#modelTokens.inc({ model, kind: 'prompt' }, tokens.prompt);
      this.#modelTokens.inc({ model, kind: 'completion' }, tokens.completion);
    }
  }

  /** A platform API refused or failed. */
  platformError(platform: string, code: string | number | undefined): void {
    this.#platformErrors.inc({ platform, code: String(code ?? 'unknown') });
  }

  /** The Prometheus text exposition of everything above. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** The content type of `render()`'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
