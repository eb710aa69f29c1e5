// trtc-room/taro: bad input, render economy, Taro targets and options. Rendered with react-test-
// renderer on the fake Taro of test/fakes/taro, with the harness of test/fakes/taro/room-
// harness.tsx.
import { act } from 'react-test-renderer';
import { TrtcErrorCode, isTrtcError } from '../src/core/errors';
import { registrySize } from './fakes/registry-size';
import { TrtcRoom } from '../src/taro';
import { MALFORMED_MESSAGES } from './fakes/conformance-traces';
import {
  audioVolume,
  netStatus,
  pusherState,
  usersJoined,
  videoChanged,
} from './fakes/native-events';
import type { ProbeRecord, RecordedEvent } from './fakes/taro/room-harness';
import {
  App,
  Probe,
  ROOM,
  advance,
  badgeNames,
  installHost,
  isA,
  mountRoom,
  pagerOf,
  recorder,
  render,
  renderError,
  settle,
  useTaroRoomHarness,
} from './fakes/taro/room-harness';

useTaroRoomHarness();

// ---- 7. bad input -------------------------------------------------------------------------------

describe('bad input', () => {
  test('native events with broken details throw nothing and change nothing', async () => {
    const room = await mountRoom({ template: 'grid' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    room.clear();
    const details: unknown[] = [
      'garbage',
      null,
      undefined,
      42,
      [],
      { code: 'x' },
      { code: 1031 },
      ...MALFORMED_MESSAGES.map((message) => ({ code: 1031, message })),
      ...MALFORMED_MESSAGES.map((message) => ({ code: 1033, message })),
      { code: 1032, message: '{"userlist":[{"userid":' },
    ];
    const pusher = room.pusher().props as Record<string, (event: unknown) => void>;
    const player = room.player('bob_main').props as Record<string, (event: unknown) => void>;
    act(() => {
      for (const detail of details) {
        for (const handler of ['onStateChange', 'onNetStatus', 'onError', 'onAudioVolumeNotify']) {
          pusher[handler]!({ detail });
          pusher[handler]!({});
        }
        for (const handler of ['onStateChange', 'onNetStatus', 'onAudioVolumeNotify']) {
          player[handler]!({ detail });
        }
        player['onFullScreenChange']!({ detail });
        pusher['onBgmProgress']!({ detail });
      }
    });
    await settle();
    expect(room.room.remoteUsers).toEqual([{ userId: 'bob', joinSeq: 1 }]);
    expect(room.playerIds()).toEqual(['bob_main']);
    expect(room.room.state).toBe('joined');
    // At most native errors with unknown codes are reported; never a remote user change.
    expect(room.types().filter((type) => type.startsWith('remote'))).toEqual([]);
  });

  test('an invalid template at runtime: onError INVALID_PARAMETER once, the last valid template stays', async () => {
    const room = await mountRoom({ template: 'grid', pageSize: 2 });
    await room.enter();
    await room.join('a1', { camera: true, mic: true });
    await room.join('a2', { camera: true, mic: true });
    expect(pagerOf(room)).toEqual({ shown: true, dots: 2, current: 0 });
    room.clear();
    const renders = room.commits;

    await room.update({ template: 'mosaic' as never });
    expect(room.events).toEqual([
      {
        type: 'error',
        detail: {
          code: 'INVALID_PARAMETER',
          message: expect.stringContaining('template'),
          nativeCode: null,
          playerId: null,
        },
      },
    ]);
    // Still the grid: its pages and pager, the same tiles; only the page's own render committed.
    expect(pagerOf(room)).toEqual({ shown: true, dots: 2, current: 0 });
    expect(badgeNames(room)).toEqual(['me (me)', 'a1']);
    expect(room.commits - renders).toBe(1);

    // Another render with the same bad value reports nothing more; a valid one applies.
    await room.update({ pageSize: 2 });
    expect(room.named('error')).toHaveLength(1);
    await room.update({ template: '1v1' });
    expect(pagerOf(room).shown).toBe(false);
    expect(room.named('error')).toHaveLength(1);
  });
});

// ---- 8. setData economy -------------------------------------------------------------------------

describe('render economy', () => {
  test('netstatus and volume ticks that change nothing shown re-render nothing', async () => {
    const room = await mountRoom({ template: 'grid' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.join('carol', { camera: true, mic: true });
    let volume = 7;
    const tick = async (quality: (user: string) => number): Promise<void> => {
      volume = (volume * 31 + 17) % 100;
      const pusher = room.pusher().props as Record<string, (event: unknown) => void>;
      act(() => {
        pusher['onNetStatus']!({ detail: netStatus({ netQualityLevel: quality('me') }) });
        // The local user silent (below the speaking threshold), the others talking.
        pusher['onAudioVolumeNotify']!({ detail: audioVolume(volume % 10) });
        for (const node of room.players()) {
          const id = String(node.props['id']);
          const props = node.props as Record<string, (event: unknown) => void>;
          const level = quality(id.slice(0, id.indexOf('_')));
          props['onNetStatus']!({
            detail: netStatus({ netQualityLevel: level, videoBitrate: volume }),
          });
          props['onAudioVolumeNotify']!({ detail: audioVolume(20 + (volume % 80)) });
        }
      });
      await advance(500);
    };
    // The first tick shows the qualities (unknown → good) and who speaks.
    await tick(() => 2);
    const commits = room.commits;
    const pageRenders = room.renders;
    room.clear();

    for (let at = 0; at < 20; at += 1) await tick(() => 2);
    expect(room.commits - commits).toBe(0);
    expect(room.renders - pageRenders).toBe(0);
    expect(room.named('networkquality')).toEqual([]);

    // A quality the badges show changes: exactly one render of it.
    await tick((user) => (user === 'bob' ? 5 : 2));
    expect(room.commits - commits).toBe(1);
    expect(room.named('networkquality')).toHaveLength(1);
    await tick((user) => (user === 'bob' ? 5 : 2));
    expect(room.commits - commits).toBe(1);
  });
});

// ---- 9. targets ---------------------------------------------------------------------------------

describe('Taro targets', () => {
  test('h5: useTrtcRoom throws UNSUPPORTED, naming h5 and the Web SDK', async () => {
    installHost();
    process.env['TARO_ENV'] = 'h5';
    const error = await renderError(<App options={ROOM} onHandle={() => undefined} />);
    expect(isTrtcError(error, TrtcErrorCode.Unsupported)).toBe(true);
    expect((error as Error).message).toContain('"h5" build');
    expect((error as Error).message).toContain('Web SDK');
    expect(registrySize()).toEqual({ rooms: 0, watchers: 0 });
  });

  test('other targets without live-pusher are refused too; weapp and qq render', async () => {
    installHost();
    process.env['TARO_ENV'] = 'alipay';
    const error = await renderError(<App options={ROOM} onHandle={() => undefined} />);
    expect(isTrtcError(error, TrtcErrorCode.Unsupported)).toBe(true);
    expect((error as Error).message).toContain('"alipay"');

    for (const target of ['weapp', 'qq']) {
      process.env['TARO_ENV'] = target;
      const room = await mountRoom({ template: 'grid' });
      await room.enter();
      expect(room.pushers()).toHaveLength(1);
      room.renderer.unmount();
    }
  });
});

// ---- 10. a self-owned room ----------------------------------------------------------------------

describe('<TrtcRoom> with options', () => {
  test('sdkAppId ... autoEnter: enters by itself and renders; unmounting tears it down', async () => {
    const host = installHost();
    host.authSetting = {};
    const events: RecordedEvent[] = [];
    const log: ProbeRecord[] = [];
    const renderer = await render(
      <TrtcRoom {...ROOM} template="grid" autoEnter {...recorder(events)}>
        <Probe log={log} />
      </TrtcRoom>,
    );
    expect(host.calls.filter((call) => call.api === 'authorize')).toHaveLength(2);
    const [pusher] = renderer.root.findAll(isA('live-pusher'));
    expect(pusher!.props).toMatchObject({ url: expect.stringContaining('roomid=4321') });
    act(() =>
      (pusher!.props['onStateChange'] as (event: unknown) => void)({
        detail: pusherState(1018, 'ok'),
      }),
    );
    await settle();
    expect(events.map((event) => event.type)).toEqual([
      'roomstatechange',
      'roomstatechange',
      'enter',
    ]);
    expect(log[log.length - 1]).toMatchObject({ state: 'joined' });

    act(() =>
      (pusher!.props['onStateChange'] as (event: unknown) => void)({ detail: usersJoined('bob') }),
    );
    act(() =>
      (pusher!.props['onStateChange'] as (event: unknown) => void)({
        detail: videoChanged('bob', 'main', true),
      }),
    );
    await settle();
    expect(renderer.root.findAll(isA('live-player')).map((n) => n.props['id'])).toEqual([
      'bob_main',
    ]);
    expect(log[log.length - 1]).toMatchObject({ streams: ['bob_main'] });

    renderer.unmount();
    await settle();
    expect(registrySize()).toEqual({ rooms: 0, watchers: 0 });
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('options', () => {
  test('an invalid initial template is reported once, as <trtc-room> does', async () => {
    const room = await mountRoom({ template: 'mosaic' as never });
    expect(room.named('error')).toEqual([
      expect.objectContaining({ code: 'INVALID_PARAMETER', nativeCode: null, playerId: null }),
    ]);
  });

  test('the latest callbacks are called, and an invalid template is drawn as 1v1', async () => {
    const room = await mountRoom({ template: 'mosaic' as never });
    expect(room.named('error').length).toBeGreaterThan(0);
    const entered: unknown[] = [];
    await room.update({ onEnter: (event) => entered.push(event) });
    room.clear();
    await room.enter();
    expect(entered).toEqual([{ type: 'enter', detail: { userId: 'me' } }]);
    expect(room.named('enter')).toEqual([]);
    // 1v1 alone: the local preview fills the room, one overlay.
    expect(badgeNames(room)).toEqual(['me (me)']);
    expect(room.named('error')).toEqual([]);
  });

  test('an invalid initial audioRoute is reported once', async () => {
    const room = await mountRoom({ audioRoute: 'bluetooth' as never });
    expect(room.named('error')).toEqual([
      expect.objectContaining({
        code: 'INVALID_PARAMETER',
        message: expect.stringContaining('audioRoute'),
      }),
    ]);
  });
});
