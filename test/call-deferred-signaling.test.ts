import { deferredSignaling } from '../src/core/call/deferred-signaling';
import type { CallSignaling, SignalingMessage } from '../src/core/call/call-ports';
import { SignalingBus } from './fakes/call-fakes';
import { ManualScheduler, flushMicrotasks } from './fakes/manual-scheduler';

// A signaling channel settled later (the emulator found by a probe): sends wait for it, listeners
// hear it once settled, a failure reaches every send, and dispose() stops listening to it even
// when it settles afterwards (a call manager destroyed while DevTools looked for the emulator).
function counting(inner: CallSignaling) {
  let subscribed = 0;
  let unsubscribed = 0;
  const port: CallSignaling = {
    ...inner,
    subscribe: (listener) => {
      subscribed += 1;
      const off = inner.subscribe(listener);
      return () => {
        unsubscribed += 1;
        off();
      };
    },
  };
  return { port, counts: () => [subscribed, unsubscribed] };
}

const message = (inviteId: string): SignalingMessage => ({
  action: 'invite',
  inviteId,
  inviter: 'alice',
  invitees: ['bob'],
  from: 'alice',
  groupId: '',
  data: '{}',
});

test('sends wait for the channel; listeners hear it once settled', async () => {
  const bus = new SignalingBus(new ManualScheduler(0));
  let settle: (signaling: CallSignaling) => void = () => {};
  const deferred = deferredSignaling(new Promise((resolve) => (settle = resolve)));
  const heard: string[] = [];
  deferred.subscribe((m) => heard.push(m.inviteId));
  const sending = deferred.invite({
    invitees: ['alice'],
    groupId: null,
    data: '{}',
    timeoutS: 30,
    pushExtension: null,
  });
  settle(bus.user('bob'));
  await expect(sending).resolves.toBe('inv-1');
  bus.inject('bob', message('x1'));
  expect(heard).toEqual(['x1']);
});

test('a channel that fails rejects every send with its reason', async () => {
  const deferred = deferredSignaling(Promise.reject(new Error('no Chat instance')));
  await expect(deferred.accept('i', '{}')).rejects.toThrow('no Chat instance');
  await expect(deferred.cancel('i', '{}')).rejects.toThrow('no Chat instance');
});

test('dispose() before or after it settles leaves nothing subscribed', async () => {
  const bus = new SignalingBus(new ManualScheduler(0));
  const early = counting(bus.user('bob'));
  const disposedFirst = deferredSignaling(Promise.resolve(early.port));
  disposedFirst.dispose();
  await flushMicrotasks();
  expect(early.counts()).toEqual([0, 0]);

  const late = counting(bus.user('carol'));
  const disposedAfter = deferredSignaling(Promise.resolve(late.port));
  await flushMicrotasks();
  disposedAfter.dispose();
  expect(late.counts()).toEqual([1, 1]);
});
