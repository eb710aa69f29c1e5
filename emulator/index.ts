// trtc-room/emulator: a local TRTC room emulator for WeChat DevTools and tests.
//
//   const emulator = await startEmulator({ port: 0 });
//   // emulator.wsUrl → <trtc-room emulator="...">, emulator.httpUrl → the web console
//   await emulator.stop();
import type { AddressInfo } from 'node:net';
import { EMULATOR_CHAT_PATH } from '../src/core/emulator/chat-wire';
import { DEFAULT_EMULATOR_PORT, EMULATOR_ROOM_PATH } from '../src/core/emulator/wire';
import type { HubOptions } from './hub';
import { EMULATOR_NAME, RoomHub } from './hub';
import { createHttpApi } from './http-api';
import { ScenarioRuns } from './scenario-runs';
import { createEmulatorServer } from './server';
import { loadConsoleFiles } from './static';

export interface EmulatorOptions extends HubOptions {
  /** Default 8787 (DEFAULT_EMULATOR_PORT); 0 picks a free port. */
  readonly port?: number;
  /** Default '127.0.0.1'. Other addresses expose the emulator (and its open API) to the network. */
  readonly host?: string;
  /** Where POST /api/scenarios/<name> finds <name>.json; none by default. */
  readonly scenarioDir?: string;
  /** Server messages (not the room log: see hub.onLog). */
  readonly log?: (line: string) => void;
}

export interface RunningEmulator {
  readonly hub: RoomHub;
  readonly host: string;
  readonly port: number;
  /** The web console, `http://host:port/`. */
  readonly httpUrl: string;
  /** The room endpoint, `ws://host:port/room`. */
  readonly wsUrl: string;
  /** The Chat signaling relay, `ws://host:port/chat` (emulatorSignaling's `url`). */
  readonly chatUrl: string;
  /**
   * Runs a scenario file (from the scenario folder or anywhere), listed as running under its file
   * name in `GET /api/scenarios` and the console, and stoppable there.
   */
  runScenarioFile(file: string): void;
  /** Stops scenarios, closes every connection and frees the port. */
  stop(): Promise<void>;
}

const LOOPBACK = ['127.0.0.1', 'localhost', '::1', '[::1]'];

/** How a URL names the host: brackets around IPv6, loopback in place of "any address". */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? DEFAULT_EMULATOR_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be a whole number from 0 to 65535, got ${port}`);
  }
  const hub = new RoomHub(options);
  const limits = hub.limits;
  const scenarios = new ScenarioRuns(hub, options.scenarioDir);
  let clientCount = (): number => 0;
  const allowedHosts = LOOPBACK.includes(host) ? new Set(LOOPBACK) : null;
  const api = createHttpApi({
    hub,
    scenarios,
    emulator: EMULATOR_NAME,
    consoleFiles: loadConsoleFiles(),
    clientCount: () => clientCount(),
    allowedHosts,
    log: options.log,
  });
  const server = createEmulatorServer({
    hub,
    limits,
    allowedHosts,
    onRequest: api.handle,
    log: options.log,
  });
  clientCount = server.clientCount;

  try {
    await new Promise<void>((resolve, reject) => {
      server.http.once('error', reject);
      server.http.listen(port, host, () => {
        server.http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    hub.dispose();
    throw error;
  }
  server.http.on('error', (error) => options.log?.(`http: ${error.message}`));

  const bound = (server.http.address() as AddressInfo).port;
  const origin = `${urlHost(host)}:${bound}`;
  let stopping: Promise<void> | null = null;
  return {
    hub,
    host,
    port: bound,
    httpUrl: `http://${origin}/`,
    wsUrl: `ws://${origin}${EMULATOR_ROOM_PATH}`,
    chatUrl: `ws://${origin}${EMULATOR_CHAT_PATH}`,
    runScenarioFile: (file) => scenarios.runFile(file),
    stop: () =>
      (stopping ??= (async () => {
        scenarios.stopAll();
        api.close();
        hub.dispose();
        await server.close();
      })()),
  };
}

export { DEFAULT_EMULATOR_PORT, EMULATOR_ROOM_PATH } from '../src/core/emulator/wire';
export { EMULATOR_CHAT_PATH } from '../src/core/emulator/chat-wire';
// A CallSignaling logged in on the relay, for CallClients in Node (tests, scripts).
export { emulatorSignaling } from '../src/core/emulator/chat-link';
export type { EmulatorSignaling, EmulatorSignalingOptions } from '../src/core/emulator/chat-link';
export type {
  ChatClientFrame,
  ChatServerFrame,
  ChatSignalEnvelope,
} from '../src/core/emulator/chat-wire';
export { ChatRelay, RECORD_REPLAY_S } from './chat-relay';
export type { ChatRelaySnapshot } from './chat-relay';
export type { ChatConnection, ChatSink } from './chat-peer';
export type { InvitationSnapshot } from './chat-invitations';
export { CallBots } from './call-bots';
export type { CallBotCall, CallBotRecord, CallBotSnapshot } from './call-bots';
export { CALL_BOT_ANSWERS, parseCallBotOptions, parseCallRequest } from './call-bot-options';
export type {
  CallBotAnswer,
  CallBotCallRequest,
  CallBotOptions,
  CallBotPolicy,
} from './call-bot-options';
export type { BotWatcher } from './bots';
export type { ClientFrame, EmulatorPlatform, ServerFrame } from '../src/core/emulator/wire';
export type {
  AppScene,
  EmulatorDefaults,
  HubOptions,
  RoomSettings,
  RoomSettingsPatch,
  Scenario,
  ScenarioRun,
} from './hub';
export {
  DEFAULT_PLATFORM,
  DEV_SDK_APP_ID,
  DEV_SECRET_KEY,
  EMULATOR_NAME,
  EmulatorError,
  RoomHub,
  loadScenarioFile,
  parseRoomKey,
  parseBotAction,
  parseBotOptions,
  parseFault,
  parseRoomSettings,
  parseScenario,
  roomKeyOf,
} from './hub';
export { DEFAULT_LIMITS } from './emulator-types';
export {
  DEFAULT_REPLAY_SPEED,
  TracePlayback,
  describePlan,
  loadTraceFile,
  planReplay,
} from './trace-player';
export type { ReplayOptions, ReplayPlan } from './trace-player';
export type { ReplaySummary } from './http-traces';
export { TraceStore, traceFileName } from './traces';
export type { TraceSummary } from './traces';
export type {
  BotAction,
  BotOptions,
  ClientConnection,
  ClientSink,
  EmulatorLimits,
  Fault,
  FaultKind,
  LogEntry,
  ParticipantKind,
  ParticipantRole,
  ParticipantSnapshot,
  RoomKey,
  RoomRef,
  RoomSnapshot,
} from './emulator-types';
