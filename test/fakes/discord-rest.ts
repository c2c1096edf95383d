/**
 * REST routes of the fake Discord API (paths after `/api/v10`). Each validates the way Discord
 * does where mistakes are likely (second interaction ack → 40060, unknown interaction → 10062,
 * empty / over-2000-char content → 50006 / 50035, DMs closed → 50007, bad command names → 50035)
 * and updates the fake's message and command stores.
 */
import {
  dmChannelObject, messageObject, snowflake, validateCommands, invalidFormBody, userObject,
  type DiscordUserInput,
} from './discord-model.ts';
import { embedProblem } from './discord-limits.ts';

type Json = Record<string, unknown>;

/** A message the fake knows, with its edit history. */
export interface DiscordStoredMessage {
  id: string;
  channelId: string;
  authorId: string;
  content: string;
  history: string[];
  edits: number;
  deleted: boolean;
  ephemeral: boolean;
  /** Set for interaction responses / follow-ups. */
  interactionId?: string;
  raw: Json;
}

/** One dispatched interaction and every response to it (callback, original edits, follow-ups). */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  channelId: string;
  guildId?: string;
  payload: Json;
  /** When INTERACTION_CREATE was sent (ms, the fake's clock). */
  dispatchedAt: number;
  /** Callback types in order (4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete, 9 modal) with their arrival time. */
  callbacks: { type: number; data: unknown; at: number }[];
  originalMessageId?: string;
}

/** Channel state: the channel object and its messages. */
export interface ChannelState { channel: Json; messages: Map<string, DiscordStoredMessage>; guildId?: string; dmUserId?: string }

/** Everything the routes read and write. */
export interface DiscordRestState {
  app: { id: string; name: string; flags: number };
  bot: DiscordUserInput;
  gatewayUrl(): string;
  globalCommands: Json[];
  guildCommands: Map<string, Json[]>;
  interactions: Map<string, InteractionRecord>;
  channels: Map<string, ChannelState>;
  users: Map<string, DiscordUserInput>;
  dmChannelByUser: Map<string, string>;
  closedDms: Set<string>;
  interactionDeadlineMs?: number;
  /** Messages created with a nonce: `channelId|authorId|nonce` → message id and creation time (ms). */
  nonces: Map<string, { id: string; at: number }>;
  /** How long `enforce_nonce` de-duplicates, like Discord's "past few minutes" (default 5 min). */
  nonceWindowMs: number;
  /** The fake's time in ms (its clock's, the wall clock by default): deadlines, nonce windows, arrival times. */
  nowMs(): number;
}

/** A REST answer: status, JSON body (omitted for 204) and extra headers. */
export interface RestAnswer { status: number; body?: unknown; headers?: Record<string, string> }

const err = (status: number, code: number, message: string): RestAnswer => ({ status, body: { code, message } });
const ok = (body: unknown): RestAnswer => ({ status: 200, body });

/** Routes one REST call; `path` starts after the version prefix, e.g. `/channels/1/messages`. */
export function routeRest(st: DiscordRestState, method: string, path: string, query: URLSearchParams, body: Json): RestAnswer {
  const m = (re: RegExp): RegExpExecArray | null => re.exec(path);
  let r: RegExpExecArray | null;
  if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
    return ok({ url: st.gatewayUrl(), shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 } });
  }
  if (method === 'GET' && path === '/users/@me') return ok({ ...userObject(st.bot), verified: true, mfa_enabled: false });
  if (method === 'GET' && path === '/applications/@me') {
    return ok({ id: st.app.id, name: st.app.name, icon: null, description: '', summary: '', bot_public: true, bot_require_code_grant: false, verify_key: 'fake', flags: st.app.flags, owner: userObject({ id: '1', username: 'owner' }), team: null, bot: userObject(st.bot), approximate_guild_count: st.guildCommands.size, install_params: null, integration_types_config: {} });
  }
  if ((r = m(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
    const [, appId, guildId] = r;
    if (appId !== st.app.id) return err(403, 50001, 'Missing Access');
    const current = guildId ? (st.guildCommands.get(guildId) ?? []) : st.globalCommands;
    if (method === 'GET') return ok(current);
    if (method === 'PUT') {
      const bad = validateCommands(body.$body ?? body);
      if (bad) return { status: 400, body: bad };
      const list = ((body.$body ?? body) as Json[]).map((c) => ({
        id: (current.find((o) => o.name === c.name && (o.type ?? 1) === (c.type ?? 1))?.id as string | undefined) ?? snowflake(),
        application_id: appId, version: snowflake(), type: 1, description: '', default_member_permissions: null, nsfw: false, ...c, ...(guildId && { guild_id: guildId }),
      }));
      if (guildId) st.guildCommands.set(guildId, list);
      else st.globalCommands.splice(0, st.globalCommands.length, ...list);
      return ok(list);
    }
  }
  if (method === 'POST' && (r = m(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) return interactionCallback(st, r[1] as string, r[2] as string, query, body);
  if ((r = m(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/))) return webhook(st, method, r[1] as string, r[2] as string, r[3], body);
  if (method === 'POST' && path === '/users/@me/channels') {
    const userId = String(body.recipient_id ?? '');
    const user = st.users.get(userId) ?? { id: userId, username: `user${userId}` };
    return ok(dmChannel(st, user).channel);
  }
  if ((r = m(/^\/channels\/(\d+)\/messages(?:\/(\d+))?$/))) return channelMessages(st, method, r[1] as string, r[2], body);
  if (method === 'POST' && m(/^\/channels\/\d+\/typing$/)) return { status: 204 };
  if (method === 'GET' && (r = m(/^\/channels\/(\d+)$/))) {
    const ch = st.channels.get(r[1] as string);
    return ch ? ok(ch.channel) : err(404, 10003, 'Unknown Channel');
  }
  return { status: 404, body: { message: '404: Not Found', code: 0 } };
}

/** The DM channel for a user, created on first use. */
export function dmChannel(st: DiscordRestState, user: DiscordUserInput): ChannelState {
  st.users.set(user.id, user);
  const existing = st.dmChannelByUser.get(user.id);
  if (existing) return st.channels.get(existing) as ChannelState;
  const id = snowflake();
  const state: ChannelState = { channel: dmChannelObject(id, user), messages: new Map(), dmUserId: user.id };
  st.channels.set(id, state);
  st.dmChannelByUser.set(user.id, id);
  return state;
}

/** Discord's content checks for a message body; null when acceptable. */
function contentProblem(body: Json, allowEmpty = false): RestAnswer | null {
  const content = typeof body.content === 'string' ? body.content : '';
  if (content.length > 2000) return { status: 400, body: invalidFormBody(['content'], 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.') };
  const nonEmpty = (k: string): boolean => Array.isArray(body[k]) && (body[k] as unknown[]).length > 0;
  const hasOther = ['embeds', 'components', 'attachments', 'sticker_ids'].some(nonEmpty) || body.poll != null || body.$files === true;
  if (!allowEmpty && content.trim() === '' && !hasOther) return err(400, 50006, 'Cannot send an empty message');
  const embeds = embedProblem(body);
  return embeds ? { status: 400, body: embeds } : null;
}

/** Stores a new message in a channel and returns it. */
export function storeMessage(st: DiscordRestState, channelId: string, author: DiscordUserInput, body: Json, extra: Json = {}, interactionId?: string): DiscordStoredMessage {
  const ch = st.channels.get(channelId);
  const id = snowflake();
  const flags = Number(body.flags ?? 0);
  const raw = messageObject({ id, channelId, author, content: String(body.content ?? ''), ...(ch?.guildId && { guildId: ch.guildId }), extra: { embeds: body.embeds ?? [], components: body.components ?? [], flags, ...extra } });
  const msg: DiscordStoredMessage = { id, channelId, authorId: author.id, content: String(body.content ?? ''), history: [], edits: 0, deleted: false, ephemeral: (flags & 64) !== 0, raw, ...(interactionId && { interactionId }) };
  ch?.messages.set(id, msg);
  return msg;
}

function editStored(msg: DiscordStoredMessage, body: Json): Json {
  if (typeof body.content === 'string') {
    msg.history.push(msg.content);
    msg.content = body.content;
    msg.raw.content = body.content;
  }
  for (const k of ['embeds', 'components', 'flags'] as const) if (body[k] !== undefined) msg.raw[k] = body[k];
  msg.edits++;
  msg.raw.edited_timestamp = new Date().toISOString();
  return msg.raw;
}

function interactionCallback(st: DiscordRestState, id: string, token: string, query: URLSearchParams, body: Json): RestAnswer {
  const rec = st.interactions.get(id);
  if (!rec || rec.token !== token) return err(404, 10062, 'Unknown interaction');
  if (st.interactionDeadlineMs !== undefined && st.nowMs() - rec.dispatchedAt > st.interactionDeadlineMs) return err(404, 10062, 'Unknown interaction');
  if (rec.callbacks.length > 0) return err(400, 40060, 'Interaction has already been acknowledged.');
  const type = Number(body.type);
  const data = (body.data ?? {}) as Json;
  if (type === 4 || type === 7) {
    const bad = contentProblem(data, type === 7);
    if (bad) return bad;
  }
  rec.callbacks.push({ type, data: body.data, at: st.nowMs() });
  let message: Json | undefined;
  if (type === 4 || type === 5) {
    const msg = storeMessage(st, rec.channelId, st.bot, type === 5 ? { flags: Number(data.flags ?? 0) | 128 } : data, { webhook_id: st.app.id, application_id: st.app.id, interaction_metadata: { id, type: rec.type, user: rec.payload.user ?? (rec.payload.member as Json).user, authorizing_integration_owners: rec.payload.authorizing_integration_owners ?? {} } }, id);
    rec.originalMessageId = msg.id;
    message = msg.raw;
  } else if (type === 7) {
    const msgId = ((rec.payload.message as Json | undefined)?.id as string | undefined) ?? '';
    const msg = st.channels.get(rec.channelId)?.messages.get(msgId);
    if (msg) message = editStored(msg, data);
  }
  if (query.get('with_response') !== 'true') return { status: 204 };
  return ok({
    interaction: { id, type: rec.type, activity_instance_id: null, response_message_id: message?.id ?? null, response_message_loading: type === 5, response_message_ephemeral: ((Number(data.flags ?? 0)) & 64) !== 0 },
    resource: { type, ...(message && { message }) },
  });
}

function webhook(st: DiscordRestState, method: string, appId: string, token: string, which: string | undefined, body: Json): RestAnswer {
  const rec = [...st.interactions.values()].find((i) => i.token === token);
  if (appId !== st.app.id || !rec) return err(404, 10015, 'Unknown Webhook');
  if (rec.callbacks.length === 0) return err(404, 10015, 'Unknown Webhook');
  const ch = st.channels.get(rec.channelId);
  if (which === undefined) {
    if (method !== 'POST') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    const bad = contentProblem(body);
    if (bad) return bad;
    return ok(storeMessage(st, rec.channelId, st.bot, body, { webhook_id: st.app.id, application_id: st.app.id }, rec.id).raw);
  }
  const msgId = which === '@original' ? rec.originalMessageId : which;
  const msg = msgId ? ch?.messages.get(msgId) : undefined;
  if (!msg || msg.deleted || msg.interactionId !== rec.id) return err(404, 10008, 'Unknown Message');
  if (method === 'GET') return ok(msg.raw);
  if (method === 'DELETE') {
    msg.deleted = true;
    return { status: 204 };
  }
  if (method === 'PATCH') {
    const bad = contentProblem(body, true);
    if (bad) return bad;
    if (typeof msg.raw.flags === 'number') msg.raw.flags &= ~128; // no longer "thinking"
    return ok(editStored(msg, body));
  }
  return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
}

function channelMessages(st: DiscordRestState, method: string, channelId: string, messageId: string | undefined, body: Json): RestAnswer {
  const ch = st.channels.get(channelId);
  if (!ch) return err(404, 10003, 'Unknown Channel');
  if (messageId === undefined) {
    if (method === 'GET') return ok([...ch.messages.values()].filter((x) => !x.deleted).map((x) => x.raw).reverse());
    if (method !== 'POST') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
    if (ch.dmUserId && st.closedDms.has(ch.dmUserId)) return err(403, 50007, 'Cannot send messages to this user');
    const bad = contentProblem(body);
    if (bad) return bad;
    // With enforce_nonce Discord returns the message already created with this nonce (same author,
    // same channel, within a few minutes) instead of creating a second one.
    const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : undefined;
    const key = nonce === undefined ? undefined : `${channelId}|${st.bot.id}|${nonce}`;
    const seen = key === undefined ? undefined : st.nonces.get(key);
    if (body.enforce_nonce === true && seen && st.nowMs() - seen.at < st.nonceWindowMs) {
      const existing = ch.messages.get(seen.id);
      if (existing) return ok(existing.raw);
    }
    const msg = storeMessage(st, channelId, st.bot, body, nonce === undefined ? {} : { nonce });
    if (key !== undefined) st.nonces.set(key, { id: msg.id, at: st.nowMs() });
    return ok(msg.raw);
  }
  const msg = ch.messages.get(messageId);
  if (!msg || msg.deleted) return err(404, 10008, 'Unknown Message');
  if (method === 'GET') return ok(msg.raw);
  if (method === 'DELETE') {
    msg.deleted = true;
    return { status: 204 };
  }
  if (method === 'PATCH') {
    if (msg.authorId !== st.bot.id) return err(403, 50005, 'Cannot edit a message authored by another user');
    const bad = contentProblem(body, true);
    if (bad) return bad;
    return ok(editStored(msg, body));
  }
  return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
}
