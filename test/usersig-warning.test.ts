import { genPrivateMapKey, genTestUserSig } from '../src/usersig';
import { resetUserSigWarningForTests } from '../src/usersig/client-signing-warning';
import { captureLogs } from './fakes/log-capture';
import { SECRET_KEY } from './fakes/usersig-arbitraries';

const OPTIONS = { sdkAppId: 1400000000, secretKey: SECRET_KEY, userId: 'u1' };
const host = globalThis as { wx?: unknown; qq?: unknown };

afterEach(() => {
  delete host.wx;
  delete host.qq;
  resetUserSigWarningForTests();
});

describe('the client-signing warning', () => {
  it.each(['wx', 'qq'] as const)('logs once inside a mini-program (%s)', (name) => {
    resetUserSigWarningForTests();
    host[name] = {};
    const logs = captureLogs('debug');
    genTestUserSig(OPTIONS);
    genPrivateMapKey({ ...OPTIONS, roomId: 1, privileges: 255 });
    genTestUserSig(OPTIONS);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'warn', scope: 'usersig' });
    expect(logs[0]!.message).toMatch(/development only[\s\S]*server/);
  });

  it('stays silent outside a mini-program', () => {
    resetUserSigWarningForTests();
    const logs = captureLogs('debug');
    genTestUserSig(OPTIONS);
    genPrivateMapKey({ ...OPTIONS, strRoomId: 'r', privileges: ['enter-room'] });
    expect(logs).toHaveLength(0);
  });

  it('does not warn for a call that fails validation', () => {
    resetUserSigWarningForTests();
    host.wx = {};
    const logs = captureLogs('debug');
    expect(() => genTestUserSig({ ...OPTIONS, userId: '' })).toThrow();
    expect(logs).toHaveLength(0);
  });
});
