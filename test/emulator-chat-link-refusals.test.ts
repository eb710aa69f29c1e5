import { emulatorSignaling } from '../src/core/emulator/client';
import type { EmulatorSocket } from '../src/core/emulator/socket';

// emulatorSignaling when the relay refuses a frame it could not read well enough to name the
// request (no requestId): the oldest request waiting fails with what the relay said, rather than
// waiting for ever. A scripted socket plays the relay.
function scriptedRelay(answer: (frame: { type: string }) => unknown[]) {
  const handlers: { message?: (data: unknown) => void; open?: () => void } = {};
  const socket: EmulatorSocket = {
    send: (text) => {
      for (const reply of answer(JSON.parse(text) as { type: string })) {
        queueMicrotask(() => handlers.message?.(JSON.stringify(reply)));
      }
    },
    close: () => {},
    onOpen: (listener) => (handlers.open = listener),
    onMessage: (listener) => (handlers.message = listener),
    onClose: () => {},
    onError: () => {},
  };
  return {
    connect: () => {
      queueMicrotask(() => {
        handlers.open?.();
        handlers.message?.(JSON.stringify({ type: 'hello', version: 1, emulator: 'test' }));
      });
      return socket;
    },
  };
}

test('a FRAME_TOO_LARGE without a requestId fails the oldest request with the relay’s reason', async () => {
  const relay = scriptedRelay((frame) =>
    frame.type === 'login'
      ? [{ type: 'logged-in', userId: 'alice', sdkAppId: 1400000001 }]
      : [{ type: 'error', code: 'FRAME_TOO_LARGE', message: 'frames are at most 65536 bytes' }],
  );
  const signaling = emulatorSignaling({
    url: 'ws://127.0.0.1:1/chat',
    userId: 'alice',
    userSig: 'sig',
    connect: relay.connect,
  });
  await signaling.ready();
  await expect(
    signaling.invite({
      invitees: ['bob'],
      groupId: null,
      data: '{}',
      timeoutS: 30,
      pushExtension: null,
    }),
  ).rejects.toThrow(
    /Chat invite failed \(the relay refused it: FRAME_TOO_LARGE: frames are at most/,
  );
  signaling.close();
});

test('a message over the relay’s limit in UTF-8 bytes fails before it is sent', async () => {
  const sent: string[] = [];
  const relay = scriptedRelay((frame) => {
    sent.push(frame.type);
    return frame.type === 'login'
      ? [{ type: 'logged-in', userId: 'alice', sdkAppId: 1400000001 }]
      : [];
  });
  const signaling = emulatorSignaling({
    url: 'ws://127.0.0.1:1/chat',
    userId: 'alice',
    userSig: 'sig',
    connect: relay.connect,
  });
  await signaling.ready();
  // 30,000 characters of three UTF-8 bytes each: under 64 KB in UTF-16 units, over it in bytes.
  const data = '中'.repeat(30_000);
  await expect(
    signaling.invite({ invitees: ['bob'], groupId: null, data, timeoutS: 30, pushExtension: null }),
  ).rejects.toThrow(/bytes; the relay takes at most 65536/);
  expect(sent).toEqual(['login']);
  signaling.close();
});
