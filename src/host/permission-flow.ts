// Camera and microphone permission for <trtc-room>: ask before publishing, and when the user (or
// the pusher's 10001/10002) refuses, emit `permissiondenied` and offer the settings page.
import { createLogger } from '../core/logger';
import type { RoomClient } from '../core/room/room-client';
import type { Permissions } from '../core/room/room-types';
import type { HostApi } from './host-api';
import { loadPermissionSettings } from './lazy-host-modules';
import { requestPermissions } from './permissions';
import type { Device } from './permissions';
import type { RoomEventEmitter } from './room-event-bridge';
import type { PermissionDeniedDetail } from './room-component-events';

const log = createLogger('host');

const DEVICES: readonly Device[] = ['camera', 'microphone'];

export interface PermissionFlowOptions {
  readonly api: HostApi;
  readonly client: RoomClient;
  readonly emit: RoomEventEmitter;
  /** Read at each refusal: the page may turn the settings prompt off. */
  readonly prompt: () => boolean;
}

export class PermissionFlow {
  /** Devices the page wants published: granted later in the settings page, they get published. */
  private readonly wanted = new Set<Device>();
  private asking = 0;
  private prompting = false;
  private disposed = false;
  private readonly off: () => void;
  private last: Permissions;

  constructor(private readonly options: PermissionFlowOptions) {
    this.last = options.client.getPermissions();
    this.off = options.client.on('permission-changed', (next) => this.onChanged(next));
  }

  /**
   * Asks for each device not yet granted; resolves with the devices that may be published.
   * Refused ones are reported with `permissiondenied` (source `authorize`).
   */
  async ensure(devices: readonly Device[]): Promise<Device[]> {
    for (const device of devices) this.wanted.add(device);
    if (devices.length === 0) return [];
    this.asking += 1;
    try {
      const result = await requestPermissions(this.options.api, devices);
      if (this.disposed) return [];
      for (const device of devices) {
        const state = result[device];
        if (state !== 'unknown') this.options.client.setPermission(device, state);
      }
      const denied = devices.filter((device) => result[device] === 'denied');
      if (denied.length > 0) this.refused(denied, 'authorize');
      return devices.filter((device) => result[device] !== 'denied');
    } finally {
      this.asking -= 1;
    }
  }

  /** The page no longer wants this device (unpublished). */
  release(device: Device): void {
    this.wanted.delete(device);
  }

  dispose(): void {
    this.disposed = true;
    this.off();
  }

  private onChanged(next: Permissions): void {
    const newlyDenied = DEVICES.filter(
      (device) => next[device] === 'denied' && this.last[device] !== 'denied',
    );
    this.last = next;
    // While asking, ensure() reports the refusal itself.
    if (newlyDenied.length > 0 && this.asking === 0) this.refused(newlyDenied, 'pusher');
  }

  private refused(devices: readonly Device[], source: PermissionDeniedDetail['source']): void {
    const permissions = this.options.client.getPermissions();
    this.options.emit('permissiondenied', {
      devices,
      camera: permissions.camera,
      microphone: permissions.microphone,
      source,
    });
    if (this.options.prompt() && !this.prompting) void this.offerSettings(devices);
  }

  private async offerSettings(devices: readonly Device[]): Promise<void> {
    this.prompting = true;
    try {
      const { api, client } = this.options;
      const disposed = () => this.disposed;
      await loadPermissionSettings().offerSettings(api, client, devices, this.wanted, disposed);
    } catch (error) {
      log.warn('the settings prompt failed', error);
    } finally {
      this.prompting = false;
    }
  }
}
