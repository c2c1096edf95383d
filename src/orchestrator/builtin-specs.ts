import { SCOPE_OPTION, textOption, type CommandSpec } from '../tools/command.ts';

/**
 * The command metadata of the conversation builtins (the handlers live in builtins.ts and in the
 * plug-ins that register them: the LLM layer's /new, /tasks, /cancel and stop, linking's /link and
 * /unlink, the calendar's /export and /import). They sit in the same command catalog as the tools,
 * so help, menus, the Discord tree and the parser's slash table list them the same way. A builtin's
 * name is its first English name.
 */
export const BUILTIN_COMMANDS: readonly CommandSpec[] = [
  { names: { en: ['start'], ur: ['shuru'] }, description: 'cmd_start', order: 1 },
  {
    names: { en: ['help'], ur: ['madad'] }, description: 'cmd_help', order: 2,
    picker: { name: 'help', order: 70, options: [], route: { kind: 'command', command: 'help' } },
  },
  {
    names: { en: ['undo'] }, description: 'cmd_undo', order: 55,
    picker: { name: 'undo', order: 71, options: [], route: { kind: 'command', command: 'undo' } },
  },
  {
    names: { en: ['new'] }, description: 'cmd_new', order: 61,
    picker: { name: 'new', order: 62, options: [], route: { kind: 'command', command: 'new' } },
  },
  {
    names: { en: ['tasks'] }, description: 'cmd_tasks', order: 62,
    picker: { name: 'tasks', order: 60, description: 'slash_tasks', options: [], route: { kind: 'command', command: 'tasks' } },
  },
  {
    names: { en: ['cancel'] }, description: 'cmd_cancel', usage: 'usage_task', order: 63,
    picker: { name: 'cancel', order: 61, options: [textOption('task', 'slash_opt_taskRef', true, 20)], route: { kind: 'command', command: 'cancel', args: 'task' } },
  },
  // Discord has the Stop button under a streamed answer instead.
  { names: { en: ['stop'] }, description: 'cmd_stop', order: 64 },
  {
    names: { en: ['link'] }, description: 'cmd_link', usage: 'usage_code', order: 70,
    picker: { name: 'link', order: 72, options: [textOption('code', 'slash_opt_code', false, 20)], route: { kind: 'command', command: 'link', args: 'code' } },
  },
  {
    names: { en: ['unlink'] }, description: 'cmd_unlink', usage: 'usage_platform', order: 71,
    picker: { name: 'unlink', order: 73, options: [textOption('platform', 'slash_opt_platform', false, 20)], route: { kind: 'command', command: 'unlink', args: 'platform' } },
  },
  {
    names: { en: ['export'] }, description: 'cmd_export', order: 72,
    picker: { name: 'export', order: 74, options: [SCOPE_OPTION], route: { kind: 'command', command: 'export' } },
  },
  {
    names: { en: ['import'] }, description: 'cmd_import', usage: 'usage_import', order: 73,
    picker: {
      name: 'import', order: 75,
      options: [{ name: 'file', description: 'slash_opt_file', type: 'attachment', required: true }, SCOPE_OPTION],
      route: { kind: 'attachment', command: 'import', option: 'file' },
    },
  },
];
