import type { Channel } from '../core/channel.ts';
import { PlatformError, ValidationError } from '../core/errors.ts';
import type { ChatModel } from '../llm/model-client.ts';
import { ToolRegistry } from '../tools/registry.ts';
import type { ToolContext, ToolOutcome } from '../tools/tool.ts';
import type { Metrics } from './metrics.ts';

/**
 * The tool registry, counting every run by tool and outcome. Commands, the model, background tasks
 * and MCP all run tools through the one registry, so one count covers them all.
 */
export class MeteredToolRegistry extends ToolRegistry {
  constructor(private readonly metrics: Metrics) {
    super();
  }

  override async run(name: string, ctx: ToolContext, input: unknown): Promise<ToolOutcome> {
    try {
      const outcome = await super.run(name, ctx, input);
      this.metrics.toolCall(name, 'ok');
      return outcome;
    } catch (error) {
      this.metrics.toolCall(this.get(name) ? name : 'unknown', error instanceof ValidationError ? 'invalid' : 'error');
      throw error;
    }
  }
}

/** A model whose calls are timed and whose tokens are counted. */
export function meteredModel(model: ChatModel, metrics: Metrics): ChatModel {
  return {
    get name() { return model.name; },
    async complete(request) {
      const started = performance.now();
      try {
        const answer = await model.complete(request);
        metrics.modelCall(model.name, (performance.now() - started) / 1000, 'ok', { prompt: answer.promptTokens, completion: answer.completionTokens });
        return answer;
      } catch (error) {
        metrics.modelCall(model.name, (performance.now() - started) / 1000, 'error');
        throw error;
      }
    },
  };
}

/** A Channel that reports the PlatformErrors it throws (reminders, streamed answers) by code. */
export function meteredChannel(channel: Channel, report: (platform: string, code: string | number | undefined) => void): Channel {
  const watch = <T>(p: Promise<T>): Promise<T> => p.catch((error: unknown) => {
    if (error instanceof PlatformError) report(error.platform, error.code);
    throw error;
  });
  return {
    platform: channel.platform,
    capabilities: channel.capabilities,
    send: (conversation, reply) => watch(channel.send(conversation, reply)),
    edit: (handle, reply) => watch(channel.edit(handle, reply)),
    sendDirect: (target, reply, options) => watch(channel.sendDirect(target, reply, options)),
    ...(channel.typing && { typing: (conversation) => watch(channel.typing!(conversation)) }),
  };
}
