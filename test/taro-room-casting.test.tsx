// trtc-room/taro: casting (enableCasting on the room and on <TrtcPlayer>, the handle's four
// commands, onPlayerCasting), where the floating window appears, and the pusher's own floating
// window (issue 21). Rendered on the fake Taro of test/fakes/taro.
import { TrtcErrorCode } from '../src/core/errors';
import { TrtcPlayer, TrtcPusher } from '../src/taro';
import type { TrtcRoomOptions } from '../src/taro';
import { installHost, mountRoom, settle, useTaroRoomHarness } from './fakes/taro/room-harness';

useTaroRoomHarness();

async function withBob(options: TrtcRoomOptions) {
  const room = await mountRoom({ template: 'grid', ...options });
  await room.enter();
  await room.join('bob', { camera: true, mic: true });
  return room;
}

describe('enableCasting', () => {
  test('off by default; the room option reaches every <LivePlayer>', async () => {
    expect((await withBob({})).player('bob_main').props['enableCasting']).toBe(false);
    const room = await withBob({ enableCasting: true });
    expect(room.player('bob_main').props['enableCasting']).toBe(true);
  });

  test('<TrtcPlayer enableCasting> for one player', async () => {
    const children = (
      <>
        <TrtcPusher />
        <TrtcPlayer playerId="bob_main" enableCasting />
        <TrtcPlayer playerId="carol_main" />
      </>
    );
    const room = await mountRoom({ template: 'custom', roomKey: 'cast' }, { children });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.join('carol', { camera: true, mic: true });
    expect(['bob_main', 'carol_main'].map((id) => room.player(id).props['enableCasting'])).toEqual([
      true,
      false,
    ]);
  });

  test('the handle calls the LivePlayerContext at once; the events reach onPlayerCasting', async () => {
    const room = await withBob({ enableCasting: true });
    room.host.contextCalls.length = 0;
    const started = room.room.startCasting('bob_main');
    expect(room.host.contextCalls.map((c) => [c.target, c.method])).toEqual([
      ['bob_main', 'startCasting'],
    ]);
    await room.run(() => started);
    await room.run(() => room.room.exitCasting('bob_main'));
    const props = room.player('bob_main').props as Record<string, (e: unknown) => void>;
    props['onCastingUserSelect']?.({ detail: { state: 'success' } });
    props['onCastingStateChange']?.({ detail: { type: 'dlna', state: 'success' } });
    props['onCastingInterrupt']?.({ detail: {} });
    await settle();
    expect(room.named('playercasting')).toEqual([
      { playerId: 'bob_main', kind: 'device-selected', ok: true, type: null },
      { playerId: 'bob_main', kind: 'state-changed', ok: true, type: 'dlna' },
      { playerId: 'bob_main', kind: 'interrupted', ok: null, type: null },
    ]);
  });

  test("WeChat's refusal of a player without casting names the option", async () => {
    const room = await withBob({});
    room.host.failNext('startCasting', { errMsg: 'startCasting:fail not supported' });
    await expect(room.run(() => room.room.startCasting('bob_main'))).rejects.toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
      message: expect.stringContaining('bob_main has no enableCasting: turn it on'),
    });
  });
});

describe('the floating window', () => {
  test('pictureInPicturePosition goes with the mode to <LivePlayer> (base library 3.3.0)', async () => {
    const options: TrtcRoomOptions = {
      pictureInPicture: 'push',
      pictureInPicturePosition: 'left,40',
    };
    const position = async (sdkVersion: string) => {
      const room = await mountRoom(
        { template: 'grid', ...options },
        { host: installHost({ sdkVersion }) },
      );
      await room.enter();
      await room.join('bob', { camera: true, mic: true });
      const { pictureInPictureMode, pictureInPictureInitPosition } = room.player('bob_main').props;
      room.renderer.unmount();
      return [pictureInPictureMode, pictureInPictureInitPosition];
    };
    expect(await position('3.3.0')).toEqual(['push', 'left,40']);
    expect(await position('3.2.9')).toEqual(['push', '']);
  });

  test('a bad position reaches onError as INVALID_PARAMETER', async () => {
    const room = await mountRoom({ pictureInPicturePosition: 'up,3' as 'left,3' });
    await settle();
    expect(room.named('error')).toEqual([
      expect.objectContaining({
        code: TrtcErrorCode.InvalidParameter,
        message: expect.stringContaining('up,3'),
      }),
    ]);
  });

  test("pusherPictureInPicture reaches <LivePusher>, ['push', 'pop'] for both", async () => {
    const room = await withBob({ pusherPictureInPicture: 'push pop' });
    expect(room.pusher().props['pictureInPictureMode']).toEqual(['push', 'pop']);
    expect((await withBob({})).pusher().props['pictureInPictureMode']).toBe('');
  });

  test("the pusher's window events reach onPictureInPictureChange", async () => {
    const room = await withBob({ pusherPictureInPicture: 'push' });
    const props = room.pusher().props as Record<string, () => void>;
    props['onEnterPictureInPicture']?.();
    await settle();
    expect(room.named('pictureinpicturechange')).toEqual([
      { active: true, source: 'pusher', playerId: null },
    ]);
  });
});
