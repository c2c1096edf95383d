import pino from 'pino';
import { currentCorrelationId } from './core/correlation.ts';
import { redactValue, rememberSecrets, scrubSecrets } from './log-redaction.ts';

export { scrubSecrets } from './log-redaction.ts';

/** The app's logger type; areas get children (`logger.child({ area: 'telegram' })`). */
export type Logger = pino.Logger;

/** What a logger is built with besides its level. */
export interface LoggerOptions {
  /** Exact secret values to keep out of every line (the configured tokens and keys). */
  secrets?: Iterable<string | undefined>;
}

/**
 * Creates a logger. Logs go to stderr so stdout stays clean for the terminal chat, MCP and the
 * classify command; `destination` lets tests capture lines. Every argument of every call (and every
 * child's bindings) passes through the one redaction in log-redaction.ts, which walks the whole
 * object — error causes, headers, nested keys, URLs inside strings — so no area can leak a secret by
 * logging the wrong thing. Calls below the level cost nothing: pino never reaches the hook.
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination({ fd: 2, sync: false }), options: LoggerOptions = {}): Logger {
  if (options.secrets) rememberSecrets(options.secrets);
  const logger = pino(
    {
      level,
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => redactValue(bindings) as pino.Bindings,
      },
      // Every line written while a message is handled carries its correlation id (see core/correlation.ts).
      mixin: () => {
        const cid = currentCorrelationId();
        return cid ? { cid } : {};
      },
      // The hook below already turned errors into plain, scrubbed objects; pino's own error
      // serializer would re-read them (and rename their type to Object).
      serializers: { err: (e: unknown) => e },
      hooks: {
        logMethod(args, method) {
          method.apply(this, redactArguments(args) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
  // pino applies `formatters.bindings` to the root only; children (which inherit this method)
  // would write their bindings unredacted, so every child's bindings pass through here too.
  const child = logger.child;
  logger.child = function redactedChild(this: Logger, bindings, childOptions) {
    return child.call(this, redactValue(bindings) as pino.Bindings, childOptions);
  } as typeof logger.child;
  return logger;
}

/**
 * pino's call shapes: (obj, msg?, ...format args) or (msg, ...format args). An Error as the first
 * argument becomes `{ err }` here (pino would otherwise take its unscrubbed message as the line's msg).
 */
function redactArguments(args: unknown[]): unknown[] {
  const out = args.map((a) => (typeof a === 'string' ? scrubSecrets(a) : redactValue(a)));
  const first = args[0];
  if (first instanceof Error) {
    out[0] = { err: out[0] };
    if (typeof out[1] !== 'string') out.splice(1, 0, scrubSecrets(first.message));
  }
  return out;
}
