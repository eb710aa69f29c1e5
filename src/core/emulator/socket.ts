// The one platform thing the emulator transport needs: a WebSocket. The host adapter wraps
// wx.connectSocket's SocketTask; Node tests wrap `ws`. Listeners are added right after the
// factory returns, before any event can arrive.

export interface EmulatorSocket {
  /** Sends one text frame; called only after `onOpen` fired. */
  send(text: string): void;
  /** Closes the socket; no listener is called for a close the link asked for. */
  close(): void;
  onOpen(listener: () => void): void;
  /** What arrived: text, or anything else (which the link rejects as a bad frame). */
  onMessage(listener: (data: unknown) => void): void;
  /** The socket closed, after opening or instead of it. */
  onClose(listener: (reason: string) => void): void;
  onError(listener: (message: string) => void): void;
}

/** Opens a socket to `url` (`ws://host:port/room`). May throw; the link treats that as a failure. */
export type EmulatorSocketFactory = (url: string) => EmulatorSocket;

/** Runs `fn`, swallowing what it throws: socket calls must never break the client. */
export function attempt(fn: () => void): void {
  try {
    fn();
  } catch {
    // A host socket that throws on close/send is as good as closed.
  }
}
