// What each host supports of the native components and contexts trtc-room uses: the one list the
// version checks, the attribute gate (capability-gate.ts) and the generated support table
// (docs/platforms.md, `npm run support-table`) read. WeChat's column is its first base library
// (WeChat's component and API docs, docs/protocol.md §7); QQ's and WeCom's come from their own
// docs and the sources docs/platforms.md names. The rows are tuples to keep the runtime small.
import { PLAYER_CAPABILITIES } from './capabilities-player';
import { PUSHER_CAPABILITIES } from './capabilities-pusher';

/**
 * How QQ or WeCom supports a capability: `yes` (documented or shown by the host's own demo), `no`
 * (documented missing, or missing by every source), `partial` (see `note`), `unknown` (no
 * source either way). QQ's base library has its own numbering (1.x), so no WeChat version applies
 * there; WeCom runs WeChat's base library, usually an older one.
 */
export type HostSupport = 'yes' | 'no' | 'partial' | 'unknown';

export type CapabilityPlace =
  'live-pusher' | 'live-player' | 'LivePusherContext' | 'LivePlayerContext';

/**
 * [where, WeChat since, QQ, WeCom, what, note?]. `what`: the attribute keys (camelCase), space
 * separated; or, after `=`, the names of an event or a method as WXML or the API spells them.
 */
export type CapabilityRow = readonly [
  on: CapabilityPlace,
  since: string,
  qq: HostSupport,
  wxwork: HostSupport,
  what: string,
  note?: string,
];

export interface Feature {
  /** The first WeChat base library that has it. */
  readonly since: string;
  /** What it is, for warnings and errors: `live-pusher remote-mirror, local-mirror`. */
  readonly description: string;
}

export interface Capability extends Feature {
  readonly on: CapabilityPlace;
  /** The attribute keys the gate resets when the host lacks the capability. */
  readonly keys: readonly string[];
  /** What it is otherwise: an event's or a method's names. */
  readonly names: readonly string[];
  readonly qq: HostSupport;
  readonly wxwork: HostSupport;
  /** What `partial` means, or what to use instead. */
  readonly note?: string;
}

const ROWS = { ...PUSHER_CAPABILITIES, ...PLAYER_CAPABILITIES };

export type CapabilityName = keyof typeof ROWS;

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function capabilityOf([on, since, qq, wxwork, what, note]: CapabilityRow): Capability {
  const named = what.startsWith('=');
  const words = (named ? what.slice(1) : what).split(' ');
  const shown = named ? words : words.map(kebab);
  const separator = on.endsWith('Context') ? '.' : ' ';
  return {
    on,
    since,
    qq,
    wxwork,
    keys: named ? [] : words,
    names: named ? words : [],
    description: `${on}${separator}${shown.join(', ')}`,
    ...(note === undefined ? {} : { note }),
  };
}

/** Every capability, by name; the support table lists them in this order. */
export const CAPABILITIES = {} as Record<CapabilityName, Capability>;
for (const name of Object.keys(ROWS) as CapabilityName[]) {
  CAPABILITIES[name] = capabilityOf(ROWS[name]);
}

/** Every capability with its name, in the table's order. */
export function capabilityList(): readonly (readonly [CapabilityName, Capability])[] {
  return (Object.keys(CAPABILITIES) as CapabilityName[]).map((name) => [name, CAPABILITIES[name]]);
}
