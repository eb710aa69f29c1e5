// mobx-miniprogram-bindings on a page: the store works with the official binding helper.
import { createRoomStore } from '../src';
import { createFakeHost, installFakeHost } from './fakes/fake-host';
import { ManualScheduler } from './fakes/manual-scheduler';
import { audioChanged, pusherState, usersJoined } from './fakes/native-events';

interface FakePage {
  data: Record<string, unknown>;
  setData(patch: Record<string, unknown>): void;
}

const globals = globalThis as unknown as Record<string, unknown>;
let uninstallWx: () => void;

beforeAll(() => {
  // What the mini-program base library provides and the bindings package touches at load.
  globals.Behavior = (definition: unknown) => definition;
  uninstallWx = installFakeHost('wx', createFakeHost({ nextTick: true }));
});

afterAll(() => {
  delete globals.Behavior;
  uninstallWx();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('createStoreBindings mirrors the store into page data with one setData per tick', async () => {
  // Loaded after the globals exist, as in a mini-program.
  const { createStoreBindings } = (await import('mobx-miniprogram-bindings')) as unknown as {
    createStoreBindings(
      page: FakePage,
      options: { store: object; fields: readonly string[]; actions: readonly string[] },
    ): { updateStoreBindings(): void; destroyStoreBindings(): void };
  };
  const store = createRoomStore({ clientOptions: { scheduler: new ManualScheduler() } });
  const patches: Record<string, unknown>[] = [];
  const page: FakePage = {
    data: {},
    setData(patch) {
      patches.push(patch);
      Object.assign(this.data, patch);
    },
  };
  const bindings = createStoreBindings(page, {
    store,
    fields: ['connection', 'players', 'layout'],
    actions: ['setLayout'],
  });
  const { client } = store;
  client.enterRoom({ sdkAppId: 1400000001, userId: 'me', userSig: 'sig', roomId: 3 });
  client.handlePusherStateChange(pusherState(1018, ''));
  client.handlePusherStateChange(usersJoined('alice'));
  client.handlePusherStateChange(audioChanged('alice', true));
  await sleep(10);
  expect(page.data.connection).toBe('joined');
  expect((page.data.players as { id: string }[]).map((p) => p.id)).toEqual(['alice_main']);
  const calls = patches.length;
  expect(calls).toBeLessThanOrEqual(2);
  (page as unknown as { setLayout(kind: string): void }).setLayout('grid');
  await sleep(10);
  expect(page.data.layout).toMatchObject({ kind: 'grid' });
  bindings.destroyStoreBindings();
  client.destroy();
});
