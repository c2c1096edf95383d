import { z } from 'zod';
import { UserFacingError } from '../core/errors.ts';
import { formatTime, t } from '../i18n/index.ts';
import { defineTool } from './tool.ts';
import { textOption, textPlanner, toolPlan } from './command.ts';
import { findTimeZone, readUtcOffset } from '../nlu/index.ts';

export const setTimezone = defineTool({
  name: 'set_timezone',
  description: 'Set the user\'s time zone (an IANA name such as Asia/Karachi, or a city).',
  input: z.object({ timezone: z.string().trim().min(1).max(64) }),
  command: {
    names: { en: ['timezone', 'tz', 'settz', 'zone'] }, description: 'cmd_timezone', usage: 'usage_zone', order: 50, plan: textPlanner('set_timezone', 'timezone'),
    picker: {
      group: 'settings', name: 'timezone', order: 50,
      options: [{ name: 'zone', description: 'slash_opt_zone', type: 'string', required: true, suggest: { kind: 'timezone' }, maxLength: 64 }],
      route: { kind: 'command', command: 'timezone', args: 'zone' },
    },
  },
  async execute(ctx, input) {
    const offset = readUtcOffset(input.timezone, true);
    if (offset && !offset.ok) {
      throw new UserFacingError(offset.reason === 'noFixedZone' ? 'offsetNeedsCity' : 'offsetNotReal', { zone: (offset.label ?? offset.text).slice(0, 32) });
    }
    const zone = offset?.zone ?? findTimeZone(input.timezone);
    if (!zone) throw new UserFacingError('unknownTimezone', { zone: input.timezone.slice(0, 64) });
    await ctx.services.users.setTimezone(ctx.svc.userId, zone);
    await ctx.hooks.settingsChanged(ctx.svc.userId);
    return {
      // An offset is shown as written ("UTC+05:30") with the zone that keeps it, so the stored name is no surprise.
      reply: { text: t(ctx.lang, 'timezoneSet', { zone: offset ? `${offset.label} (${zone})` : zone, time: formatTime(ctx.lang, ctx.svc.now, zone) }), language: ctx.lang },
      result: { status: 'updated', timezone: zone },
    };
  },
});

export const setLanguage = defineTool({
  name: 'set_language',
  description: 'Set the language the assistant answers in: en (English) or ur (Urdu).',
  input: z.object({ language: z.enum(['en', 'ur']) }),
  command: {
    names: { en: ['language', 'lang', 'setlang'], ur: ['zaban'] }, description: 'cmd_language', usage: 'usage_language', order: 51,
    plan: (args) => {
      const word = args.toLowerCase();
      const language = ['en', 'english', 'انگریزی'].includes(word) ? 'en' : ['ur', 'urdu', 'اردو'].includes(word) ? 'ur' : args;
      return toolPlan('set_language', { language });
    },
    picker: {
      group: 'settings', name: 'language', order: 51,
      options: [{ name: 'language', description: 'slash_opt_language', type: 'string', required: true, choices: [{ value: 'en', name: 'English' }, { value: 'ur', name: 'اردو' }] }],
      route: { kind: 'command', command: 'language', args: 'language' },
    },
  },
  async execute(ctx, input) {
    await ctx.services.users.setLanguage(ctx.svc.userId, input.language);
    return { reply: { text: t(input.language, 'languageSet'), language: input.language }, result: { status: 'updated', language: input.language } };
  },
});

export const setBriefing = defineTool({
  name: 'set_briefing',
  description: 'Turn the daily briefing on at a local time (HH:MM, 24h) or off.',
  input: z.object({
    time: z.string().trim().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour').optional(),
    enabled: z.boolean().optional(),
  }),
  command: {
    names: { en: ['briefing', 'brief'] }, description: 'cmd_briefing', usage: 'usage_briefing', order: 52,
    plan: (args) => {
      const word = args.toLowerCase();
      if (['off', 'stop', 'disable', 'band'].includes(word)) return toolPlan('set_briefing', { enabled: false });
      if (!args || ['on', 'enable'].includes(word)) return toolPlan('set_briefing', { enabled: true });
      return toolPlan('set_briefing', { time: args, enabled: true });
    },
    picker: { group: 'settings', name: 'briefing', order: 52, options: [textOption('time', 'slash_opt_briefing', true, 10)], route: { kind: 'command', command: 'briefing', args: 'time' } },
  },
  async execute(ctx, input) {
    const enabled = input.enabled ?? true;
    const time = input.time ? input.time.padStart(5, '0') : undefined;
    if (enabled && !time) {
      const user = await ctx.services.users.get(ctx.svc.userId);
      if (!user?.briefingTime) throw new UserFacingError('invalidTime');
    }
    const user = await ctx.services.users.setBriefing(ctx.svc.userId, { time, enabled });
    await ctx.hooks.settingsChanged(ctx.svc.userId);
    const text = enabled ? t(ctx.lang, 'briefingOn', { time: user.briefingTime ?? time ?? '' }) : t(ctx.lang, 'briefingOff');
    return { reply: { text, language: ctx.lang }, result: { status: 'updated', enabled, time: user.briefingTime } };
  },
});
