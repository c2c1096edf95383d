/** The Discord adapter's public face: what launch.ts and the bench use. */
export { createDiscordBot, DISCORD_CLIENT_DEFAULTS, type DiscordBot, type DiscordBotOptions } from './bot.ts';
export { commandStateFileFor } from './command-registration.ts';
export { DISCORD_CAPABILITIES, DiscordChannel } from './discord-channel.ts';
export { toPlatformError } from './errors.ts';
