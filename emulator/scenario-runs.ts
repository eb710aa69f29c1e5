// The scenario files the HTTP API can run (<scenarioDir>/<name>.json) and the runs under way.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { RoomHub } from './hub';
import { loadScenarioFile, parseRoomKey } from './hub';
import { HttpError, badRequest } from './http-body';

type ScenarioRun = ReturnType<RoomHub['runScenario']>;

export interface ScenarioInfo {
  readonly name: string;
  readonly description: string;
  readonly running: boolean;
  /** Why the file cannot run, when it cannot. */
  readonly error?: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export class ScenarioRuns {
  private readonly runs = new Map<string, ScenarioRun>();
  /** Files run from outside the folder (runFile), listed too: name → description. */
  private readonly outside = new Map<string, string>();

  constructor(
    private readonly hub: RoomHub,
    readonly dir: string | undefined,
  ) {}

  list(): ScenarioInfo[] {
    const others = [...this.outside].map(([name, description]) => ({
      name,
      description,
      running: this.runs.has(name),
    }));
    const dir = this.dir;
    if (dir === undefined || !existsSync(dir)) return others;
    const listed = readdirSync(dir)
      .filter((file) => file.endsWith('.json') && NAME.test(file.slice(0, -5)))
      .sort()
      .map((file) => {
        const name = file.slice(0, -5);
        const running = this.runs.has(name);
        try {
          const scenario = loadScenarioFile(path.join(dir, file));
          return { name, description: scenario.description ?? '', running };
        } catch (error) {
          return { name, description: '', running, error: messageOf(error) };
        }
      });
    const inFolder = new Set(listed.map((info) => info.name));
    return [...listed, ...others.filter((info) => !inFolder.has(info.name))];
  }

  /**
   * Runs a scenario file from anywhere (the CLI's --scenario, npm start), listed and stoppable
   * under its file name like the folder's.
   */
  runFile(file: string): void {
    const name = path.basename(file).replace(/\.json$/i, '');
    const scenario = loadScenarioFile(file);
    const inFolder =
      this.dir !== undefined && path.resolve(path.dirname(file)) === path.resolve(this.dir);
    if (!inFolder) this.outside.set(name, scenario.description ?? '');
    this.start(name, scenario, null);
  }

  /** Starts <dir>/<name>.json (again, if it runs already), in `roomKey` when given. */
  run(name: string, roomKey?: string): void {
    if (!NAME.test(name)) throw badRequest(`${JSON.stringify(name)} is not a scenario name`);
    const file = this.dir === undefined ? undefined : path.join(this.dir, `${name}.json`);
    if (file === undefined || !existsSync(file)) {
      throw new HttpError(
        404,
        'NOT_FOUND',
        `no scenario ${name} (${file ?? 'no scenario folder'})`,
      );
    }
    let room: ReturnType<typeof parseRoomKey> = null;
    if (roomKey !== undefined) {
      room = parseRoomKey(roomKey);
      if (room === null) throw badRequest(`${JSON.stringify(roomKey)} is not a room key`);
    }
    this.start(name, loadScenarioFile(file), room);
  }

  private start(
    name: string,
    scenario: Parameters<RoomHub['runScenario']>[0],
    room: ReturnType<typeof parseRoomKey>,
  ): void {
    this.stop(name);
    const run =
      room === null ? this.hub.runScenario(scenario) : this.hub.runScenario(scenario, { room });
    this.runs.set(name, run);
    const forget = () => {
      if (this.runs.get(name) === run) this.runs.delete(name);
    };
    run.done.then(forget, forget);
  }

  /** Stops a run; false when none was running under that name. */
  stop(name: string): boolean {
    const run = this.runs.get(name);
    if (run === undefined) return false;
    this.runs.delete(name);
    run.stop();
    return true;
  }

  stopAll(): void {
    for (const name of [...this.runs.keys()]) this.stop(name);
  }
}

export const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
