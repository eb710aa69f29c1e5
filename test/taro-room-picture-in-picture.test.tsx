// trtc-room/taro: picture-in-picture (issue 21): the `pictureInPicture` option on the first
// <LivePlayer> showing video, the native enter/leave events as onPictureInPictureChange, and the
// handle's exitPictureInPicture() / requestBackgroundPlayback() / exitBackgroundPlayback().
// Rendered on the fake Taro of test/fakes/taro.
import { TrtcErrorCode } from '../src/core/errors';
import { TrtcPlayer, TrtcPusher } from '../src/taro';
import { mountRoom, settle, useTaroRoomHarness } from './fakes/taro/room-harness';

useTaroRoomHarness();

describe('pictureInPicture', () => {
  test('reaches the first <LivePlayer> showing video; the others get none', async () => {
    const room = await mountRoom({ template: 'grid', pictureInPicture: 'push' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.join('carol', { camera: true, mic: true });
    expect(room.player('bob_main').props['pictureInPictureMode']).toBe('push');
    expect(room.player('carol_main').props['pictureInPictureMode']).toBe('');
  });

  test("'push pop' is Taro's array, a copy", async () => {
    const room = await mountRoom({ template: 'grid', pictureInPicture: 'push pop' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    expect(room.player('bob_main').props['pictureInPictureMode']).toEqual(['push', 'pop']);
  });

  test("<TrtcPlayer pictureInPictureMode> is the app's where the room offers none", async () => {
    const children = (
      <>
        <TrtcPusher />
        <TrtcPlayer playerId="bob_main" pictureInPictureMode="pop" />
        <TrtcPlayer playerId="carol_main" pictureInPictureMode={['pop']} />
      </>
    );
    const room = await mountRoom(
      { template: 'custom', roomKey: 'pip', pictureInPicture: 'push' },
      { children },
    );
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.join('carol', { camera: true, mic: true });
    expect(room.player('bob_main').props['pictureInPictureMode']).toBe('push');
    expect(room.player('carol_main').props['pictureInPictureMode']).toEqual(['pop']);
  });

  test('a bad value reaches onError as INVALID_PARAMETER', async () => {
    const room = await mountRoom({ pictureInPicture: 'float' as 'push' });
    await settle();
    expect(room.named('error')).toEqual([
      expect.objectContaining({
        code: TrtcErrorCode.InvalidParameter,
        message: expect.stringContaining('pictureInPicture'),
      }),
    ]);
  });

  test('the native events reach onPictureInPictureChange', async () => {
    const room = await mountRoom({ template: 'grid', pictureInPicture: 'push' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.firePlayer('bob_main', 'onEnterPictureInPicture', {});
    expect(room.room.client.getPictureInPicture()).toBe('bob_main');
    await room.firePlayer('bob_main', 'onLeavePictureInPicture', {});
    await room.firePusher('onEnterPictureInPicture', {});
    expect(room.named('pictureinpicturechange')).toEqual([
      { active: true, source: 'player', playerId: 'bob_main' },
      { active: false, source: 'player', playerId: 'bob_main' },
      { active: true, source: 'pusher', playerId: null },
    ]);
  });

  test('the handle calls the page-scoped contexts', async () => {
    const room = await mountRoom({ template: 'grid', pictureInPicture: 'push' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.firePlayer('bob_main', 'onEnterPictureInPicture', {});
    room.host.contextCalls.length = 0;
    await room.run(() => room.room.exitPictureInPicture());
    await room.run(() => room.room.requestBackgroundPlayback('bob_main'));
    await room.run(() => room.room.exitBackgroundPlayback('bob_main'));
    expect(room.host.contextCalls.map((c) => `${c.target}.${c.method}`)).toEqual([
      'bob_main.exitPictureInPicture',
      'bob_main.requestBackgroundPlayback',
      'bob_main.exitBackgroundPlayback',
    ]);
  });
});
