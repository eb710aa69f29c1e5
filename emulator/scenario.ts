// Scenario files (demo/scenarios/*.json): a room, its bots and a timed script of bot actions.
import { readFileSync } from 'node:fs';
import { parseBotAction, parseBotOptions, checkUserId } from './bots';
import { DEV_SDK_APP_ID } from './dev-key';
import { EmulatorError, badRequest, notFound } from './errors';
import { roomRefProblem } from './room-key';
import type { RoomSettingsPatch } from './settings';
import { SETTING_FIELDS, parseRoomSettings } from './settings';
import type { BotAction, BotOptions, RoomRef } from './emulator-types';

export interface ScenarioBot extends BotOptions {
  readonly userId: string;
  /** False: the bot is declared but joins only when the script says `join`. Default true. */
  readonly joinAtStart: boolean;
}

export type ScenarioAction = BotAction | ({ readonly do: 'join' } & Omit<BotOptions, 'userId'>);

export interface ScenarioStep {
  /** Milliseconds after the (loop's) start. */
  readonly at: number;
  readonly bot: string;
  readonly action: ScenarioAction;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly room: RoomRef;
  /** The room's settings (scene, platform, requirePrivateMapKey) the run applies first. */
  readonly settings: RoomSettingsPatch;
  readonly bots: readonly ScenarioBot[];
  /** Sorted by `at` (file order kept for equal times). */
  readonly script: readonly ScenarioStep[];
  /** Restart the script this many ms after it started; null: run it once. */
  readonly loop: number | null;
}

export const MAX_SCENARIO_MS = 24 * 3600 * 1000;
/** The shortest `loop`: a shorter one would keep the timers busy. */
export const MIN_LOOP_MS = 100;
const MAX_STEPS = 10_000;

type Json = Record<string, unknown>;

const without = (rec: Json, keys: readonly string[]): Json =>
  Object.fromEntries(Object.entries(rec).filter(([key]) => !keys.includes(key)));
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function time(where: string, value: unknown, min: number): number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > MAX_SCENARIO_MS
  ) {
    throw badRequest(`${where} must be an integer number of ms from ${min} to ${MAX_SCENARIO_MS}`);
  }
  return value;
}

const ROOM_REF_FIELDS = ['sdkAppId', 'roomId', 'strRoomId'];

function parseRoom(json: unknown): { room: RoomRef; settings: RoomSettingsPatch } {
  if (!isObject(json)) throw badRequest('scenario "room" must be an object');
  const known = [...ROOM_REF_FIELDS, ...SETTING_FIELDS];
  const extra = Object.keys(json).filter((k) => !known.includes(k));
  if (extra.length > 0) {
    throw badRequest(`scenario room: unknown field ${JSON.stringify(extra[0])}`);
  }
  const ref = { sdkAppId: DEV_SDK_APP_ID, ...without(json, SETTING_FIELDS) };
  const problem = roomRefProblem(ref);
  if (problem !== null) throw badRequest(`scenario ${problem}`);
  const settings = parseRoomSettings(without(json, ROOM_REF_FIELDS), 'scenario room');
  return { room: ref as RoomRef, settings };
}

function parseBots(json: unknown): ScenarioBot[] {
  if (json === undefined) return [];
  if (!Array.isArray(json)) throw badRequest('scenario "bots" must be an array');
  const seen = new Set<string>();
  return json.map((item: unknown, index) => {
    const where = `bots[${index}]`;
    const options = parseBotOptions(item, where, ['joinAtStart']);
    const userId = checkUserId(where, (item as Json).userId);
    if (seen.has(userId)) throw badRequest(`${where}: bot ${userId} is declared twice`);
    seen.add(userId);
    const joinAtStart = (item as Json).joinAtStart ?? true;
    if (typeof joinAtStart !== 'boolean')
      throw badRequest(`${where}: "joinAtStart" must be true or false`);
    return { ...options, userId, joinAtStart };
  });
}

function parseStep(json: unknown, index: number, bots: ReadonlySet<string>): ScenarioStep {
  const where = `script[${index}]`;
  if (!isObject(json)) throw badRequest(`${where} must be an object`);
  const at = time(`${where} "at"`, json.at, 0);
  const bot = json.bot;
  if (typeof bot !== 'string' || !bots.has(bot)) {
    throw badRequest(`${where}: bot ${JSON.stringify(bot)} is not declared in "bots"`);
  }
  const rest = without(json, ['at', 'bot']);
  if (rest.do === 'join') {
    const options = without(rest, ['do']);
    if ('userId' in options) {
      throw badRequest(`${where}: join takes the step's "bot" as its userId`);
    }
    return { at, bot, action: { do: 'join', ...parseBotOptions(options, where) } };
  }
  return { at, bot, action: parseBotAction(rest, where) };
}

/** Reads a scenario from parsed JSON; throws EmulatorError BAD_REQUEST saying what is wrong. */
export function parseScenario(json: unknown): Scenario {
  if (!isObject(json)) throw badRequest('a scenario must be a JSON object');
  const known = ['name', 'description', 'room', 'bots', 'script', 'loop'];
  const unknown = Object.keys(json).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw badRequest(`scenario: unknown field ${JSON.stringify(unknown[0])}`);
  const { name, description = '' } = json;
  if (typeof name !== 'string' || name === '')
    throw badRequest('scenario "name" must be a non-empty string');
  if (typeof description !== 'string') throw badRequest('scenario "description" must be a string');
  const { room, settings } = parseRoom(json.room);
  const bots = parseBots(json.bots);
  const script = json.script ?? [];
  if (!Array.isArray(script) || script.length > MAX_STEPS) {
    throw badRequest(`scenario "script" must be an array of at most ${MAX_STEPS} steps`);
  }
  const names = new Set(bots.map((b) => b.userId));
  const steps = script.map((step: unknown, i) => parseStep(step, i, names));
  const sorted = steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => a.step.at - b.step.at || a.i - b.i);
  const loop = json.loop === undefined ? null : time('scenario "loop"', json.loop, MIN_LOOP_MS);
  const last = sorted.reduce((max, s) => Math.max(max, s.step.at), 0);
  if (loop !== null && loop < last) {
    throw badRequest(
      `scenario "loop" (${loop} ms) must not be shorter than the script (${last} ms)`,
    );
  }
  return { name, description, room, settings, bots, script: sorted.map((s) => s.step), loop };
}

/** Reads and checks a scenario file; EmulatorError NOT_FOUND or BAD_REQUEST. */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw notFound(
      `cannot read scenario ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw badRequest(
      `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return parseScenario(json);
  } catch (error) {
    if (error instanceof EmulatorError) throw badRequest(`${path}: ${error.message}`);
    throw error;
  }
}
