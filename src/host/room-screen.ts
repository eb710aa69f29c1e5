// What one <trtc-room> shows, kept in step with its room: the template view selected from the
// mirror and the template state once per tick, the emulator's placeholders while emulated, the
// extra a view asks for (Taro's handle), names and avatars followed for the users with a tile,
// and the native nodes reported once the page drew them.
import { layoutUserIds } from '../core/room/layouts';
import type { RoomMirror, MirrorChange } from '../core/store/room-mirror';
import { asViewState } from '../core/store/view-patch';
import type { ViewShaped } from '../core/store/view-patch';
import type { CapabilityGate } from './capability-gate';
import type { RoomStandIn } from './emulator-view';
import { loadEmulatorSupport } from './lazy-host-modules';
import type { ProfileSource } from './profile-source';
import { mountedByTemplate } from './render-tracker';
import type { RenderTracker } from './render-tracker';
import type { RoomTransport } from './room-transport';
import { createViewFlush } from './view-flush';
import type { ViewFlush } from './view-flush';
import type { ViewPort } from './view-port';
import { selectTemplateView } from './view/template-view';
import type { TemplateUiState, TemplateView } from './view/template-view';

/** What a room's view shows: the template view, and the emulator's placeholders while emulated. */
export type RoomView = TemplateView & {
  readonly standIns?: Readonly<Record<string, RoomStandIn>>;
};

export interface RoomScreenParts<Extra extends object> {
  readonly port: Pick<ViewPort<unknown, RoomView & Extra>, 'render' | 'initial'>;
  readonly mirror: RoomMirror;
  readonly ui: TemplateUiState;
  readonly transport: RoomTransport;
  readonly profiles: ProfileSource;
  readonly render: RenderTracker;
  /** Fits the pusher's and players' attributes to the host; null where nothing needs it. */
  readonly gate: CapabilityGate | null;
  defer(flush: () => void): void;
  /** What the view shows besides the templates, selected with them. */
  readonly extra?: (mirror: RoomMirror) => Extra & ViewShaped<Extra>;
}

export class RoomScreen<Extra extends object> {
  private readonly view: ViewFlush<RoomView & Extra>;
  /** A profile resolver is set: only then are the users with a tile followed. */
  private resolving = false;
  private followed: readonly string[] = [];
  private readonly disposers: (() => void)[];
  private disposed = false;

  constructor(private readonly parts: RoomScreenParts<Extra>) {
    const { mirror, ui, transport, extra } = parts;
    this.view = createViewFlush<RoomView & Extra>({
      port: parts.port,
      defer: parts.defer,
      select: () => {
        this.followProfiles();
        const selected = selectTemplateView(mirror, ui);
        const view = parts.gate === null ? selected : gatedView(selected, parts.gate);
        // The transport changes only inside enter(), before enterRoom changes the mirror: the
        // view picks up the placeholders in the same flush that mounts the pusher.
        const shown = transport.emulated
          ? loadEmulatorSupport().withRoomStandIns(view, mirror)
          : view;
        return extra === undefined ? (shown as RoomView & Extra) : { ...shown, ...extra(mirror) };
      },
      state: (view) => asViewState<RoomView>(view),
      rendered: (view) => {
        if (!this.disposed) parts.render.rendered(mountedByTemplate(view));
      },
    });
    this.disposers = [
      mirror.onChange((change) => this.mirrorChanged(change)),
      ui.onChange(() => this.view.invalidate()),
    ];
  }

  /** A profile resolver was set (names are then asked for the users with a tile) or removed. */
  setResolving(on: boolean): void {
    this.resolving = on;
    this.view.invalidate();
  }

  dispose(): void {
    this.disposed = true;
    this.view.dispose();
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** Hidden statistics change nothing shown: their ticks select no view. */
  private mirrorChanged(change: MirrorChange): void {
    const { ui, transport } = this.parts;
    if (change === 'quality' && !ui.showNetworkQuality && !transport.emulated) return;
    if (change === 'speakers' && !ui.showSpeaking && !transport.emulated) return;
    this.view.invalidate();
  }

  /**
   * The users with a tile, not everyone in the room: a room of thousands asks for the few it
   * shows. Without a resolver nothing is read.
   */
  private followProfiles(): void {
    if (!this.resolving) return;
    const { layout, players, local } = this.parts.mirror;
    const userIds = layoutUserIds(layout, players, local.userId);
    const same =
      userIds.length === this.followed.length &&
      userIds.every((userId, index) => userId === this.followed[index]);
    if (same) return;
    this.followed = userIds;
    this.parts.profiles.want(userIds);
  }
}

/** The template view with its pusher and players fitted to the host. */
function gatedView(view: TemplateView, gate: CapabilityGate): TemplateView {
  const pusher = view.pusher === null ? null : gate.pusher(view.pusher);
  let changed = pusher !== view.pusher;
  const players = view.players.map((player) => {
    const fitted = gate.player(player);
    changed ||= fitted !== player;
    return fitted;
  });
  return changed ? { ...view, pusher, players } : view;
}
