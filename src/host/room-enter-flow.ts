// How <trtc-room> enters, leaves and changes what it publishes: the parameters and transport are
// settled and the devices asked for before the client enters; exit() or a detach abandons an
// entry in progress (a new generation), and enter() resolves once in the room (1018).
import { TrtcError, TrtcErrorCode, isTrtcError } from '../core/errors';
import type { RoomClient } from '../core/room/room-client';
import type { Role } from '../core/room/room-events';
import type { ConnectionChange, ConnectionState } from '../core/room/room-types';
import type { HostApi } from './host-api';
import type { PermissionFlow } from './permission-flow';
import type { Device } from './permissions';
import { prepareEntry } from './room-entry';
import type { RoomEntry } from './room-entry';
import { checkRole } from './room-properties';
import type { EnterOverrides, TrtcRoomProperties } from './room-properties';
import type { RoomTransport } from './room-transport';

/** The states enter() may start from. */
const ENTERABLE: ReadonlySet<ConnectionState> = new Set<ConnectionState>([
  'idle',
  'left',
  'kicked',
  'failed',
]);

export interface EnterFlowParts {
  readonly api: HostApi;
  readonly client: RoomClient;
  readonly transport: RoomTransport;
  readonly permissions: PermissionFlow;
  props(): Readonly<TrtcRoomProperties>;
  /** Throws INVALID_STATE once the room was destroyed. */
  assertAlive(command: string): void;
  isDestroyed(): boolean;
  /** A failure before the client entered (the page hears it as `error`). */
  reportError(error: TrtcError): void;
  /** The client is entering: the view's per-room state starts over. */
  entered(): void;
}

const devicesOf = (props: Readonly<TrtcRoomProperties>): Device[] => {
  const wanted: Device[] = [];
  if (props.camera) wanted.push('camera');
  if (props.microphone) wanted.push('microphone');
  return wanted;
};

export class EnterFlow {
  /** Bumped by exit() and destroy(): an enter() waiting for permissions sees it and stops. */
  private generation = 0;
  private entering = false;
  /** Stops the emulator probe of the enter() in progress. */
  private cancelProbe: (() => void) | undefined;
  /** Rejects the enter() waiting for 1018, when the component detaches. */
  private abandonJoin: (() => void) | undefined;

  constructor(private readonly parts: EnterFlowParts) {}

  /**
   * Asks for the devices to publish, enters, and resolves once in the room (1018). Rejects with
   * INVALID_STATE while already in (or entering) a room, or when exit()/detach comes first.
   */
  async enter(overrides: EnterOverrides = {}): Promise<void> {
    this.parts.assertAlive('enter');
    const generation = this.generation;
    try {
      await this.start(overrides, generation);
    } catch (error) {
      // What fails before the client enters reaches the page as `error`; what fails after, as
      // the client's `failed` or `kicked`. An abandoned entry (exit(), detach) is no failure.
      const abandoned = this.parts.isDestroyed() || generation !== this.generation;
      if (isTrtcError(error) && !abandoned) this.parts.reportError(error);
      throw error;
    }
    await this.untilJoined();
  }

  /** Leaves the room; an enter() still asking for permissions is abandoned. */
  exit(): Promise<void> {
    this.parts.assertAlive('exit');
    this.abandon();
    return this.parts.client.exitRoom();
  }

  /** Switches role; becoming an anchor asks for the devices the properties publish first. */
  async switchRole(role: Role): Promise<void> {
    const { client, permissions } = this.parts;
    this.parts.assertAlive('switchRole');
    if (checkRole(role) === 'audience') {
      client.switchRole('audience');
      return;
    }
    const granted = await permissions.ensure(devicesOf(this.parts.props()));
    this.parts.assertAlive('switchRole');
    client.switchRole('anchor', {
      camera: granted.indexOf('camera') >= 0,
      microphone: granted.indexOf('microphone') >= 0,
    });
  }

  async publish(device: Device): Promise<void> {
    this.parts.assertAlive('publish');
    const granted = await this.parts.permissions.ensure([device]);
    if (granted.length === 0) {
      throw new TrtcError(TrtcErrorCode.PermissionDenied, `${device} permission was refused`);
    }
    if (device === 'camera') this.parts.client.publishCamera();
    else this.parts.client.publishMicrophone();
  }

  unpublish(device: Device): void {
    this.parts.assertAlive('unpublish');
    this.parts.permissions.release(device);
    if (device === 'camera') this.parts.client.unpublishCamera();
    else this.parts.client.unpublishMicrophone();
  }

  /** The component went away: the entry in progress stops, a waiting enter() rejects. */
  destroy(): void {
    this.abandon();
    this.abandonJoin?.();
  }

  /** A new generation: the enter() in progress stops (its probe too), a new one may start. */
  private abandon(): void {
    this.generation += 1;
    this.entering = false;
    const cancel = this.cancelProbe;
    this.cancelProbe = undefined;
    cancel?.();
  }

  /** Settles the parameters, transport and permissions, and has the client enter. */
  private async start(overrides: EnterOverrides, generation: number): Promise<void> {
    const { client } = this.parts;
    if (this.entering || !ENTERABLE.has(client.getState())) {
      throw new TrtcError(
        TrtcErrorCode.InvalidState,
        `enter: already ${this.entering ? 'entering' : client.getState()}; exit() first`,
      );
    }
    const props = { ...this.parts.props(), ...overrides };
    const wanted = checkRole(props.role) === 'anchor' ? devicesOf(props) : [];
    const stillWanted = (): void => {
      this.parts.assertAlive('enter');
      if (generation !== this.generation) {
        throw new TrtcError(TrtcErrorCode.InvalidState, 'enter: exit() was called while entering');
      }
    };
    this.entering = true;
    let granted: Device[];
    let entry: RoomEntry;
    try {
      entry = await prepareEntry(this.parts.api, props, stillWanted, (cancel) => {
        this.cancelProbe = cancel;
      });
      granted = await this.parts.permissions.ensure(wanted);
    } finally {
      // After exit()/destroy() (a new generation) this may be another enter()'s state.
      if (generation === this.generation) {
        this.entering = false;
        this.cancelProbe = undefined;
      }
    }
    stillWanted();
    this.parts.transport.use(entry.emulatorUrl);
    client.enterRoom({
      ...entry.params,
      camera: granted.indexOf('camera') >= 0,
      microphone: granted.indexOf('microphone') >= 0,
    });
    this.parts.entered();
  }

  private untilJoined(): Promise<void> {
    const { client } = this.parts;
    if (client.getState() === 'joined') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const settle = (error?: TrtcError): void => {
        off();
        this.abandonJoin = undefined;
        if (error === undefined) resolve();
        else reject(error);
      };
      const off = client.on('connection-state-changed', (change: ConnectionChange) => {
        if (change.to === 'joined') settle();
        else if (change.to === 'failed' || change.to === 'kicked' || change.to === 'left') {
          const reason = 'reason' in change ? ` (${JSON.stringify(change.reason)})` : '';
          settle(
            new TrtcError(
              TrtcErrorCode.EnterFailed,
              `entering the room ended in "${change.to}"${reason}`,
            ),
          );
        }
      });
      this.abandonJoin = () =>
        settle(new TrtcError(TrtcErrorCode.InvalidState, 'enter: the component was detached'));
    });
  }
}
