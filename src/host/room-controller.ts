// Everything <trtc-room> does, outside the component file: one client and store per instance, the
// template view pushed with minimal setData, native node readiness, permissions, lifecycle and the
// outward events. The component only forwards its lifetimes, handlers and methods here.
import { TrtcError, TrtcErrorCode, isTrtcError } from '../core/errors';
import { comparer, observable, reaction, runInAction } from 'mobx-miniprogram';
import { createLogger, getLogLevel, setLogLevel } from '../core/logger';
import { DEFAULT_GRID_PAGE_SIZE, layoutUserIds, validatePageSize } from '../core/room/layouts';
import { DEFAULT_MAX_PLAYERS, validateMaxPlayers } from '../core/room/player-pool';
import { RoomClient } from '../core/room/room-client';
import type { Role } from '../core/room/room-events';
import type { ConnectionChange, ConnectionState, StreamKey } from '../core/room/types';
import { checkProfiles } from '../core/store/profiles';
import { RoomStore } from '../core/store/room-store';
import { bindRoomView } from '../core/store/room-view';
import type { RoomViewBinding } from '../core/store/room-view';
import type { ViewState } from '../core/store/view-patch';
import {
  TemplateUiState,
  checkTemplate,
  layoutKindOf,
  templateViewSelector,
} from '../core/store/template-view';
import type { TemplateView } from '../core/store/template-view';
import type { HostComponentInstance } from './define-component';
import { ENTRY_PROPERTIES, ENTRY_PROPERTY_CHECKS } from './property-checks';
import { PropertyGuard } from './property-guard';
import { ProfileSource } from './profile-source';
import type { ProfileResolver } from './profile-source';
import { checkAudioRoute, checkRole, numericProperty } from './room-properties';
import { checkBaseLibrary } from './features';
import type { Host, HostComponentRef } from './host-api';
import { withRoomStandIns } from './emulator-view';
import { createHostAdapter } from './native-adapter';
import { PermissionFlow } from './permission-flow';
import type { Device } from './permissions';
import { bridgeRoomEvents } from './room-event-bridge';
import type { TrtcRoomEventDetails, TrtcRoomEventName } from './room-component-events';
import { prepareEntry } from './room-entry';
import type { RoomEntry } from './room-entry';
import type { EnterOverrides, TrtcRoomProperties } from './room-properties';
import { roomRegistry } from './room-registry';
import { RenderTracker, mountedByTemplate, reassertPlayers } from './render-tracker';
import { RoomTransport } from './room-transport';

const log = createLogger('host');

/** The states enter() may start from. */
const ENTERABLE: ReadonlySet<ConnectionState> = new Set<ConnectionState>([
  'idle',
  'left',
  'kicked',
  'failed',
]);

/** Horizontal swipe distance (px) that turns a grid page. */
const SWIPE_PX = 50;

const maxPlayersOf = (value: unknown): number => validateMaxPlayers(numericProperty(value));
const pageSizeOf = (value: unknown): number => validatePageSize(numericProperty(value));

export interface RoomComponent extends HostComponentInstance {
  readonly data: TrtcRoomProperties & Partial<TemplateView>;
}

export interface RoomControllerOptions {
  /** Attach later, with attach() (a React effect), instead of in the constructor. */
  readonly deferAttach?: boolean;
  /** Keys a view needs besides what the templates bind (the Taro handle's state). */
  readonly moreView?: (store: RoomStore) => ViewState;
}

export class RoomController {
  readonly client: RoomClient;
  readonly store: RoomStore;
  readonly ui: TemplateUiState;
  /** Native or a room emulator, decided on every enter(). */
  readonly transport: RoomTransport;
  private readonly binding: RoomViewBinding;
  private readonly permissions: PermissionFlow;
  private readonly render: RenderTracker;
  private readonly playerOwners = new Map<string, HostComponentRef>();
  private readonly disposers: (() => void)[] = [];
  private destroyed = false;
  /** Bumped by exit() and destroy(): an enter() waiting for permissions sees it and stops. */
  private generation = 0;
  private entering = false;
  /** Stops the emulator probe of the enter() in progress. */
  private cancelProbe: (() => void) | undefined;
  /** Rejects the enter() waiting for 1018, when the component detaches. */
  private abandonEnter: (() => void) | undefined;
  private readonly previousLogLevel = getLogLevel();
  private swipeX: number | null = null;
  private attached = false;
  /** Property problems found before attach, when no event can reach the page yet. */
  private readonly unreported: TrtcError[] = [];
  private readonly properties = new PropertyGuard((error) => this.reportProperty(error));
  private readonly profiles: ProfileSource;
  /** A profile resolver is set: only then are the users with a tile followed. */
  private readonly resolving = observable.box(false);

  constructor(
    private readonly component: RoomComponent,
    private readonly host: Host,
    options: RoomControllerOptions = {},
  ) {
    const props = component.data;
    if (props.debug) setLogLevel('debug');
    checkBaseLibrary(host.api);
    const guard = this.properties;
    this.transport = new RoomTransport(
      host.api,
      createHostAdapter(host.api, {
        playerOwner: (id) => this.playerOwners.get(id) ?? component,
      }),
    );
    this.client = new RoomClient({
      adapter: this.transport.adapter,
      maxPlayers: guard.check('maxPlayers', props.maxPlayers, maxPlayersOf, DEFAULT_MAX_PLAYERS),
      audioRoute: guard.check('audioRoute', props.audioRoute, checkAudioRoute, 'speaker'),
      enableRecvMessage: props.enableRecvMessage === true,
    });
    const template = guard.check('template', props.template, checkTemplate, '1v1');
    this.store = new RoomStore(this.client, {
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
    const selectView = templateViewSelector(this.ui);
    this.render = new RenderTracker(this.client);
    const nextTick = host.api.nextTick?.bind(host.api);
    this.binding = bindRoomView(this.store, {
      setData: (patch) => component.setData(patch, () => this.afterRender()),
      defer: nextTick ?? ((flush) => setTimeout(flush, 0)),
      initial: () => component.data,
      // The transport changes only inside enter(), before enterRoom changes the store: the view
      // picks up the placeholders in the same flush that mounts the pusher.
      select: (store) => {
        const view = selectView(store);
        const shown =
          options.moreView === undefined ? view : { ...view, ...options.moreView(store) };
        return this.transport.emulated ? withRoomStandIns(shown, store) : shown;
      },
    });
    this.permissions = new PermissionFlow({
      api: host.api,
      client: this.client,
      emit: (name, detail) => this.emit(name, detail),
      prompt: () => component.data.permissionPrompt,
    });
    this.disposers.push(
      reaction(
        // The users with a tile, not everyone in the room: a room of thousands asks for the
        // few it shows. Without a resolver nothing is read: the layout is computed by the view's
        // flush alone, once per tick, not after every event.
        () =>
          this.resolving.get()
            ? layoutUserIds(this.store.layout, this.store.players, this.store.local.userId)
            : [],
        (userIds) => this.profiles.want(userIds),
        { fireImmediately: true, equals: comparer.structural },
      ),
      () => this.profiles.dispose(),
      bridgeRoomEvents(this.client, (name, detail) => this.emit(name, detail)),
      this.client.on('players-changed', (players) =>
        reassertPlayers(this.render, this.client, players),
      ),
    );
    if (!options.deferAttach) this.attach();
  }

  /**
   * Registers the room under its room-key and auto-enters. The native component attaches at
   * construction; useTrtcRoom once React committed (a render React throws away leaves nothing).
   */
  attach(): void {
    if (this.attached || this.destroyed) return;
    this.attached = true;
    const props = this.component.data;
    this.disposers.push(
      roomRegistry.register(props.roomKey, {
        client: this.client,
        store: this.store,
        emulated: () => this.transport.emulated,
        claimPlayer: (id, owner) => this.claimPlayer(id, owner),
      }),
    );
    for (const error of this.unreported.splice(0)) this.reportError(error);
    this.checkProperties();
    // A failed auto-enter reaches the page as an `error` (or `failed`) event; the log keeps it too.
    if (props.autoEnter) this.enter().catch((error) => log.warn('auto-enter failed', error));
  }

  /**
   * Asks for the devices to publish, enters, and resolves once in the room (1018). Rejects with
   * INVALID_STATE while already in (or entering) a room, or when exit()/detach comes first.
   */
  async enter(overrides: EnterOverrides = {}): Promise<void> {
    this.assertAlive('enter');
    const generation = this.generation;
    try {
      await this.startEntering(overrides, generation);
    } catch (error) {
      // What fails before the client enters reaches the page as `error`; what fails after, as
      // the client's `failed` or `kicked`. An abandoned entry (exit(), detach) is no failure.
      const abandoned = this.destroyed || generation !== this.generation;
      if (isTrtcError(error) && !abandoned) this.reportError(error);
      throw error;
    }
    await this.untilJoined();
  }

  /** Settles the parameters, transport and permissions, and has the client enter. */
  private async startEntering(overrides: EnterOverrides, generation: number): Promise<void> {
    if (this.entering || !ENTERABLE.has(this.client.getState())) {
      throw new TrtcError(
        TrtcErrorCode.InvalidState,
        `enter: already ${this.entering ? 'entering' : this.client.getState()}; exit() first`,
      );
    }
    const props = { ...this.component.data, ...overrides };
    const role = checkRole(props.role);
    const wanted: Device[] = [];
    if (role === 'anchor' && props.camera) wanted.push('camera');
    if (role === 'anchor' && props.microphone) wanted.push('microphone');
    const stillWanted = (): void => {
      this.assertAlive('enter');
      if (generation !== this.generation) {
        throw new TrtcError(TrtcErrorCode.InvalidState, 'enter: exit() was called while entering');
      }
    };
    this.entering = true;
    let granted: Device[];
    let entry: RoomEntry;
    try {
      entry = await prepareEntry(this.host.api, props, stillWanted, (cancel) => {
        this.cancelProbe = cancel;
      });
      granted = await this.permissions.ensure(wanted);
    } finally {
      // After exit()/destroy() (a new generation) this may be another enter()'s state.
      if (generation === this.generation) {
        this.entering = false;
        this.cancelProbe = undefined;
      }
    }
    stillWanted();
    this.transport.use(entry.emulatorUrl);
    this.client.enterRoom({
      ...entry.params,
      camera: granted.indexOf('camera') >= 0,
      microphone: granted.indexOf('microphone') >= 0,
    });
    this.ui.reset();
  }

  /** Leaves the room; an enter() still asking for permissions is abandoned. */
  exit(): Promise<void> {
    this.assertAlive('exit');
    this.abandonEntering();
    return this.client.exitRoom();
  }

  /** Switches role; becoming an anchor asks for the devices the properties publish first. */
  async switchRole(role: Role): Promise<void> {
    this.assertAlive('switchRole');
    const checked = checkRole(role);
    if (checked === 'audience') {
      this.client.switchRole('audience');
      return;
    }
    const props = this.component.data;
    const wanted: Device[] = [];
    if (props.camera) wanted.push('camera');
    if (props.microphone) wanted.push('microphone');
    const granted = await this.permissions.ensure(wanted);
    this.assertAlive('switchRole');
    this.client.switchRole('anchor', {
      camera: granted.indexOf('camera') >= 0,
      microphone: granted.indexOf('microphone') >= 0,
    });
  }

  async publishCamera(): Promise<void> {
    await this.publish('camera');
  }

  async publishMicrophone(): Promise<void> {
    await this.publish('microphone');
  }

  unpublish(device: Device): void {
    this.assertAlive('unpublish');
    this.permissions.release(device);
    if (device === 'camera') this.client.unpublishCamera();
    else this.client.unpublishMicrophone();
  }

  /** From the `template` / `page-size` observer: bad values are reported, never thrown. */
  setTemplate(template: unknown, pageSize: unknown): void {
    if (this.destroyed) return;
    const checked = this.properties.check('template', template, checkTemplate, this.ui.template);
    const size = this.properties.check('pageSize', pageSize, pageSizeOf, this.store.pageSize);
    this.ui.setTemplate(checked);
    this.store.setLayout(layoutKindOf(checked), size);
  }

  /**
   * Checks the properties with a fixed set of values (role, scene, ...; see property-checks.ts)
   * at attach and from their observer: a bad one is reported at once, enter() refuses it.
   */
  checkProperties(): void {
    if (this.destroyed) return;
    const data = this.component.data;
    for (const name of ENTRY_PROPERTIES) {
      this.properties.check(name, data[name], ENTRY_PROPERTY_CHECKS[name], null);
    }
  }

  /** From the `show-speaking` observer. */
  setShowSpeaking(show: unknown): void {
    if (!this.destroyed) this.ui.setShowSpeaking(show !== false);
  }

  /** From the `profiles` observer; a bad map is reported and the last good one kept. */
  setProfiles(profiles: unknown): void {
    if (this.destroyed) return;
    const kept = this.profiles.given;
    this.profiles.setGiven(this.properties.check('profiles', profiles, checkProfiles, kept));
  }

  /** Names and avatars the page resolves itself, per user id, sync or async; null removes it. */
  setProfileResolver(resolver: ProfileResolver | null): void {
    if (resolver === null && this.destroyed) return;
    this.assertAlive('setProfileResolver');
    if (resolver !== null && typeof resolver !== 'function') {
      throw new TrtcError(
        TrtcErrorCode.InvalidParameter,
        'setProfileResolver: pass a function (userId) => { name?, avatar? } (or a promise of one)',
        { field: 'resolver' },
      );
    }
    this.profiles.setResolver(resolver);
    runInAction(() => this.resolving.set(resolver !== null));
  }

  /** From the `show-network-quality` observer. */
  setShowNetworkQuality(show: unknown): void {
    if (this.destroyed) return;
    this.ui.setShowNetworkQuality(show !== false);
  }

  /** From the `audio-route` observer. */
  setAudioRoute(route: unknown): void {
    if (this.destroyed) return;
    const fallback = this.client.getAudioRoute();
    const checked = this.properties.check('audioRoute', route, checkAudioRoute, fallback);
    this.client.setAudioRoute(checked);
  }

  tapTile(tileId: string, userId: string | null): void {
    if (this.ui.template === '1v1') this.ui.toggleSwap();
    this.emit('tiletap', { tileId, userId });
  }

  turnPage(delta: number): void {
    const pages = this.store.layout.kind === 'grid' ? this.store.layout.pages.length : 0;
    const next = Math.min(Math.max(this.ui.page + delta, 0), Math.max(pages - 1, 0));
    if (next !== this.ui.page) this.ui.setPage(next);
  }

  /** Grid: a horizontal swipe of SWIPE_PX or more turns the page. */
  swipeStart(x: number): void {
    this.swipeX = x;
  }

  swipeEnd(x: number): void {
    const start = this.swipeX;
    this.swipeX = null;
    if (start === null || this.ui.template !== 'grid') return;
    const dx = x - start;
    if (Math.abs(dx) >= SWIPE_PX) this.turnPage(dx < 0 ? 1 : -1);
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

  /** Tears everything down: client (timers, queued commands), store, view binding, registry. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.abandonEntering();
    this.abandonEnter?.();
    if (this.component.data.debug) setLogLevel(this.previousLogLevel);
    this.binding.dispose();
    this.permissions.dispose();
    for (const dispose of this.disposers.splice(0)) dispose();
    this.client.destroy();
    this.transport.destroy();
    this.store.dispose();
    this.playerOwners.clear();
  }

  /** A new generation: the enter() in progress stops (its probe too), a new one may start. */
  private abandonEntering(): void {
    this.generation += 1;
    this.entering = false;
    const cancel = this.cancelProbe;
    this.cancelProbe = undefined;
    cancel?.();
  }

  private async publish(device: Device): Promise<void> {
    this.assertAlive('publish');
    const granted = await this.permissions.ensure([device]);
    if (granted.length === 0) {
      throw new TrtcError(TrtcErrorCode.PermissionDenied, `${device} permission was refused`);
    }
    if (device === 'camera') this.client.publishCamera();
    else this.client.publishMicrophone();
  }

  private afterRender(): void {
    if (!this.destroyed) this.render.rendered(mountedByTemplate(this.component.data));
  }

  private claimPlayer(playerId: string, owner: HostComponentRef): () => void {
    this.playerOwners.set(playerId, owner);
    return () => {
      if (this.playerOwners.get(playerId) === owner) this.playerOwners.delete(playerId);
    };
  }

  private untilJoined(): Promise<void> {
    if (this.client.getState() === 'joined') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const settle = (error?: TrtcError): void => {
        off();
        this.abandonEnter = undefined;
        if (error === undefined) resolve();
        else reject(error);
      };
      const off = this.client.on('connection-state-changed', (change: ConnectionChange) => {
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
      this.abandonEnter = () =>
        settle(new TrtcError(TrtcErrorCode.InvalidState, 'enter: the component was detached'));
    });
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
      this.component.triggerEvent(name, detail);
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
