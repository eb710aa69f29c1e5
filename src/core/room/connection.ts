import { createLogger } from '../logger';
import type { ConnectionChange, ConnectionState } from './room-types';

const log = createLogger('room');

const ALLOWED: Readonly<Record<ConnectionState, readonly ConnectionState[]>> = {
  idle: ['entering'],
  entering: ['joined', 'reconnecting', 'leaving', 'kicked', 'failed'],
  joined: ['reconnecting', 'leaving', 'kicked', 'failed'],
  reconnecting: ['joined', 'leaving', 'kicked', 'failed'],
  leaving: ['left'],
  left: ['entering'],
  kicked: ['entering', 'leaving'],
  failed: ['entering', 'leaving'],
};

type WithoutFrom<T> = T extends unknown ? Omit<T, 'from'> : never;
type AnyChange = WithoutFrom<ConnectionChange>;

/** The one place the connection state changes: checks the move, logs `old -> new`, emits. */
export class ConnectionMachine {
  private current_: ConnectionState = 'idle';

  constructor(private readonly onChange_: (change: ConnectionChange) => void) {}

  get state_(): ConnectionState {
    return this.current_;
  }

  is_(...states: readonly ConnectionState[]): boolean {
    return states.indexOf(this.current_) >= 0;
  }

  canMoveTo_(to: ConnectionState): boolean {
    return ALLOWED[this.current_].indexOf(to) >= 0;
  }

  /** Returns false (and logs) for a move the table forbids; the state is then unchanged. */
  set_(next: AnyChange): boolean {
    const from = this.current_;
    if (!this.canMoveTo_(next.to)) {
      log.warn(`ignored connection move ${from} -> ${next.to}`);
      return false;
    }
    this.current_ = next.to;
    const change = { ...next, from } as ConnectionChange;
    log.info(`${from} -> ${next.to}${'reason' in next ? ` (${describe(next.reason)})` : ''}`);
    this.onChange_(change);
    return true;
  }
}

function describe(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  if (reason !== null && typeof reason === 'object' && 'kind' in reason) {
    return String((reason as { kind: unknown }).kind);
  }
  return 'unknown';
}
