/** Platforms ClawChat speaks on; `console` is the local terminal chat. */
export type Platform = 'telegram' | 'discord' | 'console';

/**
 * Where a message was said. Enough to answer in the same place (chat + thread) and to decide whose
 * list is meant (a DM is personal, a group/guild is shared). No platform objects.
 */
export interface ConversationRef {
  platform: Platform;
  chatId: string;
  threadId?: string;
  kind: 'dm' | 'group';
  /** The shared space's external id when it differs from chatId (a Discord guild for its channels). */
  spaceId?: string;
  /** Human name of the group/guild, for lists and logs. */
  title?: string;
}

/** Who said it, as the platform knows them. */
export interface Actor {
  platform: Platform;
  userId: string;
  displayName: string;
  /** Chat admin (Telegram) or Manage Server (Discord): may delete others' items in a shared list. */
  isChatAdmin?: boolean;
  /** The platform's language code, a hint only (e.g. "ur", "en-GB"). */
  languageCode?: string;
}

interface InboundBase {
  conversation: ConversationRef;
  actor: Actor;
  receivedAt: Date;
  /** Platform message/update id, used to drop duplicate deliveries. */
  messageId?: string;
  /** Platform extras the adapter may need back (never read by the core). */
  raw?: unknown;
  /**
   * Id that follows this message through the logs (adapter → orchestrator → tools → database).
   * Adapters may set one (e.g. from the update id); the orchestrator makes one otherwise.
   */
  correlationId?: string;
}

/**
 * Largest file an adapter downloads for a command (/import takes calendars up to this size). Bigger
 * files are not fetched at all: the adapter passes their `size` with empty content and the core
 * answers that the file is too big, in the person's language.
 */
export const MAX_ATTACHMENT_BYTES = 1_000_000;

/** A file that came with a command (/import): the adapter has already downloaded it. */
export interface InboundAttachment {
  name: string;
  mimeType?: string;
  content: Uint8Array;
  /**
   * Bytes the platform says the file has. Set when the adapter did not download a file over
   * MAX_ATTACHMENT_BYTES (`content` is then empty), so the core can say it is too big.
   */
  size?: number;
}

/** Free text typed by a person. */
export interface InboundText extends InboundBase {
  type: 'text';
  text: string;
  /**
   * The person edited their earlier message `messageId` and this is its new text: the items that
   * message created follow the edit instead of new ones being made. Adapters set `receivedAt` to the
   * platform's edit time, so a re-delivered edit is still known as a duplicate.
   */
  edit?: true;
}

/** An explicit command: `/todo buy milk` → name "todo", args "buy milk". */
export interface InboundCommand extends InboundBase {
  type: 'command';
  name: string;
  args: string;
  /**
   * The command's typed options when the platform has them (Discord slash command options). `kind`
   * names the item kind when the platform's command already did (Discord's "/todo delete"), so a
   * list number is never read against a list of another kind.
   */
  options?: Record<string, string | number | boolean>;
  /** A file sent with the command (Telegram document caption, Discord attachment option). */
  attachment?: InboundAttachment;
  /** A new version of the person's earlier message `messageId` (see InboundText.edit). */
  edit?: true;
}

/** A pressed button; `data` is the action id the core put on it (validated before use). */
export interface InboundButton extends InboundBase {
  type: 'button';
  data: string;
}

/** Every message the core handles, normalized by an adapter. */
export type InboundMessage = InboundText | InboundCommand | InboundButton;

/**
 * Splits `/name@bot args` into a command, or returns null for ordinary text. Adapters that get plain
 * text (terminal, Telegram, Discord DMs) share this so `/todo` means the same everywhere.
 */
export function parseCommandText(text: string): { name: string; args: string } | null {
  const m = /^\/([A-Za-z][A-Za-z0-9_]{0,31})(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return null;
  return { name: m[1]!.toLowerCase(), args: (m[2] ?? '').trim() };
}
