/**
 * A classifier that is unsure about chosen texts: for each of them it answers with the given readings
 * as `clarify` (best first, the best also as the intent), the way the offline intent model does when
 * a message might be a write. Every other text goes to the real offline parser. A fake at the edge,
 * passed through createApp's `classifier` option (no module mocks).
 */
import type { AppOptions } from '../../src/app.ts';
import type { Classification, Reading } from '../../src/orchestrator/classifier.ts';

/** `createApp` option: `texts` maps a message (trimmed) to the readings to ask between. */
export function unsureAbout(texts: Record<string, Reading[]>): NonNullable<AppOptions['classifier']> {
  return (offline) => ({
    async classify(text, ctx): Promise<Classification> {
      const readings = texts[text.trim()];
      if (!readings) return offline.classify(text, ctx);
      return { ...readings[0]!, confidence: 0.4, clarify: readings };
    },
  });
}

/** The usual unsure message of the tests: a todo `what`, a reminder of `what` at `at`, or just talking. */
export function todoOrReminder(what: string, at: string): Reading[] {
  return [
    { intent: 'create_todo', params: { title: what } },
    { intent: 'create_reminder', params: { text: what, at } },
    { intent: 'general_chat', params: {} },
  ];
}
