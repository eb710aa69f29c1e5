/**
 * @jest-environment jsdom
 */
// Every failure a page can cause reaches it as an event: a bad property at attach or when it
// changes (once per bad value), and a failed auto-enter, with a message naming the value the page
// passed.
import { TrtcErrorCode } from '../src/core/errors';
import { cleanupComponents, mountRoom, settle, useComponentClock } from './fakes/component-harness';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

type ErrorDetail = { readonly code: string; readonly message: string };

const errors = (room: ReturnType<typeof mountRoom>) =>
  (room.eventsNamed('error') as ErrorDetail[]).map(({ code, message }) => ({ code, message }));

describe('auto-enter', () => {
  it.each([
    ['user-id', { userId: 'has space' }, TrtcErrorCode.InvalidUserId, /userId.*"has space"/],
    ['room-id', { roomId: 'abc' }, TrtcErrorCode.InvalidRoomId, /"abc"/],
    ['sdk-app-id', { sdkAppId: 'x1' }, TrtcErrorCode.InvalidSdkAppId, /"x1"/],
    ['user-sig', { userSig: '' }, TrtcErrorCode.UserSigMissing, /userSig/],
  ])('with a bad %s emits `error` and stays idle', async (_, props, code, message) => {
    const room = mountRoom({ ...props, autoEnter: true });
    await settle();
    expect(errors(room)).toEqual([{ code, message: expect.stringMatching(message) }]);
    expect(room.client.getState()).toBe('idle');
    // Nothing was asked of the user for a room that cannot be entered.
    expect(room.host.calls.map((call) => call.api)).not.toContain('authorize');
  });

  it('with a role the scene does not allow', async () => {
    const room = mountRoom({ role: 'audience', scene: 'rtc', autoEnter: true });
    await settle();
    expect(errors(room)).toEqual([
      { code: TrtcErrorCode.InvalidParameter, message: expect.stringMatching(/role.*live/) },
    ]);
  });

  it('that succeeds emits no error', async () => {
    const room = mountRoom({ autoEnter: true, roomId: '4321' });
    await settle();
    expect(room.client.getState()).toBe('entering');
    expect(errors(room)).toEqual([]);
  });
});

describe('bad properties', () => {
  it.each([
    ['role', 'host'],
    ['scene', 'meeting'],
    ['resolution', '4K'],
    ['devicePosition', 'left'],
    ['beauty', 12],
    ['whiteness', 'lots'],
    ['emulator', 'http://localhost'],
    ['maxPlayers', 50],
    ['pageSize', 'ten'],
    ['template', 'mosaic'],
    ['audioRoute', 'loud'],
  ])('%s=%j is reported once at attach, naming the value', async (name, value) => {
    const room = mountRoom({ [name]: value });
    await settle();
    const reported = errors(room);
    expect(reported).toHaveLength(1);
    expect(reported[0]!.code).toBe(TrtcErrorCode.InvalidParameter);
    expect(reported[0]!.message).toContain(JSON.stringify(value));
  });

  it('a property that turns bad later is reported when it changes, once per value', async () => {
    const room = mountRoom({ scene: 'live' });
    await settle();
    room.comp.setData({ scene: 'party' });
    await settle();
    room.comp.setData({ beauty: 3 }); // another property changes; scene is still bad
    await settle();
    expect(errors(room).map((e) => e.message)).toEqual([expect.stringContaining('"party"')]);
    room.comp.setData({ scene: 'live' });
    room.comp.setData({ scene: 'party' });
    await settle();
    expect(errors(room)).toHaveLength(2);
  });

  it('numeric properties take decimal strings as their number', async () => {
    const room = mountRoom({ roomId: '4321', maxPlayers: '3', pageSize: '2', beauty: '5' });
    await settle();
    expect(errors(room)).toEqual([]);
    await room.enter();
    expect(room.client.getPusherAttributes().url).toContain('roomid=4321');
    expect(room.client.getPusherAttributes().beauty).toBe(5);
  });
});
