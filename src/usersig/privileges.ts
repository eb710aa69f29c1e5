import { TrtcError, TrtcErrorCode } from '../core/errors';

/** The PrivateMapKey privilege bits (`privilegeMap`). 255 grants everything. */
export const PRIVILEGES = {
  'create-room': 1,
  'enter-room': 2,
  'send-audio': 4,
  'receive-audio': 8,
  'send-video': 16,
  'receive-video': 32,
  'send-sub-stream': 64,
  'receive-sub-stream': 128,
} as const;

export type PrivilegeName = keyof typeof PRIVILEGES;

/** A privilege mask (integer 0..255) or the names of the granted privileges. */
export type Privileges = number | readonly PrivilegeName[];

const NAMES = Object.keys(PRIVILEGES) as PrivilegeName[];

function isPrivilegeName(value: unknown): value is PrivilegeName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PRIVILEGES, value);
}

function invalidPrivileges(message: string): TrtcError {
  return new TrtcError(TrtcErrorCode.InvalidPrivileges, message, { field: 'privileges' });
}

/** The mask for a list of privilege names, e.g. `['enter-room', 'receive-audio']` → 10. */
export function privilegesToMask(names: readonly PrivilegeName[]): number {
  if (!Array.isArray(names)) {
    throw invalidPrivileges('privileges must be an array of privilege names or a mask 0..255');
  }
  let mask = 0;
  for (const name of names as readonly unknown[]) {
    if (!isPrivilegeName(name)) {
      throw invalidPrivileges(
        `unknown privilege ${typeof name === 'string' ? JSON.stringify(name) : typeof name}; known: ${NAMES.join(', ')}`,
      );
    }
    mask |= PRIVILEGES[name];
  }
  return mask;
}

/** The names of the known privilege bits set in `mask`; bits above 128 are ignored. */
export function maskToPrivileges(mask: number): PrivilegeName[] {
  if (typeof mask !== 'number' || !Number.isInteger(mask) || mask < 0 || mask > 0xffffffff) {
    throw invalidPrivileges(
      `privilege mask must be an unsigned 32-bit integer, got ${String(mask)}`,
    );
  }
  return NAMES.filter((name) => (mask & PRIVILEGES[name]) !== 0);
}

/** Validates the generator's `privileges` option and returns the mask. */
export function resolvePrivilegeMask(privileges: unknown): number {
  let mask: number;
  if (typeof privileges === 'number') {
    if (!Number.isInteger(privileges) || privileges < 0 || privileges > 255) {
      throw invalidPrivileges(
        `privileges mask must be an integer from 1 to 255, got ${privileges}`,
      );
    }
    mask = privileges;
  } else if (Array.isArray(privileges)) {
    mask = privilegesToMask(privileges);
  } else {
    throw invalidPrivileges(
      `privileges must be a mask 1..255 or an array of privilege names, got ${typeof privileges}`,
    );
  }
  if (mask === 0) {
    throw invalidPrivileges('privileges grant nothing (mask 0): such a key opens no room');
  }
  return mask;
}
