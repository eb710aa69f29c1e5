// What a page changes on a live <trtc-room> besides entering: the template and page size, what
// tiles show, names and avatars, the audio route, and the taps and swipes of the templates. A bad
// value is reported (an `error` event) and the last good one kept; nothing here throws at an
// observer.
import { TrtcError, TrtcErrorCode } from '../core/errors';
import { validatePageSize } from '../core/room/layouts';
import type { RoomClient } from '../core/room/room-client';
import type { RoomMirror } from '../core/store/room-mirror';
import type { RoomStore } from '../core/store/room-store';
import type { ProfileResolver, ProfileSource } from './profile-source';
import { ENTRY_PROPERTIES, ENTRY_PROPERTY_CHECKS } from './property-checks';
import type { PropertyGuard } from './property-guard';
import { checkAudioRoute, numericProperty } from './room-properties';
import type { TrtcRoomProperties } from './room-properties';
import { checkProfiles } from './view/profiles';
import { checkTemplate, layoutKindOf } from './view/template-view';
import type { TemplateUiState } from './view/template-view';

/** Horizontal swipe distance (px) that turns a grid page. */
const SWIPE_PX = 50;

export const pageSizeOf = (value: unknown): number => validatePageSize(numericProperty(value));

export interface TemplateInputParts {
  readonly client: RoomClient;
  readonly mirror: RoomMirror;
  readonly ui: TemplateUiState;
  readonly profiles: ProfileSource;
  readonly properties: PropertyGuard;
  props(): Readonly<TrtcRoomProperties>;
  /** The mobx store, when a page asked for it (it follows the layout too). */
  storeIfCreated(): RoomStore | undefined;
  /** A profile resolver was set or removed. */
  resolving(on: boolean): void;
  tapped(tileId: string, userId: string | null): void;
}

export class TemplateInput {
  private swipeX: number | null = null;

  constructor(private readonly parts: TemplateInputParts) {}

  /** From the `template` / `page-size` observer. */
  setTemplate(template: unknown, pageSize: unknown): void {
    const { properties, ui, mirror } = this.parts;
    const checked = properties.check('template', template, checkTemplate, ui.template);
    const size = properties.check('pageSize', pageSize, pageSizeOf, mirror.pageSize);
    ui.setTemplate(checked);
    mirror.setLayout(layoutKindOf(checked), size);
    this.parts.storeIfCreated()?.setLayout(layoutKindOf(checked), size);
  }

  /**
   * Checks the properties with a fixed set of values (role, scene, ...; see property-checks.ts)
   * at attach and from their observer: a bad one is reported at once, enter() refuses it.
   */
  checkProperties(): void {
    const data = this.parts.props();
    for (const name of ENTRY_PROPERTIES) {
      this.parts.properties.check(name, data[name], ENTRY_PROPERTY_CHECKS[name], null);
    }
  }

  setShowSpeaking(show: unknown): void {
    this.parts.ui.setShowSpeaking(show !== false);
  }

  setShowNetworkQuality(show: unknown): void {
    this.parts.ui.setShowNetworkQuality(show !== false);
  }

  /** A bad map is reported and the last good one kept. */
  setProfiles(profiles: unknown): void {
    const { properties, profiles: source } = this.parts;
    source.setGiven(properties.check('profiles', profiles, checkProfiles, source.given));
  }

  setProfileResolver(resolver: ProfileResolver | null): void {
    if (resolver !== null && typeof resolver !== 'function') {
      throw new TrtcError(
        TrtcErrorCode.InvalidParameter,
        'setProfileResolver: pass a function (userId) => { name?, avatar? } (or a promise of one)',
        { field: 'resolver' },
      );
    }
    this.parts.profiles.setResolver(resolver);
    this.parts.resolving(resolver !== null);
  }

  setAudioRoute(route: unknown): void {
    const { client, properties } = this.parts;
    const fallback = client.getAudioRoute();
    client.setAudioRoute(properties.check('audioRoute', route, checkAudioRoute, fallback));
  }

  tapTile(tileId: string, userId: string | null): void {
    if (this.parts.ui.template === '1v1') this.parts.ui.toggleSwap();
    this.parts.tapped(tileId, userId);
  }

  turnPage(delta: number): void {
    const { mirror, ui } = this.parts;
    const pages = mirror.layout.kind === 'grid' ? mirror.layout.pages.length : 0;
    const next = Math.min(Math.max(ui.page + delta, 0), Math.max(pages - 1, 0));
    if (next !== ui.page) ui.setPage(next);
  }

  /** Grid: a horizontal swipe of SWIPE_PX or more turns the page. */
  swipeStart(x: number): void {
    this.swipeX = x;
  }

  swipeEnd(x: number): void {
    const start = this.swipeX;
    this.swipeX = null;
    if (start === null || this.parts.ui.template !== 'grid') return;
    const dx = x - start;
    if (Math.abs(dx) >= SWIPE_PX) this.turnPage(dx < 0 ? 1 : -1);
  }
}
