// trtc-room/taro: the hooks. Rendered with react-test-renderer on the fake Taro of test/fakes/taro,
// with the harness of test/fakes/taro/room-harness.tsx.
import { act } from 'react-test-renderer';
import { TrtcErrorCode, isTrtcError } from '../src/core/errors';
import { registrySize } from './fakes/registry-size';
import {
  TrtcPusher,
  useLocalMedia,
  useRemoteStreams,
  useRoomState,
  useTrtcRoom,
} from '../src/taro';
import type { LocalMedia, TrtcRoomHandle } from '../src/taro';
import { usersLeft, videoChanged } from './fakes/native-events';
import type { ProbeRecord } from './fakes/taro/room-harness';
import {
  Probe,
  ROOM,
  installHost,
  mountRoom,
  render,
  renderError,
  settle,
  textOf,
  useTaroRoomHarness,
} from './fakes/taro/room-harness';

useTaroRoomHarness();

// ---- 6. hooks -----------------------------------------------------------------------------------

describe('hooks', () => {
  test('useRemoteStreams, useRoomState and useLocalMedia inside <TrtcRoom> follow the room', async () => {
    const log: ProbeRecord[] = [];
    let media: LocalMedia | undefined;
    const room = await mountRoom(
      { template: 'grid' },
      { children: <Probe log={log} expose={(local) => (media = local)} /> },
    );
    const probeText = () =>
      textOf(room.root.find((node) => node.type === 'text' && node.parent?.type === Probe));
    // The first view flush (at mount) already carries the local state: nothing published yet.
    expect(log[log.length - 1]).toEqual({
      state: 'idle',
      streams: [],
      camera: false,
      muted: false,
      permissions: { camera: 'unknown', microphone: 'unknown' },
    });
    expect(probeText()).toBe('idle:');

    await room.enter();
    expect(probeText()).toBe('joined:');
    expect(log.map((record) => record.state)).toEqual(
      expect.arrayContaining(['idle', 'entering', 'joined']),
    );
    expect(log[log.length - 1]).toMatchObject({
      camera: true,
      muted: false,
      permissions: { camera: 'granted', microphone: 'granted' },
    });

    await room.join('bob', { camera: true, mic: true });
    await room.pusherState(videoChanged('bob', 'aux', true));
    expect(probeText()).toBe('joined:bob_main,bob_aux');

    act(() => media!.muteMicrophone(true));
    await settle();
    expect(log[log.length - 1]).toMatchObject({ muted: true });
    act(() => media!.unpublishCamera());
    await settle();
    expect(log[log.length - 1]).toMatchObject({ camera: false });
    await room.run(() => media!.publishCamera());
    expect(log[log.length - 1]).toMatchObject({ camera: true });

    await room.pusherState(usersLeft('bob'));
    expect(probeText()).toBe('joined:');
  });

  test.each([
    ['useRemoteStreams', useRemoteStreams],
    ['useRoomState', useRoomState],
    ['useLocalMedia', useLocalMedia],
  ] as const)('%s outside any room: INVALID_STATE, saying where to call it', async (_, hook) => {
    installHost();
    function Lost() {
      hook();
      return null;
    }
    const error = await renderError(<Lost />);
    expect(isTrtcError(error, TrtcErrorCode.InvalidState)).toBe(true);
    expect((error as Error).message).toMatch(/inside <TrtcRoom>.*handle useTrtcRoom returned/);
  });

  test('<TrtcPusher> with no room of its key renders nothing, and waits for one', async () => {
    installHost();
    const renderer = await render(<TrtcPusher roomKey="nobody" />);
    expect(renderer.toJSON()).toBeNull();
    expect(registrySize()).toEqual({ rooms: 0, watchers: 1 });
  });

  test('the hooks take the handle too, outside <TrtcRoom>', async () => {
    installHost();
    const states: string[] = [];
    let handle: TrtcRoomHandle | undefined;
    function Page() {
      const room = useTrtcRoom({ ...ROOM, template: 'grid' });
      handle = room;
      states.push(useRoomState(room));
      return null;
    }
    await render(<Page />);
    expect(states[states.length - 1]).toBe('idle');
    handle!.enter().catch(() => undefined);
    await settle();
    expect(states[states.length - 1]).toBe('entering');
  });
});
