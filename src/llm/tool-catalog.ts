import type { ToolRegistry } from '../tools/registry.ts';
import type { ModelFunctionTool } from './model-types.ts';

/** Tools the model never calls: chatting is answering with text, not a tool. */
const NOT_FOR_MODEL = new Set(['general_chat']);

/**
 * The model's tool list, derived once from the one registry (zod → JSON schema, no second copy).
 * `exclude` drops tools a caller must not offer (the background agent cannot delegate again).
 */
export function modelTools(registry: ToolRegistry, exclude: readonly string[] = []): ModelFunctionTool[] {
  const skip = new Set([...NOT_FOR_MODEL, ...exclude]);
  return registry.jsonSchemas()
    .filter((t) => !skip.has(t.name))
    .map((t) => {
      const { $schema: _ignored, ...parameters } = t.parameters;
      return { type: 'function', function: { name: t.name, description: t.description, parameters } };
    });
}
