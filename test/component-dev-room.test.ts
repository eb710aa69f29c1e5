/**
 * @jest-environment jsdom
 */
// Zero-config development rooms: in WeChat DevTools with a room emulator, a <trtc-room> given no
// user-sig (and no sdk-app-id) has the emulator sign one, so the app holds no key; the emulator
// signs only for its own machine, and a room on the native engine never asks. What the emulator
// says about a rejected UserSig reaches the page's `failed` event.
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, RoomHub } from '../emulator/hub';
import { TrtcErrorCode } from '../src/core/errors';
import { parsePusherUrl } from '../src/core/url';
import { genTestUserSig, verifyUserSig } from '../src/usersig';
import type { RoomHarness } from './fakes/component-harness';
import { cleanupComponents, mountRoom, settle, useComponentClock } from './fakes/component-harness';
import { hubConnectSocket } from './fakes/demo-hub-socket';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

const NO_KEYS = { sdkAppId: 0, userSig: '' };

function devToolsRoom(hub: RoomHub, props: Record<string, unknown>, local = true) {
  const sockets = hubConnectSocket(hub, { local });
  const room = mountRoom(props, {
    hostOptions: { platform: 'devtools', connectSocket: sockets.connectSocket },
  });
  return { room, sockets };
}

async function tryEnter(room: RoomHarness): Promise<unknown> {
  const entered = room.methods.enter();
  entered.catch(() => undefined);
  await settle();
  return entered.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('a DevTools room with no UserSig', () => {
  it('enters with one the emulator signed, for its development SDKAppID', async () => {
    const hub = new RoomHub();
    const { room } = devToolsRoom(hub, { ...NO_KEYS, userId: 'dev_user' });
    expect(await tryEnter(room)).toBeNull();
    expect(room.client.getState()).toBe('joined');
    const url = parsePusherUrl(room.client.getPusherAttributes().url);
    expect(url.sdkAppId).toBe(DEV_SDK_APP_ID);
    const check = verifyUserSig(url.userSig, {
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: DEV_SECRET_KEY,
      userId: 'dev_user',
    });
    expect(check.ok).toBe(true);
    expect(room.eventsNamed('error')).toEqual([]);
    expect(hub.log().some((entry) => entry.kind === 'sign')).toBe(true);
  });

  it('keeps the SDKAppID the page gave', async () => {
    const hub = new RoomHub();
    const { room } = devToolsRoom(hub, { sdkAppId: 1400123456, userSig: '' });
    expect(await tryEnter(room)).toBeNull();
    expect(parsePusherUrl(room.client.getPusherAttributes().url).sdkAppId).toBe(1400123456);
  });

  it('is refused, saying why, when the emulator is on another machine', async () => {
    const hub = new RoomHub();
    const { room } = devToolsRoom(hub, NO_KEYS, false);
    const error = await tryEnter(room);
    expect(error).toMatchObject({ code: TrtcErrorCode.UserSigMissing });
    const [reported] = room.eventsNamed('error') as { code: string; message: string }[];
    expect(reported?.code).toBe(TrtcErrorCode.UserSigMissing);
    expect(reported?.message).toMatch(/only for clients on its own machine/);
    expect(room.client.getState()).toBe('idle');
  });
});

describe('a room on the native engine', () => {
  it('never asks an emulator for a UserSig: no user-sig is an error at once', async () => {
    const sockets: string[] = [];
    const room = mountRoom(NO_KEYS, {
      hostOptions: {
        platform: 'ios',
        connectSocket: (options) => {
          sockets.push(options.url);
          throw new Error('no socket on a phone in this test');
        },
      },
    });
    const error = await tryEnter(room);
    expect(error).toMatchObject({ code: TrtcErrorCode.InvalidSdkAppId });
    room.comp.setData({ sdkAppId: 1400000001 });
    expect(await tryEnter(room)).toMatchObject({ code: TrtcErrorCode.UserSigMissing });
    expect(sockets).toEqual([]);
    expect(room.host.calls.map((call) => call.api)).not.toContain('connectSocket');
    expect((room.eventsNamed('error') as { code: string }[]).map((e) => e.code)).toEqual([
      TrtcErrorCode.InvalidSdkAppId,
      TrtcErrorCode.UserSigMissing,
    ]);
  });
});

describe('what the emulator says reaches `failed`', () => {
  it('a UserSig signed with another key: the emulator says bad-signature', async () => {
    const hub = new RoomHub();
    const userSig = genTestUserSig({
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: 'some-other-applications-secret-key',
      userId: 'me',
    });
    const { room } = devToolsRoom(hub, { sdkAppId: DEV_SDK_APP_ID, userSig });
    await tryEnter(room);
    const [failed] = room.eventsNamed('failed') as {
      reason: { kind: string; message: string | null };
      message: string;
    }[];
    expect(failed?.reason).toMatchObject({ kind: 'user-sig-invalid' });
    expect(failed?.reason.message).toMatch(/bad-signature/);
    expect(failed?.message).toMatch(
      /^TRTC rejected the UserSig \(code -100018\): ".*bad-signature/,
    );
  });
});
