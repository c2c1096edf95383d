/**
 * The Telegram settings from the environment: defaults, validation messages, and their mapping to
 * the adapter's settings.
 */
import { describe, expect, it } from 'vitest';
import { TELEGRAM_DEFAULTS, telegramSettingsFrom } from '../../adapters/telegram/index.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('Telegram settings', () => {
  it('defaults to long polling, 1 s / 3 s edit intervals and no drafts', () => {
    const settings = telegramSettingsFrom(loadConfig({}));
    expect(settings).toMatchObject({ editIntervalDmMs: 1_000, editIntervalGroupMs: 3_000, useDrafts: false, webhookPort: 8080 });
    expect(settings.webhookUrl).toBeUndefined();
    expect(TELEGRAM_DEFAULTS.pollTimeoutS).toBe(30);
  });

  it('reads webhook and streaming settings', () => {
    const config = loadConfig({
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/tg', TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123', TELEGRAM_WEBHOOK_PORT: '9000',
      TELEGRAM_EDIT_INTERVAL_DM_MS: '1500', TELEGRAM_EDIT_INTERVAL_GROUP_MS: '4000', TELEGRAM_USE_DRAFTS: 'TRUE',
    });
    expect(telegramSettingsFrom(config)).toMatchObject({
      webhookUrl: 'https://bot.example.com/tg', webhookSecret: 'abc_DEF-123', webhookPort: 9000,
      editIntervalDmMs: 1_500, editIntervalGroupMs: 4_000, useDrafts: true,
    });
  });

  it('names each bad value', () => {
    let error: unknown;
    try {
      loadConfig({ TELEGRAM_WEBHOOK_URL: 'http://bot.example.com/tg', TELEGRAM_WEBHOOK_SECRET: 'has spaces!', TELEGRAM_USE_DRAFTS: 'maybe', TELEGRAM_WEBHOOK_PORT: '70000' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).problems.join('\n');
    for (const name of ['TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET', 'TELEGRAM_USE_DRAFTS', 'TELEGRAM_WEBHOOK_PORT']) expect(text).toContain(name);
    expect(text).toContain('https://');
  });
});
