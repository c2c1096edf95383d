import { UserFacingError, ValidationError } from '../core/errors.ts';
import { isMessageKey, t } from '../i18n/index.ts';
import type { ToolRegistry } from '../tools/registry.ts';
import type { ToolContext, ToolOutcome } from '../tools/tool.ts';
import type { ModelToolCall } from './model-client.ts';

/** What became of one tool call the model asked for. */
export type ToolCallResult =
  | { call: ModelToolCall; status: 'ok'; outcome: ToolOutcome; content: string }
  | { call: ModelToolCall; status: 'invalid'; issues: string[]; content: string }
  | { call: ModelToolCall; status: 'failed'; message: string; content: string };

/**
 * Runs the model's tool calls in order. Arguments are untrusted: parsed as JSON and validated with
 * the tool's zod schema before anything runs (an invalid call writes nothing); the acting user and
 * scope come from `ctx`, never from the arguments (unknown keys such as a user id are dropped by the
 * schema). Each result carries the JSON text sent back to the model.
 */
export async function runToolCalls(
  registry: ToolRegistry, ctx: ToolContext, calls: readonly ModelToolCall[], allowed: ReadonlySet<string>,
  onError?: (error: unknown, call: ModelToolCall) => void,
): Promise<ToolCallResult[]> {
  const results: ToolCallResult[] = [];
  for (const call of calls) {
    if (!allowed.has(call.name) || !registry.get(call.name)) {
      const issues = [`unknown tool "${call.name}"; use one of the tools offered`];
      results.push({ call, status: 'invalid', issues, content: JSON.stringify({ error: 'invalid_call', issues }) });
      continue;
    }
    let args: unknown;
    try {
      args = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
    } catch {
      const issues = ['arguments are not valid JSON'];
      results.push({ call, status: 'invalid', issues, content: JSON.stringify({ error: 'invalid_arguments', issues, hint: 'Call the tool again with corrected arguments.' }) });
      continue;
    }
    try {
      registry.parseInput(call.name, args);
    } catch (error) {
      const issues = error instanceof ValidationError ? [...error.issues] : [String(error)];
      results.push({ call, status: 'invalid', issues, content: JSON.stringify({ error: 'invalid_arguments', issues, hint: 'Call the tool again with corrected arguments.' }) });
      continue;
    }
    try {
      const outcome = await registry.run(call.name, ctx, args);
      results.push({ call, status: 'ok', outcome, content: JSON.stringify({ ok: true, result: outcome.result, shown_to_user: outcome.reply.text, ...(outcome.ask && { needs: outcome.ask.param }) }) });
    } catch (error) {
      const message = describeFailure(error, ctx);
      if (!(error instanceof UserFacingError) && !(error instanceof ValidationError)) onError?.(error, call);
      results.push({ call, status: 'failed', message, content: JSON.stringify({ ok: false, error: message }) });
    }
  }
  return results;
}

/** A tool failure in words the model can pass on (the person's language for user-facing errors). */
function describeFailure(error: unknown, ctx: ToolContext): string {
  if (error instanceof UserFacingError && isMessageKey(error.key)) return t(ctx.lang, error.key, error.vars);
  if (error instanceof ValidationError) return `invalid input: ${error.issues.join('; ') || error.message}`;
  return 'the action failed because of an internal error; nothing was changed';
}
