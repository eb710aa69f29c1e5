// The attributes a view renders, fitted to the host (capabilities.ts): an attribute the host lacks
// goes back to its default, with one warning per capability for the whole process; one the host
// does not document stays, with one warning that it may be ignored. In QQ, which has no
// `enable-mic`, a microphone that is off is `muted` instead.
import { createLogger } from '../core/logger';
import { DEFAULT_PUSHER_ATTRIBUTES } from '../core/room/pusher-attributes';
import type { PusherNodeAttributes } from '../core/room/pusher-attributes';
import { CAPABILITIES, capabilityList } from './capabilities';
import type { Capability, CapabilityName, HostSupport } from './capabilities';
import { baseLibraryVersion, compareVersion, isOlder } from './features';
import type { Host } from './host-api';

const log = createLogger('host');

/** Capabilities warned about already, per host API object: an app has one, so once per process. */
const warnedBy = new WeakMap<object, Set<string>>();

const HOST_NAMES: Readonly<Record<Host['name'], string>> = {
  wx: 'WeChat',
  wxwork: 'WeCom',
  qq: 'QQ',
};

/** The attribute defaults of live-player keys a view may set (the rest are always rendered). */
const PLAYER_DEFAULTS: Readonly<Record<string, unknown>> = {
  enableAutoRotation: false,
  pictureInPictureMode: '',
  pictureInPictureInitPosition: '',
  enableCasting: false,
};

type Attributes = Readonly<Record<string, unknown>>;

/** hostSupport's answer from the table (features.ts answers WeChat without loading it). */
export function supportOn(host: Host, name: CapabilityName): 'yes' | 'no' | 'unknown' {
  const capability: Capability = CAPABILITIES[name];
  const column: HostSupport = host.name === 'qq' ? capability.qq : capability.wxwork;
  if (host.name === 'qq') return column === 'no' ? 'no' : column === 'yes' ? 'yes' : 'unknown';
  if (isOlder(baseLibraryVersion(host.api), capability.since)) return 'no';
  if (host.name === 'wx' || column === 'yes' || column === 'partial') return 'yes';
  return column;
}

/** What `host` lacks, oldest first. */
export function unsupportedOn(host: Host): CapabilityName[] {
  return capabilityList()
    .filter(([name]) => supportOn(host, name) === 'no')
    .map(([name]) => name)
    .sort((a, b) => compareVersion(CAPABILITIES[a].since, CAPABILITIES[b].since));
}

/** The capabilities' descriptions, for a warning. */
export function describe(names: readonly CapabilityName[]): string {
  return names.map((name) => CAPABILITIES[name].description).join('; ');
}

export function sinceOf(name: CapabilityName): string {
  return CAPABILITIES[name].since;
}

/** `; it needs base library X+` for a context method a capability brings; '' for any other. */
export function methodNeeds(qualified: string): string {
  const [on, method] = qualified.split('.');
  const found = capabilityList().find(
    ([, capability]) => capability.on === on && capability.names.indexOf(method ?? '') >= 0,
  );
  return found === undefined ? '' : `; it needs base library ${found[1].since}+`;
}

interface GatedKey {
  readonly name: CapabilityName;
  readonly capability: Capability;
  readonly support: 'no' | 'unknown';
}

export class CapabilityGate {
  /** The keys of each component whose capability the host lacks or does not document. */
  private readonly pusherKeys = new Map<string, GatedKey>();
  private readonly playerKeys = new Map<string, GatedKey>();
  private readonly qq: boolean;
  private lastPusher: PusherNodeAttributes | null = null;
  private lastGated: PusherNodeAttributes | null = null;

  constructor(private readonly host: Host) {
    this.qq = host.name === 'qq';
    for (const [name, capability] of capabilityList()) {
      const support = supportOn(host, name);
      if (support === 'yes') continue;
      const into = capability.on === 'live-pusher' ? this.pusherKeys : this.playerKeys;
      for (const key of capability.keys) into.set(key, { name, capability, support });
    }
  }

  /** The pusher's attributes for this host (the same object when nothing changes). */
  pusher<T extends PusherNodeAttributes>(attributes: T): T {
    if (attributes === this.lastPusher && this.lastGated !== null) return this.lastGated as T;
    let gated = this.fit(attributes, this.pusherKeys, DEFAULT_PUSHER_ATTRIBUTES);
    if (this.qq && !attributes.enableMic && !attributes.muted) gated = { ...gated, muted: true };
    this.lastPusher = attributes;
    this.lastGated = gated;
    return gated;
  }

  /** A player's attributes for this host (the same object when nothing changes). */
  player<T extends object>(attributes: T): T {
    return this.fit(attributes, this.playerKeys, PLAYER_DEFAULTS);
  }

  private fit<T extends object>(
    attributes: T,
    keys: ReadonlyMap<string, GatedKey>,
    defaults: object,
  ): T {
    if (keys.size === 0) return attributes;
    const values = attributes as Attributes;
    let fitted: Record<string, unknown> | null = null;
    for (const [key, gated] of keys) {
      const fallback = (defaults as Attributes)[key];
      if (!(key in values) || !(key in defaults) || values[key] === fallback) continue;
      this.warn(gated, key);
      if (gated.support === 'no') {
        fitted ??= { ...values };
        fitted[key] = fallback;
      }
    }
    return fitted === null ? attributes : (fitted as T);
  }

  private warn({ name, capability, support }: GatedKey, key: string): void {
    let warned = warnedBy.get(this.host.api);
    if (warned === undefined) warnedBy.set(this.host.api, (warned = new Set()));
    if (warned.has(name)) return;
    warned.add(name);
    const host = HOST_NAMES[this.host.name];
    const note = capability.note === undefined ? '' : ` (${capability.note})`;
    const what = `${key} (${capability.description})`;
    if (support === 'unknown') {
      log.warn(`${host} does not document ${what}${note}: it may be ignored here.`);
    } else if (this.host.name === 'qq') {
      log.warn(`QQ has no ${what}${note}: it is left at its default here.`);
    } else {
      log.warn(
        `${what} needs base library ${capability.since}+${note}; this ${host} is older, so it ` +
          'is left at its default. Set the minimum base library in the admin console, or ' +
          'check hostSupport() before using it.',
      );
    }
  }
}
