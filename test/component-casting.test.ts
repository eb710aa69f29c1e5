/**
 * @jest-environment jsdom
 */
// Issue 21's last attributes through <trtc-room> and <trtc-player>: enable-casting with its three
// events and four commands (which WeChat takes only inside a tap, so they must reach the context
// synchronously), picture-in-picture-init-position on the player that offers the window, and the
// pusher's own picture-in-picture-mode; each gated by its base library.
import fs from 'node:fs';
import path from 'node:path';
import { TrtcErrorCode } from '../src/core/errors';
import type { TraceV1 } from '../src/core/trace/trace-types';
import { captureLogs } from './fakes/log-capture';
import { cleanupComponents, mountRoom, settle, useComponentClock } from './fakes/component-harness';
import type { RoomHarness } from './fakes/component-harness';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

interface CastingMethods {
  startCasting(playerId: string): Promise<void>;
  switchCasting(playerId: string): Promise<void>;
  reconnectCasting(playerId: string): Promise<void>;
  exitCasting(playerId: string): Promise<void>;
  getTrace(): TraceV1 | null;
}
const methodsOf = (room: RoomHarness) => room.comp.instance as unknown as CastingMethods;
type ErrorDetail = { readonly code: string; readonly message: string };
const errors = (room: RoomHarness) =>
  (room.eventsNamed('error') as ErrorDetail[]).map(({ code, message }) => ({ code, message }));
const GRANTED = { 'scope.camera': true, 'scope.record': true };

async function inRoom(
  props: Record<string, unknown>,
  host: { hostName?: 'wx' | 'qq'; sdkVersion?: string } = {},
): Promise<RoomHarness> {
  const room = mountRoom(
    { template: 'grid', ...props },
    {
      ...(host.hostName ? { hostName: host.hostName } : {}),
      hostOptions: { sdkVersion: host.sdkVersion ?? '3.5.0', authSetting: GRANTED },
    },
  );
  await room.enter();
  await room.join('bob', { camera: true, mic: true });
  await room.join('carol', { camera: true, mic: true });
  return room;
}

describe('<trtc-room enable-casting>', () => {
  it('renders enable-casting on every player, and false without it', async () => {
    const room = await inRoom({ enableCasting: true });
    expect(room.players().map((p) => p['enableCasting'])).toEqual([true, true]);
    cleanupComponents();
    useComponentClock();
    const off = await inRoom({});
    expect(off.players().map((p) => p['enableCasting'])).toEqual([false, false]);
  });

  it('calls the context inside the same tap, before any await', async () => {
    const room = await inRoom({ enableCasting: true });
    room.host.contextCalls.length = 0;
    const methods = methodsOf(room);
    const started = methods.startCasting('bob_main');
    expect(room.host.contextCalls.map((c) => `${c.target}.${c.method}`)).toEqual([
      'bob_main.startCasting',
    ]);
    await started;
    await methods.switchCasting('bob_main');
    await methods.reconnectCasting('bob_main');
    await methods.exitCasting('bob_main');
    expect(room.host.contextCalls.map((c) => c.method)).toEqual([
      'startCasting',
      'switchCasting',
      'reconnectCasting',
      'exitCasting',
    ]);
  });

  it("passes WeChat's refusal of a player without casting on, naming the option", async () => {
    const off = await inRoom({});
    off.host.failNext('startCasting', { errMsg: 'startCasting:fail not supported' });
    await expect(methodsOf(off).startCasting('bob_main')).rejects.toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
      message: expect.stringMatching(
        /startCasting:fail not supported.*bob_main has no enableCasting/,
      ),
    });
  });

  it('refuses a player busy with a command at once, calling nothing', async () => {
    const room = await inRoom({ enableCasting: true });
    const snapshot = room.client.snapshotRemote('bob_main');
    await expect(methodsOf(room).startCasting('bob_main')).rejects.toMatchObject({
      code: TrtcErrorCode.InvalidState,
      message: expect.stringContaining('busy with another command'),
    });
    await snapshot;
    expect(room.host.methodsCalled('bob_main')).not.toContain('startCasting');
  });

  it('rejects with UNSUPPORTED naming 2.32.0 where the context lacks the methods', async () => {
    const room = mountRoom(
      { template: 'grid', enableCasting: true },
      {
        hostOptions: {
          sdkVersion: '2.31.0',
          authSetting: GRANTED,
          missingMethods: { player: ['startCasting'] },
        },
      },
    );
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await expect(methodsOf(room).startCasting('bob_main')).rejects.toMatchObject({
      code: TrtcErrorCode.Unsupported,
      message: expect.stringContaining(
        'LivePlayerContext.startCasting is not available in base library 2.31.0; it needs base library 2.32.0+',
      ),
    });
  });

  it('turns the three native events into playercasting, and records them', async () => {
    const logs = captureLogs('warn');
    const room = await inRoom({ enableCasting: true, recordTrace: true });
    const node = room.playerNode('bob_main');
    node.dispatchEvent('castinguserselect', { detail: { state: 'success' } });
    node.dispatchEvent('castingstatechange', { detail: { type: 'dlna', state: 'fail' } });
    node.dispatchEvent('castingstatechange', { detail: { state: 'maybe' } });
    node.dispatchEvent('castinginterrupt', { detail: {} });
    node.dispatchEvent('castinginterrupt', { detail: null });
    await settle();
    expect(room.eventsNamed('playercasting')).toEqual([
      { playerId: 'bob_main', kind: 'device-selected', ok: true, type: null },
      { playerId: 'bob_main', kind: 'state-changed', ok: false, type: 'dlna' },
      { playerId: 'bob_main', kind: 'state-changed', ok: null, type: null },
      { playerId: 'bob_main', kind: 'interrupted', ok: null, type: null },
      { playerId: 'bob_main', kind: 'interrupted', ok: null, type: null },
    ]);
    expect(logs.filter((r) => r.level === 'warn').map((r) => r.message)).toEqual([
      expect.stringContaining('"maybe" is neither "success" nor "fail"'),
    ]);
    const recorded = (methodsOf(room).getTrace()?.entries ?? []).filter(
      (e) => e.kind === 'native' && e.event.startsWith('casting'),
    );
    expect(recorded).toHaveLength(5);
  });

  it.each<[string, 'wx' | 'qq', string]>([
    ['WeChat below 2.32.0', 'wx', '2.31.0'],
    ['QQ', 'qq', '1.60.0'],
  ])('is left out on %s, with one warning', async (_name, hostName, sdkVersion) => {
    const logs = captureLogs('warn');
    const room = await inRoom({ enableCasting: true }, { hostName, sdkVersion });
    expect(room.client.getPlayers().map((p) => p.enableCasting)).toEqual([true, true]);
    expect(room.players().map((p) => p['enableCasting'])).toEqual([false, false]);
    const warnings = logs.filter((r) => /enableCasting/.test(r.message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toMatch(hostName === 'qq' ? /^QQ has no/ : /2\.32\.0\+/);
  });
});

describe('<trtc-room picture-in-picture-position>', () => {
  it('renders the position on the player that offers the window, and only there', async () => {
    const room = await inRoom({ pictureInPicture: 'push', pictureInPicturePosition: 'right, 20' });
    expect(
      room.players().map((p) => [p['pictureInPictureMode'], p['pictureInPictureInitPosition']]),
    ).toEqual([
      ['push', 'right,20'],
      ['', ''],
    ]);
    expect(errors(room)).toEqual([]);
  });

  it.each(['middle,20', 'right,120', 'right', '20,right'])(
    '%j is INVALID_PARAMETER, and the window keeps WeChat’s position',
    async (value) => {
      const room = await inRoom({ pictureInPicture: 'push', pictureInPicturePosition: value });
      expect(errors(room)).toEqual([
        { code: TrtcErrorCode.InvalidParameter, message: expect.stringContaining(value) },
      ]);
      expect(room.player('bob_main')['pictureInPictureInitPosition']).toBe('');
    },
  );

  it('is left out below base library 3.3.0, with one warning naming it', async () => {
    const logs = captureLogs('warn');
    const room = await inRoom(
      { pictureInPicture: 'push', pictureInPicturePosition: 'left,50' },
      { sdkVersion: '3.2.0' },
    );
    expect(room.player('bob_main')['pictureInPictureMode']).toBe('push');
    expect(room.player('bob_main')['pictureInPictureInitPosition']).toBe('');
    expect(logs.filter((r) => /3\.3\.0\+/.test(r.message))).toHaveLength(1);
  });
});

describe('<trtc-room pusher-picture-in-picture>', () => {
  it("renders the pusher's mode, the array for 'push pop', and '' by default", async () => {
    const room = await inRoom({ pusherPictureInPicture: 'push pop' });
    expect(room.pusher()?.['pictureInPictureMode']).toEqual(['push', 'pop']);
    expect(room.client.getPusherAttributes().pictureInPictureMode).toBe('push pop');
    cleanupComponents();
    useComponentClock();
    const off = await inRoom({});
    expect(off.pusher()?.['pictureInPictureMode']).toBe('');
  });

  it('is INVALID_PARAMETER when it is not a mode', async () => {
    const room = mountRoom({ pusherPictureInPicture: 'float' });
    await settle();
    expect(errors(room)).toEqual([
      { code: TrtcErrorCode.InvalidParameter, message: expect.stringContaining('float') },
    ]);
  });

  it('is left out below base library 2.25.0', async () => {
    const room = await inRoom({ pusherPictureInPicture: 'pop' }, { sdkVersion: '2.24.0' });
    expect(room.pusher()?.['pictureInPictureMode']).toBe('');
  });
});

describe('docs/components.md', () => {
  /** The js block of the "Casting" section. */
  function exampleCode(): string {
    const doc = fs.readFileSync(path.resolve(__dirname, '../docs/components.md'), 'utf8');
    const blocks = [...doc.matchAll(/```js\n([\s\S]*?)```/g)]
      .map((match) => match[1]!)
      .filter((code) => code.includes('startCasting'));
    expect(blocks).toHaveLength(1);
    return blocks[0]!;
  }

  it('the casting example runs as written: a tap casts, the event sets the page data', async () => {
    const room = await inRoom({ enableCasting: true });
    let definition: Record<string, unknown> = {};
    const toasts: unknown[] = [];
    const wx = { showToast: (options: unknown) => toasts.push(options) };
    new Function('Page', 'wx', exampleCode())((page: Record<string, unknown>) => {
      definition = page;
    }, wx);
    const data: Record<string, unknown> = {};
    const page = {
      ...definition,
      setData: (patch: Record<string, unknown>) => Object.assign(data, patch),
      selectComponent: () => room.comp.instance,
    } as unknown as { onCast(): void; onCasting(e: { detail: unknown }): void };
    room.host.contextCalls.length = 0;
    page.onCast();
    expect(room.host.methodsCalled('bob_main')).toEqual(['startCasting']);
    page.onCasting({
      detail: { playerId: 'bob_main', kind: 'state-changed', ok: true, type: null },
    });
    expect(data).toEqual({ casting: 'bob_main' });
    // A room without casting: WeChat's refusal reaches the toast, with what to do.
    cleanupComponents();
    useComponentClock();
    const off = await inRoom({});
    off.host.failNext('startCasting', { errMsg: 'startCasting:fail not supported' });
    const refused = {
      ...definition,
      selectComponent: () => off.comp.instance,
    } as unknown as { onCast(): void };
    refused.onCast();
    await settle();
    expect(toasts).toEqual([
      expect.objectContaining({ title: expect.stringContaining('no enableCasting: turn it on') }),
    ]);
  });
});
