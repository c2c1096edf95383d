/**
 * One import for all test fakes (`import { FakeTelegramServer, FakeClock } from '../fakes/index.ts'`),
 * so tests do not need to know which file each fake lives in.
 */
export * from './fake-telegram.ts';
export * from './fake-discord.ts';
export * from './fake-openai.ts';
export * from './fake-clock.ts';
