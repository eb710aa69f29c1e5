// wx.connectSocket / qq.connectSocket as the emulator transport's socket.
import type { EmulatorSocket, EmulatorSocketFactory } from '../core/emulator/socket';
import { createLogger } from '../core/logger';
import type { HostApi, HostSocketTask } from './host-api';

const log = createLogger('host');

/** A connection that has not opened after this long fails (error, then close) like a refused one. */
export const CONNECT_TIMEOUT_MS = 5000;

type Listener<T> = (value: T) => void;

/** The host's sockets, or undefined when it has no connectSocket. The sockets never throw. */
export function hostSocketFactory(api: HostApi): EmulatorSocketFactory | undefined {
  if (typeof api.connectSocket !== 'function') return undefined;
  return (url) => socketFor(api, url);
}

function socketFor(api: HostApi, url: string): EmulatorSocket {
  // A connection the host refuses at once (a bad URL, a domain not allowed) fails through the
  // `fail` callback, later; some hosts then return no task at all.
  const errors: Listener<string>[] = [];
  const fail = (errMsg: string): void => {
    for (const listener of errors) listener(errMsg);
  };
  let task: HostSocketTask | undefined;
  try {
    task = api.connectSocket?.({
      url,
      timeout: CONNECT_TIMEOUT_MS,
      fail: (error) => fail(error.errMsg),
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    void Promise.resolve().then(() => fail(`connectSocket threw: ${why}`));
  }
  const on = (subscribe: (task: HostSocketTask) => void): void => {
    if (task) subscribe(task);
  };
  return {
    send: (text) =>
      on((t) =>
        t.send({
          data: text,
          fail: (error) => log.debug(`emulator socket send failed: ${error.errMsg}`),
        }),
      ),
    close: () =>
      on((t) => {
        try {
          t.close({});
        } catch (error) {
          log.debug('emulator socket close threw', error);
        }
      }),
    onOpen: (listener) => on((t) => t.onOpen(() => listener())),
    onMessage: (listener) => on((t) => t.onMessage((result) => listener(result?.data))),
    onClose: (listener) => on((t) => t.onClose((result) => listener(result?.reason ?? ''))),
    onError: (listener) => {
      errors.push(listener);
      on((t) => t.onError((result) => listener(result?.errMsg ?? 'socket error')));
    },
  };
}
