// The emulator's call bots (call-bot.ts), by user id: what the HTTP API and the console drive.
import { isTrtcError } from '../src/core/errors';
import type { CallBotCallRequest, CallBotOptions, CallBotPolicy } from './call-bot-options';
import { DEFAULT_AFTER_MS, parseCallBotOptions } from './call-bot-options';
import type { CallBotSnapshot, CallBotsDeps } from './call-bot';
import { CallBot, trimmed } from './call-bot';
import { DEV_SDK_APP_ID } from './dev-key';
import { badRequest, notFound, overLimit } from './errors';

export type { CallBotCall, CallBotRecord, CallBotSnapshot, CallBotsDeps } from './call-bot';

/** The emulator's call bots, by user id. */
export class CallBots {
  private readonly bots = new Map<string, CallBot>();
  /** Bots logging in. */
  private readonly adding = new Set<string>();
  private disposed = false;

  constructor(private readonly deps: CallBotsDeps) {}

  list(): CallBotSnapshot[] {
    return [...this.bots.values()].map((bot) => bot.snapshot());
  }

  get(userId: string): CallBotSnapshot {
    return this.bot(userId).snapshot();
  }

  /** Adds a call bot; resolves once it is logged in on the relay. */
  async add(options: CallBotOptions): Promise<CallBotSnapshot> {
    const checked = parseCallBotOptions(options);
    const { userId } = checked;
    if (this.bots.has(userId) || this.adding.has(userId)) {
      throw badRequest(`call bot ${userId} exists already`);
    }
    if (this.bots.size + this.adding.size >= this.deps.limits.maxBots) {
      throw overLimit(
        `the emulator has reached its limit of ${this.deps.limits.maxBots} call bots`,
      );
    }
    const policy: CallBotPolicy = {
      answer: checked.answer ?? 'accept',
      afterMs: checked.afterMs ?? DEFAULT_AFTER_MS,
    };
    const sdkAppId = checked.sdkAppId ?? DEV_SDK_APP_ID;
    const bot = new CallBot(this.deps, userId, sdkAppId, checked.timeoutS ?? 30, policy);
    // Listed once logged in: a bot the API shows can be rung.
    this.adding.add(userId);
    try {
      await bot.signaling.ready();
    } catch (error) {
      await bot.destroy(true);
      throw overLimit(`call bot ${userId} could not log in: ${trimmed(error)}`);
    } finally {
      this.adding.delete(userId);
    }
    if (this.disposed) {
      await bot.destroy(true);
      throw overLimit('the emulator is stopping');
    }
    this.bots.set(userId, bot);
    bot.online = true;
    bot.note(
      `added: answers ${policy.answer}${policy.answer === 'accept' || policy.answer === 'decline' ? ` after ${policy.afterMs} ms` : ''}`,
    );
    return bot.snapshot();
  }

  setPolicy(userId: string, policy: CallBotPolicy): CallBotSnapshot {
    const bot = this.bot(userId);
    bot.policy = policy;
    bot.note(`now answers ${policy.answer} (after ${policy.afterMs} ms)`);
    return bot.snapshot();
  }

  /** The bot rings `request.to`; resolves once the invitation is sent. */
  async call(userId: string, request: CallBotCallRequest): Promise<CallBotSnapshot> {
    const bot = this.bot(userId);
    try {
      await bot.call(request);
    } catch (error) {
      if (!isTrtcError(error)) throw error;
      throw badRequest(`call bot ${userId} cannot call: ${trimmed(error)}`);
    }
    return bot.snapshot();
  }

  /** Dialing: cancels; ringing: declines; connected: leaves the call. */
  async hangup(userId: string): Promise<CallBotSnapshot> {
    const bot = this.bot(userId);
    bot.note('hangs up');
    await bot.client.hangup();
    return bot.snapshot();
  }

  async remove(userId: string): Promise<void> {
    const bot = this.bot(userId);
    this.bots.delete(userId);
    await bot.destroy();
    bot.note('removed');
  }

  dispose(): void {
    this.disposed = true;
    for (const bot of [...this.bots.values()]) void bot.destroy(true);
    this.bots.clear();
  }

  private bot(userId: string): CallBot {
    const bot = this.bots.get(userId);
    if (bot === undefined) throw notFound(`no call bot ${String(userId).slice(0, 40)}`);
    return bot;
  }
}
