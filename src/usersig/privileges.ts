import type { PrivilegeName } from '../core/usersig/privileges';
import { PRIVILEGES, PRIVILEGE_NAMES, invalidPrivileges } from '../core/usersig/privileges';

// The names and maskToPrivileges live in the core, which decodes PrivateMapKeys.
export type { PrivilegeName } from '../core/usersig/privileges';
export { PRIVILEGES, maskToPrivileges } from '../core/usersig/privileges';

/** A privilege mask (integer 0..255) or the names of the granted privileges. */
export type Privileges = number | readonly PrivilegeName[];

function isPrivilegeName(value: unknown): value is PrivilegeName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PRIVILEGES, value);
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
        `unknown privilege ${typeof name === 'string' ? JSON.stringify(name) : typeof name}; known: ${PRIVILEGE_NAMES.join(', ')}`,
      );
    }
    mask |= PRIVILEGES[name];
  }
  return mask;
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
