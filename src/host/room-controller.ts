// Everything <trtc-room> does, outside the component file: one client per instance, the template
// view rendered through a view port (setData for the native component, React state for Taro),
// native node readiness, permissions, lifecycle and the outward events. The view is selected
// from a plain mirror of the client; the mobx store is loaded only when a page asks for it.
import { TrtcError, TrtcErrorCode } from '../core/errors';
import { loadStoreModule } from '../core/lazy-modules';
import { createLogger } from '../core/logger';
import { DEFAULT_GRID_PAGE_SIZE } from '../core/room/layouts';
import { RoomClient } from '../core/room/room-client';
import type { Role } from '../core/room/room-events';
import type { StreamKey } from '../core/room/room-types';
import { RoomMirror } from '../core/store/room-mirror';
import type { RoomStore } from '../core/store/room-store';
import type { ViewShaped } from '../core/store/view-patch';
import type { TraceV1 } from '../core/trace/trace-types';
import { canOpenSettings } from './detect-host';
import { capabilityGate, checkBaseLibrary } from './features';
import type { HostComponentInstance } from './define-component';
import type { Host, HostComponentRef } from './host-api';
import { createHostAdapter } from './native-adapter';
import { PermissionFlow } from './permission-flow';
import type { Device } from './permissions';
import { ProfileSource } from './profile-source';
import type { ProfileResolver } from './profile-source';
import { PropertyGuard } from './property-guard';
import { RenderTracker, reassertPlayers } from './render-tracker';
import type { TrtcRoomEventDetails, TrtcRoomEventName } from './room-component-events';
import { EnterFlow } from './room-enter-flow';
import { clientOptionsOf } from './room-client-options';
import { bridgeRoomEvents } from './room-event-bridge';
import type { EnterOverrides, TrtcRoomProperties } from './room-properties';
import { roomRegistry } from './room-keys';
import { TemplateInput, pageSizeOf } from './room-template-input';
import { RoomScreen } from './room-screen';
import type { RoomView } from './room-screen';
import { RoomTransport } from './room-transport';
import { loadTraceExport } from './lazy-host-modules';
import type { TraceExportTarget, TraceLabel, TracedRoom } from './trace-export';
import type { RoomEventPort, ViewPort } from './view-port';
import { checkProfiles } from './view/profiles';
import { TemplateUiState, checkTemplate, layoutKindOf } from './view/template-view';

const log = createLogger('host');

/** A room's view port; `Extra` is what a view shows besides the templates (Taro's handle). */
export type RoomViewPort<Extra extends object = object> = ViewPort<
  TrtcRoomProperties,
  RoomView & Extra
> &
  RoomEventPort;

/** The <trtc-room> component instance: its data holds the properties. */
export type RoomComponent = HostComponentInstance & { readonly data: TrtcRoomProperties };

export interface RoomControllerOptions<Extra extends object> {
  /** Attach later, with attach() (a React effect), instead of in the constructor. */
  readonly deferAttach?: boolean;
  /** What the view shows besides the templates, selected with them once per tick. */
  readonly extra?: (mirror: RoomMirror) => Extra & ViewShaped<Extra>;
}

export class RoomController<Extra extends object = object> {
  readonly client: RoomClient;
  readonly mirror: RoomMirror;
  readonly ui: TemplateUiState;
  /** Native or a room emulator, decided on every enter(). */
  readonly transport: RoomTransport;
  private readonly screen: RoomScreen<Extra>;
  private readonly permissions: PermissionFlow;
  private readonly render: RenderTracker;
  private readonly entry: EnterFlow;
  private readonly input: TemplateInput;
  private readonly playerOwners = new Map<string, HostComponentRef>();
  private readonly disposers: (() => void)[] = [];
  private store_: RoomStore | undefined;
  private destroyed = false;
  private attached = false;
  /** Property problems found before attach, when no event can reach the page yet. */
  private readonly unreported: TrtcError[] = [];
  private readonly properties = new PropertyGuard((error) => this.reportProperty(error));
  private readonly profiles: ProfileSource;

  constructor(
    private readonly port: RoomViewPort<Extra>,
    private readonly host: Host,
    options: RoomControllerOptions<Extra> = {},
  ) {
    const props = port.props();
    checkBaseLibrary(host.api, host.name);
    const guard = this.properties;
    this.transport = new RoomTransport(
      host.api,
      createHostAdapter(host.api, {
        playerOwner: (id) => this.playerOwners.get(id) ?? port.owner,
      }),
    );
    this.client = new RoomClient({
      adapter: this.transport.adapter,
      ...clientOptionsOf(props, guard),
    });
    const template = guard.check('template', props.template, checkTemplate, '1v1');
    this.mirror = new RoomMirror(this.client, {
      layout: layoutKindOf(template),
      pageSize: guard.check('pageSize', props.pageSize, pageSizeOf, DEFAULT_GRID_PAGE_SIZE),
    });
    this.ui = new TemplateUiState(template, {
      showNetworkQuality: props.showNetworkQuality !== false,
      showSpeaking: props.showSpeaking !== false,
    });
    this.profiles = new ProfileSource((profiles) => this.ui.setProfiles(profiles));
    this.profiles.setGiven(guard.check('profiles', props.profiles, checkProfiles, {}));
    this.transport.bind(this.client);
    this.render = new RenderTracker(this.client);
    const nextTick = host.api.nextTick?.bind(host.api);
    this.screen = new RoomScreen<Extra>({
      port,
      mirror: this.mirror,
      ui: this.ui,
      transport: this.transport,
      profiles: this.profiles,
      render: this.render,
      gate: capabilityGate(host),
      defer: nextTick ?? ((flush) => setTimeout(flush, 0)),
      ...(options.extra === undefined ? {} : { extra: options.extra }),
    });
    this.permissions = new PermissionFlow({
      api: host.api,
      client: this.client,
      emit: (name, detail) => this.emit(name, detail),
      prompt: () => port.props().permissionPrompt && canOpenSettings(host),
    });
    this.entry = new EnterFlow({
      api: host.api,
      client: this.client,
      transport: this.transport,
      permissions: this.permissions,
      props: () => port.props(),
      assertAlive: (command) => this.assertAlive(command),
      isDestroyed: () => this.destroyed,
      reportError: (error) => this.reportError(error),
      entered: () => this.ui.reset(),
    });
    this.input = new TemplateInput({
      client: this.client,
      mirror: this.mirror,
      ui: this.ui,
      profiles: this.profiles,
      properties: guard,
      props: () => port.props(),
      storeIfCreated: () => this.store_,
      resolving: (on) => this.screen.setResolving(on),
      tapped: (tileId, userId) => this.emit('tiletap', { tileId, userId }),
    });
    this.disposers.push(
      () => this.profiles.dispose(),
      bridgeRoomEvents(this.client, (name, detail) => this.emit(name, detail)),
      this.client.on('players-changed', (players) =>
        reassertPlayers(this.render, this.client, players),
      ),
    );
    if (!options.deferAttach) this.attach();
  }

  /** The mobx-miniprogram store of this room, created (and mobx loaded) on first use. */
  get store(): RoomStore {
    if (this.store_ === undefined) {
      const { RoomStore } = loadStoreModule();
      const { layoutKind, pageSize } = this.mirror;
      this.store_ = new RoomStore(this.client, { layout: layoutKind, pageSize });
      // Created late: the reason of the state the room is in, the volumes and quality shown.
      this.store_.adopt_(this.mirror);
    }
    return this.store_;
  }

  /**
   * Registers the room under its room-key and auto-enters. The native component attaches at
   * construction; useTrtcRoom once React committed (a render React throws away leaves nothing).
   */
  attach(): void {
    if (this.attached || this.destroyed) return;
    this.attached = true;
    const props = this.port.props();
    this.disposers.push(
      roomRegistry.register(props.roomKey, {
        client: this.client,
        mirror: this.mirror,
        emulated: () => this.transport.emulated,
        claimPlayer: (id, owner) => this.claimPlayer(id, owner),
      }),
    );
    for (const error of this.unreported.splice(0)) this.reportError(error);
    this.checkProperties();
    // A failed auto-enter reaches the page as an `error` (or `failed`) event; the log keeps it too.
    if (props.autoEnter) this.enter().catch((error) => log.warn('auto-enter failed', error));
  }

  enter(overrides: EnterOverrides = {}): Promise<void> {
    return this.entry.enter(overrides);
  }

  exit(): Promise<void> {
    return this.entry.exit();
  }

  switchRole(role: Role): Promise<void> {
    return this.entry.switchRole(role);
  }

  publishCamera(): Promise<void> {
    return this.entry.publish('camera');
  }

  publishMicrophone(): Promise<void> {
    return this.entry.publish('microphone');
  }

  unpublish(device: Device): void {
    this.entry.unpublish(device);
  }

  /** From the `template` / `page-size` observer: bad values are reported, never thrown. */
  setTemplate(template: unknown, pageSize: unknown): void {
    if (!this.destroyed) this.input.setTemplate(template, pageSize);
  }

  /** At attach and from the observer of the properties with a fixed set of values. */
  checkProperties(): void {
    if (!this.destroyed) this.input.checkProperties();
  }

  setShowSpeaking(show: unknown): void {
    if (!this.destroyed) this.input.setShowSpeaking(show);
  }

  setProfiles(profiles: unknown): void {
    if (!this.destroyed) this.input.setProfiles(profiles);
  }

  /** Names and avatars the page resolves itself, per user id, sync or async; null removes it. */
  setProfileResolver(resolver: ProfileResolver | null): void {
    if (resolver === null && this.destroyed) return;
    this.assertAlive('setProfileResolver');
    this.input.setProfileResolver(resolver);
  }

  setShowNetworkQuality(show: unknown): void {
    if (!this.destroyed) this.input.setShowNetworkQuality(show);
  }

  setAudioRoute(route: unknown): void {
    if (!this.destroyed) this.input.setAudioRoute(route);
  }

  tapTile(tileId: string, userId: string | null): void {
    this.input.tapTile(tileId, userId);
  }

  turnPage(delta: number): void {
    this.input.turnPage(delta);
  }

  swipeStart(x: number): void {
    this.input.swipeStart(x);
  }

  swipeEnd(x: number): void {
    this.input.swipeEnd(x);
  }

  /** The trace this room records (record-trace), with the host's platform; else null. */
  getTrace(label?: string | TraceLabel): TraceV1 | null {
    return loadTraceExport().roomTrace(this.traced(), label);
  }

  /**
   * Exports the trace: resolves with the trace's name ('clipboard'), the file's path ('file') or
   * the emulator's id for it ('emulator'); rejects with a TrtcError saying what to do.
   */
  exportTrace(to: TraceExportTarget, label?: TraceLabel): Promise<string> {
    return loadTraceExport().exportTrace(this.traced(), to, label);
  }

  private traced(): TracedRoom {
    return {
      host: this.host,
      client: this.client,
      emulatorUrl: () => this.transport.emulatorUrl,
    };
  }

  pageShow(): void {
    if (!this.destroyed) this.client.handlePageShow();
  }

  pageHide(): void {
    if (!this.destroyed) this.client.handlePageHide();
  }

  /** Player node events carry the player id as the node id. */
  playerId(event: { readonly currentTarget?: { readonly id?: string } }): StreamKey | null {
    const id = event.currentTarget?.id;
    return typeof id === 'string' && id.indexOf('_') > 0 ? (id as StreamKey) : null;
  }

  /** Tears everything down: client (timers, queued commands), mirror, store, view, registry. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.entry.destroy();
    this.screen.dispose();
    this.permissions.dispose();
    for (const dispose of this.disposers.splice(0)) dispose();
    this.client.destroy();
    this.transport.destroy();
    this.mirror.dispose();
    this.store_?.dispose();
    this.playerOwners.clear();
  }

  private claimPlayer(playerId: string, owner: HostComponentRef): () => void {
    this.playerOwners.set(playerId, owner);
    return () => {
      if (this.playerOwners.get(playerId) === owner) this.playerOwners.delete(playerId);
    };
  }

  /** A bad property: an `error` event now, or at attach for those checked while constructing. */
  private reportProperty(error: TrtcError): void {
    if (this.attached) this.reportError(error);
    else this.unreported.push(error);
  }

  private reportError(error: TrtcError): void {
    this.emit('error', {
      code: error.code,
      message: error.message,
      nativeCode: null,
      playerId: null,
    });
  }

  private emit<K extends TrtcRoomEventName>(name: K, detail: TrtcRoomEventDetails[K]): void {
    if (this.destroyed) return;
    try {
      this.port.emit(name, detail);
    } catch (error) {
      log.warn(`a page handler of "${name}" threw`, error);
    }
  }

  private assertAlive(command: string): void {
    if (this.destroyed) {
      throw new TrtcError(TrtcErrorCode.InvalidState, `${command}: the component was detached`);
    }
  }
}
