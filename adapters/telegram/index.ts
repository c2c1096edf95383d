/**
 * The Telegram adapter's entry: launch.ts starts the bot with createTelegramBot, the scheduler and
 * background tasks reach people through its `channel` (Channel.sendDirect).
 */
export { createTelegramBot, type TelegramBot, type TelegramBotOptions } from './telegram-bot.ts';
export { TelegramChannel } from './telegram-channel.ts';
export { TELEGRAM_DEFAULTS, telegramSettingsFrom, type TelegramConfigFields, type TelegramSettings } from './settings.ts';
