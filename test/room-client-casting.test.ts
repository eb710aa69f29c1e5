// Casting, the floating window's position and the pusher's own floating window through the client
// (issue 21): the options and their checks, the tap-only casting commands (run at once or refused,
// never queued), the native casting events as typed `casting` events, and traces.
import { describePlan, planReplay } from '../emulator/trace-player';
import { TrtcErrorCode } from '../src/core/errors';
import { RoomClient } from '../src/core/room';
import { checkPictureInPicturePosition } from '../src/core/room/picture-in-picture';
import { pusherNodeAttributes } from '../src/core/room/pusher-attributes';
import { readTrace } from '../src/core/trace/trace-read';
import { replayTrace } from '../src/core/trace/trace-replay';
import type { TracePlatform } from '../src/core/trace/trace-types';
import { audioChanged, usersJoined, videoChanged } from './fakes/native-events';
import type { Harness, HarnessOptions } from './fakes/room-harness';
import { createHarness } from './fakes/room-harness';
import { thrownCode } from './fakes/trtc-error';

const PLATFORM: TracePlatform = { host: 'synthetic', system: {} };

function withBob(options: HarnessOptions = {}): Harness {
  const h = createHarness(options);
  h.join();
  h.pushers(usersJoined('bob'), audioChanged('bob', true), videoChanged('bob', 'main', true));
  return h;
}

const casting = (h: Harness) => h.client.getPlayers().map((p) => [p.id, p.enableCasting]);
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
  );

describe('enableCasting', () => {
  it('is off by default, on for every player with the option, per stream with setRemoteViewOptions', () => {
    expect(casting(withBob())).toEqual([['bob_main', false]]);
    expect(casting(withBob({ enableCasting: true }))).toEqual([['bob_main', true]]);
    const h = withBob({ enableCasting: true });
    h.client.setRemoteViewOptions('bob', 'main', { enableCasting: false });
    expect(casting(h)).toEqual([['bob_main', false]]);
    expect(thrownCode(() => new RoomClient({ enableCasting: 'yes' as unknown as boolean }))).toBe(
      TrtcErrorCode.InvalidParameter,
    );
    expect(
      thrownCode(() =>
        h.client.setRemoteViewOptions('bob', 'main', { enableCasting: 1 as unknown as boolean }),
      ),
    ).toBe(TrtcErrorCode.InvalidParameter);
  });
});

describe('the casting commands', () => {
  it('reach the context synchronously, one per command', async () => {
    const h = withBob({ enableCasting: true });
    for (const command of [
      'startCasting',
      'switchCasting',
      'reconnectCasting',
      'exitCasting',
    ] as const) {
      const done = h.client[command]('bob_main');
      expect(h.adapter.callsOf(command, 'bob_main')).toHaveLength(1);
      await done;
    }
  });

  it('are refused, never queued, while the player is not rendered or is busy', async () => {
    const gated = withBob({ enableCasting: true, gatedByDom: true });
    expect(await rejection(gated.client.startCasting('bob_main'))).toEqual({
      code: TrtcErrorCode.InvalidState,
      message: expect.stringContaining('is not rendered yet'),
    });
    gated.client.setPlayerReady('bob_main', true);
    expect(gated.adapter.callsOf('startCasting')).toEqual([]);

    const busy = withBob({ enableCasting: true });
    busy.adapter.hangNext('snapshot');
    void busy.client.snapshotRemote('bob_main').catch(() => undefined);
    expect(await rejection(busy.client.exitCasting('bob_main'))).toEqual({
      code: TrtcErrorCode.InvalidState,
      message: expect.stringContaining('busy with another command'),
    });
    expect(busy.adapter.callsOf('exitCasting')).toEqual([]);
  });

  it('go to WeChat for a player without casting (its node may offer it); a refusal names the option', async () => {
    const h = withBob();
    await h.client.startCasting('bob_main');
    expect(h.adapter.callsOf('startCasting', 'bob_main')).toHaveLength(1);
    h.adapter.failNext('exitCasting', { error: { errMsg: 'exitCasting:fail' } });
    expect(await rejection(h.client.exitCasting('bob_main'))).toEqual({
      code: TrtcErrorCode.NativeCallFailed,
      message: expect.stringMatching(/exitCasting:fail.*bob_main has no enableCasting: turn it on/),
    });
    expect(await rejection(h.client.startCasting('nobody_main'))).toMatchObject({
      code: TrtcErrorCode.NotFound,
    });
  });

  it('pass a refusal unchanged for a player that offers casting', async () => {
    const h = withBob({ enableCasting: true });
    h.adapter.failNext('startCasting', { error: { errMsg: 'startCasting:fail' } });
    const refusal = await rejection(h.client.startCasting('bob_main'));
    expect(refusal?.message).not.toContain('enableCasting');
  });
});

describe('the casting events', () => {
  it('decode every documented shape and survive broken ones', () => {
    const h = withBob({ enableCasting: true });
    const details: [string, unknown][] = [
      ['castinguserselect', { state: 'success' }],
      ['castinguserselect', { state: 'fail' }],
      ['castingstatechange', { type: 'dlna', state: 'success' }],
      ['castingstatechange', '{not json'],
      ['castinginterrupt', undefined],
      ['castingsomething', {}],
    ];
    for (const [event, detail] of details) {
      expect(() => h.client.handlePlayerCasting('bob_main', event, detail)).not.toThrow();
    }
    expect(h.argsOf('casting').map(([e]) => [e.kind, e.ok, e.type])).toEqual([
      ['device-selected', true, null],
      ['device-selected', false, null],
      ['state-changed', true, 'dlna'],
      ['state-changed', null, null],
      ['interrupted', null, null],
    ]);
    const warnings = h.logs.filter((r) => r.level === 'warn').map((r) => r.message);
    expect(warnings).toEqual([
      expect.stringContaining('castingstatechange of bob_main: state undefined'),
      expect.stringContaining('"castingsomething" is not a casting event'),
    ]);
  });

  it('are recorded, read back and replayed; the emulator skips them', async () => {
    const h = withBob({ enableCasting: true, recordTrace: true });
    h.client.handlePlayerCasting('bob_main', 'castinguserselect', { state: 'success' });
    h.client.handlePlayerCasting('bob_main', 'castinginterrupt', {});
    await h.client.startCasting('bob_main');
    const read = readTrace(JSON.stringify(h.client.getTrace({ platform: PLATFORM })));
    if (!read.ok) throw new Error(read.problem);
    const names = read.trace.entries
      .filter((e) => (e.kind === 'native' && e.event.startsWith('casting')) || e.kind === 'command')
      .map((e) => (e.kind === 'native' ? e.event : e.kind === 'command' ? e.name : ''));
    expect(names).toEqual(
      expect.arrayContaining(['castinguserselect', 'castinginterrupt', 'player.startCasting']),
    );
    const fresh = createHarness({ enableCasting: true });
    await replayTrace(read.trace, fresh.client, { advance: (ms) => fresh.scheduler.advance(ms) });
    expect(fresh.argsOf('casting').map(([e]) => e.kind)).toEqual([
      'device-selected',
      'interrupted',
    ]);
    expect(describePlan(planReplay({ trace: read.trace, speed: 0 }))).toContain(
      '2 bgm/fullscreen/picture-in-picture/casting events',
    );
  });
});

describe('pictureInPicturePosition', () => {
  it("is '' or a side and a top from 0 to 100 %, written as WeChat takes it", () => {
    expect(checkPictureInPicturePosition('')).toBe('');
    expect(checkPictureInPicturePosition('right,20')).toBe('right,20');
    expect(checkPictureInPicturePosition(' left , 07.50 ')).toBe('left,7.5');
    for (const bad of ['top,20', 'left,101', 'left', ',20', 'left,-1', 20, null]) {
      expect(thrownCode(() => checkPictureInPicturePosition(bad))).toBe(
        TrtcErrorCode.InvalidParameter,
      );
    }
    expect(thrownCode(() => new RoomClient({ pictureInPicturePosition: 'up,1' as 'left,1' }))).toBe(
      TrtcErrorCode.InvalidParameter,
    );
  });

  it('goes with the mode onto the player that offers the window, and nowhere without one', () => {
    const h = withBob({ pictureInPicture: 'pop', pictureInPicturePosition: 'left,30' });
    expect(h.client.getPlayers()[0]).toMatchObject({
      pictureInPictureMode: 'pop',
      pictureInPictureInitPosition: 'left,30',
    });
    const none = withBob({ pictureInPicturePosition: 'left,30' });
    expect(none.client.getPlayers()[0]).not.toHaveProperty('pictureInPictureInitPosition');
  });
});

describe("the pusher's pictureInPictureMode", () => {
  it('is a pusher setting, checked, and rendered as WeChat takes it', () => {
    const h = createHarness();
    h.join();
    expect(pusherNodeAttributes(h.client.getPusherAttributes())).not.toHaveProperty(
      'pictureInPictureMode',
    );
    const set = h.client.setPusherAttributes({ pictureInPictureMode: 'push pop' });
    expect(set.pictureInPictureMode).toBe('push pop');
    expect(pusherNodeAttributes(set).pictureInPictureMode).toEqual(['push', 'pop']);
    expect(
      pusherNodeAttributes(h.client.setPusherAttributes({ pictureInPictureMode: 'pop' }))
        .pictureInPictureMode,
    ).toBe('pop');
    expect(
      thrownCode(() => h.client.setPusherAttributes({ pictureInPictureMode: 'float' as 'pop' })),
    ).toBe(TrtcErrorCode.InvalidParameter);
  });
});
