// What the HTTP API and the Node API give a call bot, read from JSON: its options, a new answer
// policy, and a call to place. Bad input throws EmulatorError BAD_REQUEST.
import type { CallMediaType } from '../src/core/call/call-payload';
import { badRequest } from './errors';
import { checkUserId } from './bots';

/** What a call bot does when rung: answer, decline, answer line busy, or let it ring. */
export type CallBotAnswer = 'accept' | 'decline' | 'busy' | 'none';

export const CALL_BOT_ANSWERS: readonly CallBotAnswer[] = ['accept', 'decline', 'busy', 'none'];

export interface CallBotPolicy {
  readonly answer: CallBotAnswer;
  /** How long it rings before accepting or declining (ms). */
  readonly afterMs: number;
}

export interface CallBotOptions {
  readonly userId: string;
  /** Default `accept`. */
  readonly answer?: CallBotAnswer;
  /** Default 1000 ms. */
  readonly afterMs?: number;
  /** Its Chat application and rooms; default the emulator's development SDKAppID. */
  readonly sdkAppId?: number;
  /** Seconds its own invitations ring (default 30). */
  readonly timeoutS?: number;
}

export interface CallBotCallRequest {
  /** The users it rings: one, or several in a group call (`groupId`). */
  readonly to: readonly string[];
  /** Default `video`. */
  readonly media?: CallMediaType;
  readonly groupId?: string;
}

export const DEFAULT_AFTER_MS = 1000;
/** The longest a bot lets its phone ring before answering, and the longest timeout. */
export const MAX_AFTER_MS = 10 * 60 * 1000;
export const MAX_CALL_BOT_TIMEOUT_S = 3600;

type Json = Record<string, unknown>;

function objectOf(where: string, json: unknown, allowed: readonly string[]): Json {
  if (json === undefined) return {};
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw badRequest(`${where} must be a JSON object`);
  }
  const rec = json as Json;
  const unknown = Object.keys(rec).find((key) => !allowed.includes(key));
  if (unknown !== undefined) throw badRequest(`${where}: unknown field ${JSON.stringify(unknown)}`);
  return rec;
}

function answerOf(where: string, value: unknown): CallBotAnswer {
  if ((CALL_BOT_ANSWERS as readonly unknown[]).includes(value)) return value as CallBotAnswer;
  throw badRequest(`${where}: "answer" must be one of ${CALL_BOT_ANSWERS.join(', ')}`);
}

function afterMsOf(where: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_AFTER_MS) {
    return value;
  }
  throw badRequest(`${where}: "afterMs" must be a whole number of ms from 0 to ${MAX_AFTER_MS}`);
}

export function parseCallBotOptions(json: unknown, where = 'call bot'): CallBotOptions {
  const rec = objectOf(where, json, ['userId', 'answer', 'afterMs', 'sdkAppId', 'timeoutS']);
  const options: { -readonly [K in keyof CallBotOptions]: CallBotOptions[K] } = {
    userId: checkUserId(where, rec.userId),
  };
  if (rec.answer !== undefined) options.answer = answerOf(where, rec.answer);
  if (rec.afterMs !== undefined) options.afterMs = afterMsOf(where, rec.afterMs);
  if (rec.sdkAppId !== undefined) {
    const id = rec.sdkAppId;
    if (typeof id !== 'number' || !Number.isInteger(id) || id <= 0 || id > 0xffffffff) {
      throw badRequest(`${where}: "sdkAppId" must be a positive integer`);
    }
    options.sdkAppId = id;
  }
  if (rec.timeoutS !== undefined) {
    const s = rec.timeoutS;
    if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0 || s > MAX_CALL_BOT_TIMEOUT_S) {
      throw badRequest(
        `${where}: "timeoutS" must be seconds above 0, at most ${MAX_CALL_BOT_TIMEOUT_S}`,
      );
    }
    options.timeoutS = s;
  }
  return options;
}

/** A new policy: `answer` required, `afterMs` kept when absent. */
export function parseCallBotPolicy(json: unknown, current: CallBotPolicy): CallBotPolicy {
  const where = 'policy';
  const rec = objectOf(where, json, ['answer', 'afterMs']);
  return {
    answer: rec.answer === undefined ? current.answer : answerOf(where, rec.answer),
    afterMs: rec.afterMs === undefined ? current.afterMs : afterMsOf(where, rec.afterMs),
  };
}

export function parseCallRequest(json: unknown): CallBotCallRequest {
  const where = 'call';
  const rec = objectOf(where, json, ['to', 'media', 'groupId']);
  const list = typeof rec.to === 'string' ? [rec.to] : rec.to;
  if (!Array.isArray(list) || list.length === 0) {
    throw badRequest(`${where}: "to" must be a user id or a non-empty array of them`);
  }
  const to = list.map((id) => checkUserId(`${where}: "to"`, id));
  const media = rec.media ?? 'video';
  if (media !== 'audio' && media !== 'video') {
    throw badRequest(`${where}: "media" must be "audio" or "video"`);
  }
  const groupId = rec.groupId;
  if (
    groupId !== undefined &&
    (typeof groupId !== 'string' || groupId === '' || groupId.length > 64)
  ) {
    throw badRequest(`${where}: "groupId" must be 1-64 characters`);
  }
  return groupId === undefined ? { to, media } : { to, media, groupId };
}
