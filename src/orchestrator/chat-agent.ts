import type { Reply } from '../core/reply.ts';
import type { TurnContext } from './context.ts';
import type { ReplyOutlet } from './outlet.ts';

/**
 * A model-backed handler for free text: it understands the message through tool calls, runs the
 * tools and answers (streaming through the outlet when given one). Returns null when the answer was
 * already delivered through the outlet. Throws a ModelError when the model is unavailable, so the
 * orchestrator falls back to the offline parser.
 */
export interface ChatAgent {
  respond(turn: TurnContext, text: string, outlet?: ReplyOutlet): Promise<Reply | null>;
}
