import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseCommandText, systemClock, type Channel, type ChannelCapabilities, type ConversationRef, type DirectTarget, type InboundMessage, type MessageHandle, type Reply } from '../../src/core/index.ts';
import type { MessageHandler } from '../../src/orchestrator/index.ts';
import { renderPlain } from './render-plain.ts';

/** The one local person using the terminal chat. */
export const CONSOLE_USER_ID = 'local';

const conversation: ConversationRef = { platform: 'console', chatId: CONSOLE_USER_ID, kind: 'dm' };

/** What the terminal chat needs. */
export interface ConsoleChatOptions {
  handler: MessageHandler;
  input: Readable;
  output: Writable;
  /** Show a prompt and redraw streamed text in place (true when a person types at a TTY). */
  interactive: boolean;
  displayName?: string;
  now?: () => Date;
  /** The channel to print through (shared with the scheduler so reminders appear in the same terminal). */
  channel?: ConsoleChannel;
}

/**
 * The terminal as a Channel: replies and direct messages (reminders, task results) are printed.
 * A streamed answer grows in place: an edit that extends the text prints only the new part; any
 * other edit redraws the message (ANSI on a TTY, a fresh copy when piped).
 */
export class ConsoleChannel implements Channel {
  readonly platform = 'console' as const;
  readonly capabilities: ChannelCapabilities = {
    maxMessageLength: 100_000, minEditIntervalDmMs: 100, minEditIntervalGroupMs: 100, buttons: false, format: 'plain',
  };
  #next = 1;
  /** The message still being written (no newline yet): its id and what is on screen. */
  #open: { id: string; shown: string } | undefined;
  constructor(private readonly output: Writable, private readonly interactive = false) {}

  async send(conv: ConversationRef, reply: Reply): Promise<MessageHandle> {
    this.close();
    const id = String(this.#next++);
    const shown = renderPlain(reply);
    this.output.write(shown);
    this.#open = { id, shown };
    return { conversation: conv, messageId: id };
  }

  async edit(handle: MessageHandle, reply: Reply): Promise<void> {
    const shown = renderPlain(reply);
    const open = this.#open;
    if (!open || open.id !== handle.messageId) {
      this.close();
      this.output.write(`${shown}\n`);
      return;
    }
    if (shown.startsWith(open.shown)) this.output.write(shown.slice(open.shown.length));
    else if (this.interactive) {
      const lines = open.shown.split('\n').length;
      this.output.write(`\r${lines > 1 ? `\x1b[${lines - 1}A` : ''}\x1b[J${shown}`);
    } else this.output.write(`\n${shown}`);
    open.shown = shown;
  }

  async sendDirect(_target: DirectTarget, reply: Reply): Promise<MessageHandle> {
    const handle = await this.send(conversation, reply);
    this.close();
    return handle;
  }

  /** Ends the message being written with a newline (the next output starts on its own line). */
  close(): void {
    if (this.#open) this.output.write('\n');
    this.#open = undefined;
  }
}

/**
 * Runs the terminal chat: each line typed (or piped) is one message from the local user, handled
 * in order; answers stream in place through the channel. `/stop` (or "stop") while an answer is
 * streaming ends it at once instead of waiting its turn. With piped input it resolves at the end.
 */
export async function runConsoleChat(opts: ConsoleChatOptions): Promise<void> {
  const channel = opts.channel ?? new ConsoleChannel(opts.output, opts.interactive);
  const rl = createInterface({ input: opts.input, terminal: false, crlfDelay: Infinity });
  const prompt = () => { if (opts.interactive) opts.output.write('you › '); };
  const now = opts.now ?? (() => systemClock.now());
  const actor = { platform: 'console' as const, userId: CONSOLE_USER_ID, displayName: opts.displayName ?? 'you' };
  let n = 0;
  let busy = false;
  const toMessage = (line: string): InboundMessage => {
    const base = { conversation, actor, receivedAt: now(), messageId: String(++n) };
    const command = parseCommandText(line);
    return command ? { ...base, type: 'command', name: command.name, args: command.args } : { ...base, type: 'text', text: line };
  };
  const handle = async (message: InboundMessage) => {
    const reply = await opts.handler.handle(message, { channel, conversation });
    channel.close();
    if (reply) {
      await channel.send(conversation, reply);
      channel.close();
    }
  };
  let chain = Promise.resolve();
  prompt();
  for await (const line of rl) {
    if (busy && /^\s*(\/stop|stop)\s*$/i.test(line)) {
      void opts.handler.handle({ conversation, actor, receivedAt: now(), messageId: String(++n), type: 'button', data: 'stop' }).catch(() => {});
      continue;
    }
    const message = toMessage(line);
    chain = chain.then(async () => {
      busy = true;
      try {
        await handle(message);
      } finally {
        busy = false;
      }
      prompt();
    });
    // Piped input is handled strictly in order; a TTY keeps reading so /stop can interrupt.
    if (!opts.interactive) await chain;
  }
  await chain;
}
