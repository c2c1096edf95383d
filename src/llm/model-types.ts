/**
 * The message and tool shapes of a model call, named once for the rest of the code. src/llm is the
 * only layer that imports `openai`; the orchestrator and the history store speak these names, so a
 * change of SDK (or of its module layout) is a change in this file only.
 */
import type { ChatCompletionFunctionTool, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';

/** One message of a conversation sent to the model (system, user, assistant or tool result). */
export type ModelMessage = ChatCompletionMessageParam;

/** A tool offered to the model in a request (function or custom). */
export type ModelTool = ChatCompletionTool;

/** A function tool, the kind every registry tool becomes (JSON schema from its zod input). */
export type ModelFunctionTool = ChatCompletionFunctionTool;
