import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe('file:./data/clawchat.db');
    expect(c.DEFAULT_TIMEZONE).toBe('UTC');
    expect(c.ACCESS_MODE).toBe('open');
    expect(c.RATE_LIMIT_PER_MINUTE).toBe(20);
    expect(c.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '', DEFAULT_TIMEZONE: '  ' }).DEFAULT_TIMEZONE).toBe('UTC');
  });

  it.each([
    ['DEFAULT_TIMEZONE', 'Mars/Olympus'],
    ['ACCESS_MODE', 'closed'],
    ['LOG_LEVEL', 'loud'],
    ['TELEGRAM_BOT_TOKEN', 'not a token'],
    ['TELEGRAM_API_ROOT', 'nope'],
    ['DISCORD_API_URL', '::'],
    ['DISCORD_APPLICATION_ID', 'abc'],
    ['DISCORD_GUILD_ID', '12'],
    ['OPENAI_BASE_URL', 'localhost'],
    ['DATABASE_URL', 'postgres://x'],
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['ALLOWED_USERS', 'telegram:1,bob'],
  ])('rejects a bad %s with a message naming it', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
  });

  it('needs ALLOWED_USERS with the allowlist mode', () => {
    expect(problemsOf({ ACCESS_MODE: 'allowlist' }).some((p) => p.startsWith('ALLOWED_USERS:'))).toBe(true);
    expect(loadConfig({ ACCESS_MODE: 'allowlist', ALLOWED_USERS: 'telegram:1, discord:2' }).ALLOWED_USERS).toEqual(['telegram:1', 'discord:2']);
  });

  it('lists every bad variable at once and never echoes a token', () => {
    const problems = problemsOf({ DEFAULT_TIMEZONE: 'Nowhere/Land', TELEGRAM_BOT_TOKEN: 'secret value' });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toContain('secret value');
  });
});

describe('configuration: secrets in problems (issue 13)', () => {
  it('a bad TELEGRAM_WEBHOOK_SECRET is refused by name, its value never shown', () => {
    const value = 'my webhook secret with spaces!';
    const problems = problemsOf({ TELEGRAM_WEBHOOK_SECRET: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TELEGRAM_WEBHOOK_SECRET: /);
    expect(problems.join('\n')).not.toContain('spaces');
  });

  it('a password in a URL setting is not echoed either', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://clawchat:hunter2secret@db.example.com/claw' });
    expect(problems[0]).toMatch(/^DATABASE_URL: /);
    expect(problems.join('\n')).not.toContain('hunter2secret');
  });

  it('LOG_LEVEL is read whatever its case', () => {
    expect(loadConfig({ LOG_LEVEL: 'DEBUG' }).LOG_LEVEL).toBe('debug');
  });
});
