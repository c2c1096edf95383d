/** The orchestrator's entry, the only part of it adapters import. */
import type { InboundMessage } from '../core/inbound.ts';
import type { Reply } from '../core/reply.ts';

/** Anything that turns an inbound message into a reply: the Orchestrator, or a test double. */
export interface MessageHandler {
  handle(message: InboundMessage): Promise<Reply | null>;
}

export { Orchestrator, type OrchestratorDeps, type OrchestratorSettings } from './orchestrator.ts';
