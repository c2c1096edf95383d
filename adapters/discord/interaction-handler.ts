import { ChannelType, InteractionContextType, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { Clock } from '../../src/core/clock.ts';
import type { InboundMessage } from '../../src/core/inbound.ts';
import type { Reply } from '../../src/core/reply.ts';
import { slashCommandText, type CommandSurface, type MessageHandler, type Suggestions } from '../../src/orchestrator/index.ts';
import { optionSuggestions } from './command-definitions.ts';
import { routeCommand } from './command-routes.ts';
import { interactionPlace } from './conversation.ts';
import { InteractionResponder } from './interaction-responder.ts';
import { parseCustomId } from './render.ts';

/** What interaction handling needs from the bot. */
export interface InteractionDeps {
  handler: MessageHandler;
  /** The core's command catalog: how each command routes and which options suggest. */
  commands: CommandSurface;
  suggestions?: Suggestions;
  clock: Clock;
  logger: Logger;
  /** Defer when the answer is not ready after this long (Discord's deadline is 3 s; default 2 s). */
  ackAfterMs: number;
  /** Aborted when the bot stops, ending answers being streamed. */
  signal: AbortSignal;
}

/** Discord gives autocomplete 3 s too; an empty list beats an error in the picker. */
const AUTOCOMPLETE_BUDGET_MS = 2_000;
const ZONES = Intl.supportedValuesOf('timeZone');

/**
 * Handles every interaction: slash commands (mapped onto the core's commands; `/ask` deferred at
 * once and streamed), button presses (custom_id passed to the core, which validates it in the
 * presser's scope) and autocomplete (read-only suggestions). Each is acknowledged before Discord's
 * 3-second deadline, and any failure ends in a short private apology, never in silence.
 */
export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const log = deps.logger;
  return async (interaction) => {
    try {
      if (interaction.isAutocomplete()) await autocomplete(interaction, deps);
      else if (interaction.isChatInputCommand()) await command(interaction, deps);
      else if (interaction.isButton()) await button(interaction, deps);
    } catch (error) {
      log.error({ err: error, interaction: interaction.id, type: interaction.type }, 'interaction failed');
    }
  };
}

async function command(i: ChatInputCommandInteraction, deps: InteractionDeps): Promise<void> {
  const place = interactionPlace(i, i.options.getString('scope') === 'me');
  const responder = new InteractionResponder(i, place, deps.clock);
  try {
    const route = await routeCommand(i, place, deps.clock, deps.suggestions, deps.commands);
    if (route.kind === 'reply') return await responder.deliver(route.reply);
    if (route.stream) {
      await responder.defer();
      const reply = await deps.handler.handle(route.message, { channel: responder.channel(), conversation: place.conversation, signal: deps.signal });
      if (reply) await responder.deliver(reply);
      else if (!responder.streamed) await i.deleteReply().catch(() => {});
      return;
    }
    await answerInTime(responder, route.message, deps);
  } catch (error) {
    await apologize(responder, i.locale, error, deps.logger);
  }
}

async function button(i: ButtonInteraction, deps: InteractionDeps): Promise<void> {
  const parsed = parseCustomId(i.customId);
  const place = interactionPlace(i, parsed?.personal ?? false);
  const responder = new InteractionResponder(i, place, deps.clock);
  try {
    if (inSomeoneElsesDm(i)) {
      // A press claiming to come from another person in someone's DM with the bot is forged: the
      // answer would land in that DM. Refused without reaching the core.
      deps.logger.warn({ interaction: i.id }, 'button press in a DM that is not the presser\'s; ignored');
      const lang = i.locale.startsWith('ur') ? 'ur' : 'en';
      return await responder.deliver({ text: slashCommandText(lang, 'invalidButton'), language: lang, ephemeral: true });
    }
    const message: InboundMessage = { conversation: place.conversation, actor: place.actor, receivedAt: deps.clock.now(), messageId: i.id, type: 'button', data: parsed?.data ?? '' };
    await answerInTime(responder, message, deps);
  } catch (error) {
    await apologize(responder, i.locale, error, deps.logger);
  }
}

/** True for an interaction in a bot DM whose other recipient is not the presser. */
function inSomeoneElsesDm(i: ButtonInteraction): boolean {
  if (i.guildId || i.context !== InteractionContextType.BotDM) return false;
  const channel = i.channel;
  if (!channel || channel.type !== ChannelType.DM) return false;
  const bot = i.client.user.id;
  return (channel.recipientIds ?? []).some((id) => id !== i.user.id && id !== bot);
}

/** Runs the core; if it has not answered by `ackAfterMs`, defers first so the 3-second deadline holds. */
async function answerInTime(responder: InteractionResponder, message: InboundMessage, deps: InteractionDeps): Promise<void> {
  const work = deps.handler.handle(message);
  let cancel: (() => void) | undefined;
  const late = new Promise<'late'>((resolve) => { cancel = deps.clock.setTimeout(() => resolve('late'), deps.ackAfterMs); });
  const first = await Promise.race([work.then((reply) => ({ reply })), late]);
  cancel?.();
  if (first === 'late') await responder.defer();
  const reply: Reply | null = first === 'late' ? await work : first.reply;
  if (reply) await responder.deliver(reply);
  else await responder.settle();
}

async function apologize(responder: InteractionResponder, locale: string, error: unknown, log: Logger): Promise<void> {
  log.error({ err: error }, 'could not answer an interaction');
  const lang = locale.startsWith('ur') ? 'ur' : 'en';
  await responder.deliver({ text: slashCommandText(lang, 'genericError'), language: lang, ephemeral: true }).catch((e: unknown) => {
    log.warn({ err: e }, 'could not send the error message either');
  });
}

async function autocomplete(i: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = i.options.getFocused(true);
  const spec = optionSuggestions(deps.commands, i.commandName, i.options.getSubcommand(false), focused.name);
  const partial = String(focused.value ?? '').trim();
  let choices: { name: string; value: string }[] = [];
  if (spec?.kind === 'timezone') {
    const needle = partial.toLowerCase().replace(/\s+/g, '_');
    choices = ZONES.filter((z) => z.toLowerCase().includes(needle)).slice(0, 25).map((z) => ({ name: z, value: z }));
  } else if (spec && deps.suggestions) {
    const place = interactionPlace(i, i.options.getString('scope') === 'me');
    const lookup = deps.suggestions.suggest({ actor: place.actor, conversation: place.conversation, kind: spec.kind, status: spec.status, partial, limit: 25 });
    let cancel: (() => void) | undefined;
    const timeout = new Promise<[]>((resolve) => { cancel = deps.clock.setTimeout(() => resolve([]), AUTOCOMPLETE_BUDGET_MS); });
    choices = await Promise.race([lookup.catch(() => []), timeout]);
    cancel?.();
  }
  await i.respond(choices.slice(0, 25));
}
