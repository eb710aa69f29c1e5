// The emulator signs development UserSigs (`sign` frames) for clients on its own machine only,
// with its own key, and says why when it will not.
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, RoomHub } from '../emulator/hub';
import { signForClient } from '../emulator/dev-signing';
import { startEmulator } from '../emulator/index';
import { isLoopbackAddress } from '../emulator/server';
import { requestDevUserSig } from '../src/core/emulator/dev-user-sig';
import type { ServerFrame } from '../src/core/emulator/wire';
import { TrtcErrorCode } from '../src/core/errors';
import { verifyUserSig } from '../src/usersig';
import { isHello, openClient } from './fakes/emulator-client';
import { FakeSocketNet } from './fakes/fake-socket';
import { ManualScheduler, promiseTurns } from './fakes/manual-scheduler';

const URL = 'ws://127.0.0.1:8787/room';

const NOW = 1_700_000_000_000;

describe('signForClient', () => {
  it('signs for a local client with the key, for the development SDKAppID by default', () => {
    const answer = signForClient(
      { userId: 'alice', sdkAppId: null },
      { local: true, secretKey: DEV_SECRET_KEY, now: NOW },
    );
    expect(answer).toMatchObject({ type: 'signed', userId: 'alice', sdkAppId: DEV_SDK_APP_ID });
    const userSig = (answer as { userSig: string }).userSig;
    const check = verifyUserSig(userSig, {
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: DEV_SECRET_KEY,
      userId: 'alice',
      now: NOW,
    });
    expect(check.ok).toBe(true);
  });

  it('refuses a client on another machine', () => {
    expect(
      signForClient(
        { userId: 'alice', sdkAppId: 1400000000 },
        { local: false, secretKey: DEV_SECRET_KEY, now: NOW },
      ),
    ).toMatchObject({ type: 'error', code: 'NOT_ALLOWED' });
  });

  it('refuses a user id TRTC would refuse, saying why', () => {
    expect(
      signForClient(
        { userId: '', sdkAppId: null },
        { local: true, secretKey: DEV_SECRET_KEY, now: NOW },
      ),
    ).toMatchObject({ type: 'error', code: 'BAD_FRAME', message: expect.stringMatching(/userId/) });
  });
});

test.each([
  ['127.0.0.1', true],
  ['127.8.9.10', true],
  ['::1', true],
  ['::ffff:127.0.0.1', true],
  ['192.168.1.5', false],
  ['::ffff:10.0.0.2', false],
  ['fe80::1', false],
  [undefined, false],
])('isLoopbackAddress(%j) is %s', (address, expected) => {
  expect(isLoopbackAddress(address)).toBe(expected);
});

test('a hub connection counts as remote unless it says it is local', () => {
  const hub = new RoomHub();
  const answers: ServerFrame[] = [];
  const sink = { send: (frame: ServerFrame) => void answers.push(frame), close: () => undefined };
  const frame = JSON.stringify({ type: 'sign', userId: 'u', sdkAppId: null });
  hub.connect(sink)?.receive(frame);
  hub.connect(sink, { local: true })?.receive(frame);
  expect(answers.filter((a) => a.type !== 'hello').map((a) => a.type)).toEqual(['error', 'signed']);
});

test('over the WebSocket server, a client on this machine gets a UserSig', async () => {
  const emulator = await startEmulator({ port: 0 });
  try {
    const client = await openClient(emulator.wsUrl);
    await client.next(isHello);
    client.send({ type: 'sign', userId: 'dev', sdkAppId: null });
    const answer = await client.next((frame) => frame.type !== 'hello');
    expect(answer).toMatchObject({ type: 'signed', userId: 'dev', sdkAppId: DEV_SDK_APP_ID });
    await client.close();
  } finally {
    await emulator.stop();
  }
});

describe('requestDevUserSig (the room side)', () => {
  it.each([
    ['silent', /no answer within 5000 ms/],
    ['refuse', /the connection (closed|failed)/],
    ['throw', /could not be reached/],
  ] as const)('rejects with USER_SIG_MISSING when the emulator is %s', async (mode, why) => {
    const scheduler = new ManualScheduler();
    const net = new FakeSocketNet(mode);
    const asked = requestDevUserSig(
      net.connect,
      URL,
      { userId: 'u', sdkAppId: null },
      5000,
      scheduler,
    );
    asked.catch(() => undefined);
    await promiseTurns();
    scheduler.advance(5000);
    await expect(asked).rejects.toMatchObject({
      code: TrtcErrorCode.UserSigMissing,
      message: expect.stringMatching(why),
    });
    expect(net.live()).toEqual([]);
  });
});
