import { ButtonStyle, ComponentType, escapeMarkdown, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed } from 'discord.js';
import type { Card, Reply, ReplyAction } from '../../src/core/reply.ts';
import { slashCommandText, splitMessage } from '../../src/orchestrator/index.ts';

/** Discord's limits that shape rendering. */
export const DISCORD_LIMITS = {
  content: 2000, embedTitle: 256, embedDescription: 4096, embedFooter: 2048, embedsPerMessage: 10, embedTotal: 6000,
  customId: 100, buttonLabel: 80, buttonsPerRow: 5, rows: 5,
} as const;

/** Marks a button as acting on the presser's personal items although it sits in a server. */
const PERSONAL_PREFIX = 'me:';

/** A message body in discord.js's accepted shape (raw API embeds and components). */
export interface RenderedMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowedMentions: { parse: [] };
  /** Reply files (/export) as attachments, on the last message. */
  files?: { attachment: Buffer; name: string }[];
}

/**
 * Renders a structured reply as Discord messages: the text as content (split on line or word
 * boundaries past 2,000 characters), the card as embeds and the actions as buttons on the last
 * one. A list too long for one embed's 4,096 characters continues in further embeds, cut between
 * items, and embeds are packed into messages within Discord's 10 embeds and 6,000 characters a
 * message, so no item is ever cut off. `personal` tags each button's custom_id so a press in a
 * server acts on the presser's own items (the `scope: me` replies), never on the server's.
 * Mentions are never pinged from text.
 */
export function renderReply(reply: Reply, options: { personal?: boolean } = {}): RenderedMessage[] {
  const lang = reply.language ?? 'en';
  const embeds = reply.card ? cardEmbeds(reply.card, lang) : [];
  const duplicate = reply.card && reply.text.trim() === cardTitle(reply.card).trim();
  const text = duplicate ? '' : reply.text;
  const chunks = text ? splitMessage(text, DISCORD_LIMITS.content) : [''];
  const groups = packEmbeds(embeds);
  const bodies: { content: string; embeds: APIEmbed[] }[] = chunks.map((content) => ({ content, embeds: [] }));
  bodies[bodies.length - 1]!.embeds = groups[0] ?? [];
  for (const group of groups.slice(1)) bodies.push({ content: '', embeds: group });
  const components = actionRows(reply.actions ?? [], options.personal ?? false);
  return bodies.map((body, i) => {
    const last = i === bodies.length - 1;
    return {
      content: last && !body.content && !body.embeds.length ? (reply.text || '…').slice(0, DISCORD_LIMITS.content) : body.content,
      embeds: body.embeds,
      components: last ? components : [],
      allowedMentions: { parse: [] },
      ...(last && reply.files?.length && { files: reply.files.map((f) => ({ attachment: Buffer.from(f.content), name: f.name })) }),
    };
  });
}

/** Characters an embed counts against a message's 6,000. */
function embedSize(e: APIEmbed): number {
  return (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
}

/** Embeds in order, grouped into messages of at most 10 embeds and 6,000 characters. */
function packEmbeds(embeds: APIEmbed[]): APIEmbed[][] {
  const groups: APIEmbed[][] = [];
  let size = 0;
  for (const embed of embeds) {
    const current = groups.at(-1);
    if (current && current.length < DISCORD_LIMITS.embedsPerMessage && size + embedSize(embed) <= DISCORD_LIMITS.embedTotal) {
      current.push(embed);
      size += embedSize(embed);
    } else {
      groups.push([embed]);
      size = embedSize(embed);
    }
  }
  return groups;
}

/** Lines packed into descriptions of at most `max` characters, cut between lines (a longer line like splitMessage). */
function packLines(lines: string[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of lines.flatMap((l) => (l.length <= max ? [l] : splitMessage(l, max)))) {
    if (current && current.length + 1 + line.length > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}

/** The core's button data and whether it was tagged personal; null for ids we never make. */
export function parseCustomId(customId: string): { data: string; personal: boolean } | null {
  if (typeof customId !== 'string' || customId.length === 0 || customId.length > DISCORD_LIMITS.customId) return null;
  if (customId.startsWith(PERSONAL_PREFIX)) {
    const data = customId.slice(PERSONAL_PREFIX.length);
    return data ? { data, personal: true } : null;
  }
  return { data: customId, personal: false };
}

function cardTitle(card: Card): string {
  return card.type === 'item' ? card.item.title : card.title;
}

function cardEmbeds(card: Card, lang: 'en' | 'ur'): APIEmbed[] {
  if (card.type === 'item') {
    const { item } = card;
    const title = `${item.done ? '✔ ' : ''}${item.title}`;
    // A title past 256 characters is shown whole in the description, under its shortened form.
    const lines = [...(title.length > DISCORD_LIMITS.embedTitle ? [escapeMarkdown(item.title)] : []), ...item.details];
    const [first, ...more] = packLines(lines, DISCORD_LIMITS.embedDescription);
    return [
      { title: clip(title, DISCORD_LIMITS.embedTitle), ...(first && { description: first }) },
      ...more.map((description) => ({ description })),
    ];
  }
  const lines = card.items.map((item, i) => {
    const title = escapeMarkdown(item.title);
    const shown = item.done ? `~~${title}~~` : title;
    return `**${item.position ?? i + 1}.** ${shown}${item.details.length ? ` — ${escapeMarkdown(item.details.join(' · '))}` : ''}`;
  });
  const descriptions = packLines(lines.length ? lines : card.emptyText ? [card.emptyText] : [], DISCORD_LIMITS.embedDescription);
  const pages = card.pages ?? 1;
  const footer = pages > 1 ? { footer: { text: slashCommandText(lang, 'page', { page: card.page ?? 1, pages }) } } : {};
  const embeds: APIEmbed[] = (descriptions.length ? descriptions : ['']).map((description, i) => ({
    ...(i === 0 && { title: clip(card.title, DISCORD_LIMITS.embedTitle) }),
    ...(description && { description }),
  }));
  Object.assign(embeds[embeds.length - 1]!, footer);
  return embeds;
}

const STYLE: Record<NonNullable<ReplyAction['style']>, ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary> = {
  primary: ButtonStyle.Primary, danger: ButtonStyle.Danger, secondary: ButtonStyle.Secondary,
};

function actionRows(actions: readonly ReplyAction[], personal: boolean): RenderedMessage['components'] {
  const seen = new Set<string>();
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const action of actions) {
    const customId = `${personal ? PERSONAL_PREFIX : ''}${action.data}`;
    // Discord refuses a message whose buttons share an id or exceed 100 characters; drop such a button.
    if (customId.length > DISCORD_LIMITS.customId || seen.has(customId)) continue;
    seen.add(customId);
    buttons.push({ type: ComponentType.Button, custom_id: customId, label: clip(action.label, DISCORD_LIMITS.buttonLabel), style: STYLE[action.style ?? 'secondary'] });
  }
  const rows: RenderedMessage['components'] = [];
  for (let i = 0; i < buttons.length && rows.length < DISCORD_LIMITS.rows; i += DISCORD_LIMITS.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
  }
  return rows;
}

function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}…`;
}
