/**
 * Payload builders for the fake Discord: snowflakes, users, guilds (GUILD_CREATE shape), channels,
 * members, messages and interactions, in the exact wire shapes discord.js v14 parses. Kept apart
 * from the server so the shapes (and the fields discord.js needs) are in one place.
 */

type Json = Record<string, unknown>;

/** A Discord user as a test describes it. */
export interface DiscordUserInput {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

/** A guild to expose through READY + GUILD_CREATE. Role `permissions` are bitfield strings. */
export interface DiscordGuildSpec {
  id: string;
  name?: string;
  ownerId?: string;
  channels?: { id: string; name?: string; type?: number; parent_id?: string | null }[];
  /** Extra roles; the @everyone role (id = guild id) is added with `everyonePermissions`. */
  roles?: { id: string; name?: string; permissions: string; position?: number }[];
  everyonePermissions?: string;
  members?: { user: DiscordUserInput; roles?: string[]; nick?: string | null }[];
  /** Roles of the bot's own member (so `guild.members.me` exists with permissions). */
  botRoles?: string[];
}

/** Permission bits the fake uses in defaults (same values as discord.js PermissionFlagsBits). */
export const Perm = {
  Administrator: 1n << 3n,
  ManageGuild: 1n << 5n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ReadMessageHistory: 1n << 16n,
  UseApplicationCommands: 1n << 31n,
} as const;

/** Default @everyone permissions: view, send, read history, use commands. */
export const DEFAULT_EVERYONE = String(Perm.ViewChannel | Perm.SendMessages | Perm.ReadMessageHistory | Perm.UseApplicationCommands);

let seq = 0n;
/** A fresh, increasing, well-formed snowflake (timestamp-based, so discord.js dates look sane). */
export function snowflake(): string {
  seq = (seq + 1n) & 0xfffn;
  return String(((BigInt(Date.now()) - 1420070400000n) << 22n) | (1n << 17n) | seq);
}

/** A full user object from a test's short description. */
export function userObject(u: DiscordUserInput): Json {
  return { id: u.id, username: u.username, discriminator: '0', global_name: u.global_name ?? null, avatar: null, bot: u.bot ?? false, system: false, public_flags: 0, flags: 0 };
}

/** A guild member object (without `user` when `withUser` is false, as in MESSAGE_CREATE). */
export function memberObject(user: DiscordUserInput, roles: string[] = [], extra: Json = {}, withUser = true): Json {
  return {
    ...(withUser && { user: userObject(user) }), roles, nick: null, avatar: null, banner: null, joined_at: '2024-01-01T00:00:00.000Z',
    premium_since: null, deaf: false, mute: false, flags: 0, pending: false, communication_disabled_until: null, ...extra,
  };
}

/** A guild text (or other) channel object. */
export function guildChannelObject(guildId: string, c: { id: string; name?: string; type?: number; parent_id?: string | null }, position = 0): Json {
  return { id: c.id, type: c.type ?? 0, guild_id: guildId, name: c.name ?? `channel-${c.id}`, position, permission_overwrites: [], parent_id: c.parent_id ?? null, topic: null, nsfw: false, rate_limit_per_user: 0, last_message_id: null, flags: 0 };
}

/** A DM channel object (type 1). */
export function dmChannelObject(id: string, recipient: DiscordUserInput): Json {
  return { id, type: 1, last_message_id: null, flags: 0, recipients: [userObject(recipient)] };
}

/** The GUILD_CREATE payload discord.js caches (channels, roles, members incl. the bot, owner). */
export function guildCreatePayload(g: DiscordGuildSpec, bot: DiscordUserInput): Json {
  const members = [...(g.members ?? []).map((m) => memberObject(m.user, m.roles ?? [], { nick: m.nick ?? null })), memberObject(bot, g.botRoles ?? [])];
  return {
    id: g.id, name: g.name ?? `Guild ${g.id}`, icon: null, splash: null, discovery_splash: null, owner_id: g.ownerId ?? g.members?.[0]?.user.id ?? bot.id,
    afk_channel_id: null, afk_timeout: 300, verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0, features: [],
    mfa_level: 0, application_id: null, system_channel_id: null, system_channel_flags: 0, rules_channel_id: null, max_members: 500000,
    vanity_url_code: null, description: null, banner: null, premium_tier: 0, premium_subscription_count: 0, preferred_locale: 'en-US',
    public_updates_channel_id: null, nsfw_level: 0, premium_progress_bar_enabled: false, safety_alerts_channel_id: null,
    joined_at: '2024-01-01T00:00:00.000Z', large: false, unavailable: false, member_count: members.length,
    roles: [
      { id: g.id, name: '@everyone', permissions: g.everyonePermissions ?? DEFAULT_EVERYONE, position: 0, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, managed: false, mentionable: false, icon: null, unicode_emoji: null, flags: 0 },
      ...(g.roles ?? []).map((r, i) => ({ id: r.id, name: r.name ?? `role-${r.id}`, permissions: r.permissions, position: r.position ?? i + 1, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, managed: false, mentionable: false, icon: null, unicode_emoji: null, flags: 0 })),
    ],
    channels: (g.channels ?? []).map((c, i) => { const { guild_id: _omit, ...rest } = guildChannelObject(g.id, c, i); return rest; }),
    members, emojis: [], stickers: [], threads: [], presences: [], voice_states: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
  };
}

/** A message object as REST returns it and MESSAGE_CREATE carries it. */
export function messageObject(m: { id: string; channelId: string; author: DiscordUserInput; content?: string; guildId?: string; extra?: Json }): Json {
  return {
    id: m.id, channel_id: m.channelId, ...(m.guildId && { guild_id: m.guildId }), author: userObject(m.author), content: m.content ?? '',
    timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [],
    attachments: [], embeds: [], pinned: false, type: 0, flags: 0, components: [], ...m.extra,
  };
}

/** Options (raw Discord shape) for an application command interaction. */
export type CommandOption = { name: string; type: number; value?: string | number | boolean; options?: CommandOption[]; focused?: boolean };

/**
 * Turns `{ city: 'Paris', days: 3 }` into typed options (string 3, integer 4, boolean 5, number 10),
 * wrapped in subcommand (1) / group (2) options when given; raw arrays pass through.
 */
export function commandOptions(options: CommandOption[] | Record<string, string | number | boolean> | undefined, subcommand?: string, group?: string, focused?: string): CommandOption[] {
  let out: CommandOption[] = Array.isArray(options)
    ? options
    : Object.entries(options ?? {}).map(([name, value]) => ({
        name, value, type: typeof value === 'boolean' ? 5 : typeof value === 'number' ? (Number.isInteger(value) ? 4 : 10) : 3,
        ...(focused === name && { focused: true }),
      }));
  if (subcommand) out = [{ name: subcommand, type: 1, options: out }];
  if (group) out = [{ name: group, type: 2, options: out }];
  return out;
}

/** Discord's "Invalid Form Body" error (code 50035) for one field. */
export function invalidFormBody(path: string[], code: string, message: string): Json {
  let errors: Json = { _errors: [{ code, message }] };
  for (const key of [...path].reverse()) errors = { [key]: errors };
  return { code: 50035, message: 'Invalid Form Body', errors };
}

const NAME_RE = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Validates a bulk-overwrite command list like Discord does; returns an error body or null. */
export function validateCommands(commands: unknown): Json | null {
  if (!Array.isArray(commands)) return invalidFormBody([], 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType');
  if (commands.length > 100) return invalidFormBody([], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
  const seen = new Set<string>();
  for (const [i, c] of (commands as Json[]).entries()) {
    const name = String(c.name ?? '');
    const type = Number(c.type ?? 1);
    if (!NAME_RE.test(name) || (type === 1 && name !== name.toLowerCase())) return invalidFormBody([String(i), 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    if (seen.has(`${type}:${name}`)) return invalidFormBody([String(i), 'name'], 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(`${type}:${name}`);
    const desc = String(c.description ?? '');
    if (type === 1 && (desc.length < 1 || desc.length > 100)) return invalidFormBody([String(i), 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    const bad = validateOptions((c.options as Json[] | undefined) ?? [], [String(i), 'options']);
    if (bad) return bad;
  }
  return null;
}

function validateOptions(options: Json[], path: string[]): Json | null {
  if (options.length > 25) return invalidFormBody(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  let sawOptional = false;
  for (const [j, o] of options.entries()) {
    const p = [...path, String(j)];
    if (!NAME_RE.test(String(o.name ?? '')) || String(o.name) !== String(o.name).toLowerCase()) return invalidFormBody([...p, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    const d = String(o.description ?? '');
    if (d.length < 1 || d.length > 100) return invalidFormBody([...p, 'description'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
    if (o.required === true && sawOptional) return invalidFormBody(p, 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    if (o.required !== true && Number(o.type) > 2) sawOptional = true;
    if (Array.isArray(o.choices) && o.choices.length > 25) return invalidFormBody([...p, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    const nested = validateOptions((o.options as Json[] | undefined) ?? [], [...p, 'options']);
    if (nested) return nested;
  }
  return null;
}
