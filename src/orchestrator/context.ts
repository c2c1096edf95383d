import type { ConversationRef, InboundMessage } from '../core/inbound.ts';
import type { Language } from '../i18n/index.ts';
import type { ServiceContext } from '../services/scope.ts';
import type { ToolContext } from '../tools/tool.ts';
import type { ReplyOutlet } from './outlet.ts';

/** Everything the router knows about one message after the pipeline resolved who and where. */
export interface TurnContext {
  message: InboundMessage;
  tool: ToolContext;
  svc: ServiceContext;
  lang: Language;
  conversation: ConversationRef;
  /** Key of this person in this chat (pending questions, last lists). */
  chatKey: string;
  /** True when the user had no time zone before this message (onboarding asks for it). */
  timeZoneUnset: boolean;
  /** Where to stream the answer, when the adapter offered it. */
  outlet?: ReplyOutlet;
}
