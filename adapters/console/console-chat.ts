import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseCommandText, type Channel, type ChannelCapabilities, type ConversationRef, type DirectTarget, type InboundMessage, type MessageHandle, type Reply } from '../../src/core/index.ts';
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
}

/**
 * The terminal as a Channel: replies and direct messages (reminders) are printed. Edits re-print
 * the message (interactive terminals redraw it in place).
 */
export class ConsoleChannel implements Channel {
  readonly platform = 'console' as const;
  readonly capabilities: ChannelCapabilities = {
    maxMessageLength: 100_000, minEditIntervalDmMs: 100, minEditIntervalGroupMs: 100, buttons: false, format: 'plain',
  };
  #next = 1;
  constructor(private readonly output: Writable) {}

  async send(conv: ConversationRef, reply: Reply): Promise<MessageHandle> {
    this.output.write(`${renderPlain(reply)}\n`);
    return { conversation: conv, messageId: String(this.#next++) };
  }

  async edit(_handle: MessageHandle, reply: Reply): Promise<void> {
    this.output.write(`${renderPlain(reply)}\n`);
  }

  async sendDirect(_target: DirectTarget, reply: Reply): Promise<MessageHandle> {
    return this.send(conversation, reply);
  }
}

/**
 * Runs the terminal chat: each line typed (or piped) is one message from the local user. With
 * piped input it handles the lines in order and resolves at end of input.
 */
export async function runConsoleChat(opts: ConsoleChatOptions): Promise<void> {
  const channel = new ConsoleChannel(opts.output);
  const rl = createInterface({ input: opts.input, terminal: false, crlfDelay: Infinity });
  const prompt = () => { if (opts.interactive) opts.output.write('you › '); };
  const now = opts.now ?? (() => new Date());
  let n = 0;
  prompt();
  for await (const line of rl) {
    const actor = { platform: 'console' as const, userId: CONSOLE_USER_ID, displayName: opts.displayName ?? 'you' };
    const base = { conversation, actor, receivedAt: now(), messageId: String(++n) };
    const command = parseCommandText(line);
    const message: InboundMessage = command ? { ...base, type: 'command', name: command.name, args: command.args } : { ...base, type: 'text', text: line };
    const reply = await opts.handler.handle(message);
    if (reply) await channel.send(conversation, reply);
    prompt();
  }
}
