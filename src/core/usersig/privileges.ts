import { TrtcError, TrtcErrorCode } from '../errors';

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

export const PRIVILEGE_NAMES = Object.keys(PRIVILEGES) as PrivilegeName[];

export function invalidPrivileges(message: string): TrtcError {
  return new TrtcError(TrtcErrorCode.InvalidPrivileges, message, { field: 'privileges' });
}

/** The names of the known privilege bits set in `mask`; bits above 128 are ignored. */
export function maskToPrivileges(mask: number): PrivilegeName[] {
  if (typeof mask !== 'number' || !Number.isInteger(mask) || mask < 0 || mask > 0xffffffff) {
    throw invalidPrivileges(
      `privilege mask must be an unsigned 32-bit integer, got ${String(mask)}`,
    );
  }
  return PRIVILEGE_NAMES.filter((name) => (mask & PRIVILEGES[name]) !== 0);
}
