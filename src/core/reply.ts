/** A button under a reply. `data` is an opaque action id (≤ 64 bytes) the core validates when pressed. */
export interface ReplyAction {
  label: string;
  data: string;
  style?: 'primary' | 'danger' | 'secondary';
}

/** One item shown as a card (a todo, event, memo or reminder). */
export interface ItemView {
  kind: 'todo' | 'event' | 'memo' | 'reminder' | 'task';
  id: number;
  /** Number shown in the last list, usable as a ref ("/done 2"). */
  position?: number;
  title: string;
  /** Short lines under the title, already localized and in the user's time zone. */
  details: string[];
  done?: boolean;
}

/** Structured content under the text; adapters decide how to render it. */
export type Card =
  | { type: 'item'; item: ItemView }
  | { type: 'list'; title: string; items: ItemView[]; page?: number; pages?: number; emptyText?: string };

/** A file sent with a reply (/export): adapters send it as a document or attachment. */
export interface ReplyFile {
  name: string;
  mimeType: string;
  content: string | Uint8Array;
}

/**
 * What the core answers. Plain text plus optional card and buttons; never platform markup.
 * `ephemeral` asks platforms that can (Discord) to show it to the actor only.
 */
export interface Reply {
  text: string;
  card?: Card;
  actions?: ReplyAction[];
  ephemeral?: boolean;
  /** Direction hint for right-to-left languages (Urdu). */
  language?: 'en' | 'ur';
  /** When answering a button press: edit the message the button was on instead of sending anew. */
  replaceOriginal?: boolean;
  /** Files to send with the text (the terminal chat saves them and the text names the paths). */
  files?: ReplyFile[];
}
