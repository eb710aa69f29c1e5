/**
 * @jest-environment jsdom
 */
// <trtc-room picture-in-picture> (issue 21): the property checked like the others, the mode on
// the first <live-player> showing video (a string for one mode, the array for both), the native
// enter/leave events as `pictureinpicturechange`, recorded in traces, and the commands through
// the host's contexts.
import { TrtcErrorCode } from '../src/core/errors';
import type { TraceV1 } from '../src/core/trace/trace-types';
import { cleanupComponents, mountRoom, settle, useComponentClock } from './fakes/component-harness';
import type { RoomHarness } from './fakes/component-harness';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

type ErrorDetail = { readonly code: string; readonly message: string };
const errors = (room: RoomHarness) =>
  (room.eventsNamed('error') as ErrorDetail[]).map(({ code, message }) => ({ code, message }));

interface PipMethods {
  exitPictureInPicture(): Promise<void>;
  requestBackgroundPlayback(playerId: string): Promise<void>;
  exitBackgroundPlayback(playerId: string): Promise<void>;
  getTrace(): TraceV1 | null;
}
const methodsOf = (room: RoomHarness) => room.comp.instance as unknown as PipMethods;

async function inCall(props: Record<string, unknown> = {}): Promise<RoomHarness> {
  const room = mountRoom({ template: 'grid', pictureInPicture: 'push', ...props });
  await room.enter();
  await room.join('bob', { camera: true, mic: true });
  await room.join('carol', { camera: true, mic: true });
  return room;
}

describe('<trtc-room picture-in-picture>', () => {
  it("renders the mode on the first player showing video, '' on the others", async () => {
    const room = await inCall();
    expect(room.players().map((p) => [p['id'], p['pictureInPictureMode']])).toEqual([
      ['bob_main', 'push'],
      ['carol_main', ''],
    ]);
    expect(errors(room)).toEqual([]);
  });

  it("renders ['push', 'pop'] for 'push pop', and nothing by default", async () => {
    const both = await inCall({ pictureInPicture: 'push pop' });
    expect(both.player('bob_main')['pictureInPictureMode']).toEqual(['push', 'pop']);
    cleanupComponents();
    useComponentClock();
    const off = await inCall({ pictureInPicture: '' });
    expect(off.players().map((p) => p['pictureInPictureMode'])).toEqual(['', '']);
  });

  it.each<[string, 'wx' | 'qq', string]>([
    ['WeChat below 2.10.3', 'wx', '2.10.2'],
    ['QQ', 'qq', '1.60.0'],
  ])('is left out on %s (the capability gate)', async (_name, hostName, sdkVersion) => {
    const room = mountRoom(
      { template: 'grid', pictureInPicture: 'push' },
      {
        hostName,
        hostOptions: { sdkVersion, authSetting: { 'scope.camera': true, 'scope.record': true } },
      },
    );
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    expect(room.client.getPlayers()[0]?.pictureInPictureMode).toBe('push');
    expect(room.player('bob_main')['pictureInPictureMode']).toBe('');
  });

  it.each(['float', 'pop push', 'PUSH'])(
    '%j is reported once as INVALID_PARAMETER, and the room enters without it',
    async (value) => {
      const room = mountRoom({ template: 'grid', pictureInPicture: value });
      await settle();
      expect(errors(room)).toEqual([
        { code: TrtcErrorCode.InvalidParameter, message: expect.stringContaining(value) },
      ]);
      await room.enter();
      await room.join('bob', { camera: true, mic: true });
      expect(room.player('bob_main')['pictureInPictureMode']).toBe('');
      expect(errors(room)).toHaveLength(1);
    },
  );

  it('a value that turns bad later is reported when it changes', async () => {
    const room = mountRoom({ pictureInPicture: 'push' });
    await settle();
    room.comp.setData({ pictureInPicture: 'sideways' });
    await settle();
    expect(errors(room)).toEqual([
      { code: TrtcErrorCode.InvalidParameter, message: expect.stringContaining('sideways') },
    ]);
  });

  it('turns the native events into pictureinpicturechange, once per change', async () => {
    const room = await inCall();
    room.clearRecords();
    room.playerNode('bob_main').dispatchEvent('enterpictureinpicture', { detail: {} });
    room.playerNode('bob_main').dispatchEvent('enterpictureinpicture', { detail: {} });
    await settle();
    expect(room.client.getPictureInPicture()).toBe('bob_main');
    room.playerNode('bob_main').dispatchEvent('leavepictureinpicture', { detail: {} });
    room.pusherNode().dispatchEvent('enterpictureinpicture', { detail: {} });
    room.pusherNode().dispatchEvent('leavepictureinpicture', { detail: {} });
    await settle();
    expect(room.eventsNamed('pictureinpicturechange')).toEqual([
      { active: true, source: 'player', playerId: 'bob_main' },
      { active: false, source: 'player', playerId: 'bob_main' },
      { active: true, source: 'pusher', playerId: null },
      { active: false, source: 'pusher', playerId: null },
    ]);
  });

  it('keeps the room in while hidden in the window', async () => {
    const room = await inCall();
    room.comp.triggerPageLifeTime('hide');
    room.playerNode('bob_main').dispatchEvent('enterpictureinpicture', { detail: {} });
    await settle();
    expect(room.client.getState()).toBe('joined');
    room.host.contextCalls.length = 0;
    await room.client.toggleTorch();
    expect(room.host.methodsCalled('pusher')).toEqual(['toggleTorch']);
  });

  it('records the events in the trace', async () => {
    const room = await inCall({ recordTrace: true });
    room.playerNode('bob_main').dispatchEvent('enterpictureinpicture', { detail: {} });
    room.playerNode('bob_main').dispatchEvent('leavepictureinpicture', { detail: {} });
    await settle();
    const natives = (methodsOf(room).getTrace()?.entries ?? [])
      .filter((e) => e.kind === 'native' && /pictureinpicture$/.test(e.event))
      .map((e) => (e.kind === 'native' ? [e.source, e.playerId, e.event] : []));
    expect(natives).toEqual([
      ['player', 'bob_main', 'enterpictureinpicture'],
      ['player', 'bob_main', 'leavepictureinpicture'],
    ]);
  });
});

describe('<trtc-room>: exitPictureInPicture() and background playback', () => {
  it("call the player's LivePlayerContext methods", async () => {
    const room = await inCall();
    room.host.contextCalls.length = 0;
    room.playerNode('bob_main').dispatchEvent('enterpictureinpicture', { detail: {} });
    await settle();
    await methodsOf(room).exitPictureInPicture();
    await methodsOf(room).requestBackgroundPlayback('carol_main');
    await methodsOf(room).exitBackgroundPlayback('carol_main');
    const calls = room.host.contextCalls.map((c) => `${c.target}.${c.method}`);
    expect(calls).toEqual([
      'bob_main.exitPictureInPicture',
      'carol_main.requestBackgroundPlayback',
      'carol_main.exitBackgroundPlayback',
    ]);
  });

  it("reject WeChat's refusal of an RTC player as NATIVE_CALL_FAILED that says so", async () => {
    const room = await inCall();
    room.host.failNext('requestBackgroundPlayback', {
      errMsg: 'requestBackgroundPlayback:fail',
      errno: 1107010,
    });
    await expect(methodsOf(room).requestBackgroundPlayback('bob_main')).rejects.toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
      message: expect.stringContaining("trtc-room's players are 'RTC'"),
    });
  });

  it('reject with UNSUPPORTED, naming the base library, when it lacks them', async () => {
    const room = mountRoom(
      { template: 'grid' },
      {
        hostOptions: {
          sdkVersion: '2.14.0',
          authSetting: { 'scope.camera': true, 'scope.record': true },
          missingMethods: { player: ['requestBackgroundPlayback'] },
        },
      },
    );
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    const [error] = await Promise.all([
      methodsOf(room)
        .requestBackgroundPlayback('bob_main')
        .catch((e: unknown) => e),
      settle(),
    ]);
    expect(error).toMatchObject({
      code: TrtcErrorCode.Unsupported,
      message: expect.stringContaining('2.14.3'),
    });
  });
});
