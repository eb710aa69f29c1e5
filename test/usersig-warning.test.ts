import type * as Usersig from '../src/usersig';
import type * as LogCapture from './fakes/log-capture';
import { SECRET_KEY } from './fakes/usersig-arbitraries';

// The warning is logged once per app run: each test loads the library afresh (and the log capture
// with it, so both share one logger), as a new app run would.
function freshRun(): typeof Usersig & typeof LogCapture {
  let loaded: (typeof Usersig & typeof LogCapture) | undefined;
  jest.isolateModules(() => {
    loaded = {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      ...(require('../src/usersig') as typeof Usersig),
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      ...(require('./fakes/log-capture') as typeof LogCapture),
    };
  });
  return loaded!;
}

const OPTIONS = { sdkAppId: 1400000000, secretKey: SECRET_KEY, userId: 'u1' };
const host = globalThis as { wx?: unknown; qq?: unknown };

afterEach(() => {
  delete host.wx;
  delete host.qq;
});

describe('the client-signing warning', () => {
  it.each(['wx', 'qq'] as const)('logs once inside a mini-program (%s)', (name) => {
    const { genTestUserSig, genPrivateMapKey, captureLogs } = freshRun();
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
    const { genTestUserSig, genPrivateMapKey, captureLogs } = freshRun();
    const logs = captureLogs('debug');
    genTestUserSig(OPTIONS);
    genPrivateMapKey({ ...OPTIONS, strRoomId: 'r', privileges: ['enter-room'] });
    expect(logs).toHaveLength(0);
  });

  it('does not warn for a call that fails validation', () => {
    const { genTestUserSig, captureLogs } = freshRun();
    host.wx = {};
    const logs = captureLogs('debug');
    expect(() => genTestUserSig({ ...OPTIONS, userId: '' })).toThrow();
    expect(logs).toHaveLength(0);
  });
});
