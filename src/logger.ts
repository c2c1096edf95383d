import pino from 'pino';
import { currentCorrelationId } from './ops/correlation.ts';

/** The app's logger type; areas get children (`logger.child({ area: 'telegram' })`). */
export type Logger = pino.Logger;

/** Paths whose values never reach a log line, wherever they appear. */
export const REDACTED_PATHS = [
  'token', '*.token', 'apiKey', '*.apiKey', 'authorization', '*.authorization', '*.headers.authorization',
  'TELEGRAM_BOT_TOKEN', 'DISCORD_BOT_TOKEN', 'OPENAI_API_KEY', '*.TELEGRAM_BOT_TOKEN', '*.DISCORD_BOT_TOKEN', '*.OPENAI_API_KEY',
];

/** Secrets that may hide inside free text (URLs with bot tokens, error messages). */
const SECRET_PATTERNS = [/\b\d{6,}:[A-Za-z0-9_-]{30,}\b/g, /\bsk-[A-Za-z0-9_-]{16,}\b/g, /bot\d+:[A-Za-z0-9_-]+/g];

/** Masks bot tokens and API keys inside a string (for error messages that quote URLs). */
export function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((s, re) => s.replace(re, '[redacted]'), text);
}

/**
 * Creates the root logger. Logs go to stderr so stdout stays clean for the terminal chat and the
 * classify command; `destination` lets tests capture lines.
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination({ fd: 2, sync: false })): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      // Every line written while a message is handled carries its correlation id (see ops/correlation.ts).
      mixin: () => {
        const cid = currentCorrelationId();
        return cid ? { cid } : {};
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: { err: (e: unknown) => serializeError(e) },
    },
    destination,
  );
}

function serializeError(e: unknown): unknown {
  const base = pino.stdSerializers.err(e as Error);
  if (base && typeof base.message === 'string') base.message = scrubSecrets(base.message);
  if (base && typeof base.stack === 'string') base.stack = scrubSecrets(base.stack);
  return base;
}
