import { TrtcError, TrtcErrorCode } from '../errors';
import type { PrivilegeName } from './privileges';
import { maskToPrivileges } from './privileges';

interface UserbufCommon {
  /** The userId the key was issued to. */
  readonly account: string;
  readonly sdkAppId: number;
  /** Absolute expiry in seconds since the epoch (`TLS.time + TLS.expire`). */
  readonly expiresAt: number;
  readonly privilegeMask: number;
  readonly privileges: PrivilegeName[];
  readonly accountType: number;
}

/** The PrivateMapKey payload (`TLS.userbuf`), decoded: a key for a numeric or a string room. */
export type DecodedUserbuf =
  | (UserbufCommon & { readonly roomType: 'numeric'; readonly roomId: number })
  | (UserbufCommon & {
      readonly roomType: 'string';
      /** Always 0 in a string room's key. */
      readonly roomId: number;
      readonly strRoomId: string;
    });

// The layout (written by encodeUserbuf in src/usersig/userbuf.ts):
// cVer u8 | accountLen u16 | account | sdkappid u32 | roomid u32 | expireAbs u32 | privilegeMap u32
// | accountType u32 | [roomStrLen u16 | roomStr], all big-endian. account and roomStr are ASCII.

function malformedUserbuf(why: string): TrtcError {
  return new TrtcError(
    TrtcErrorCode.MalformedUserSig,
    `TLS.userbuf is not a valid userbuf: ${why}`,
    {
      field: 'TLS.userbuf',
    },
  );
}

class Reader {
  private offset_ = 0;
  constructor(private readonly bytes_: Uint8Array) {}

  uint(size: 1 | 2 | 4, what: string): number {
    this.need_(size, what);
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + (this.bytes_[this.offset_++] ?? 0);
    return value;
  }

  text(length: number, what: string): string {
    this.need_(length, what);
    let out = '';
    for (let i = 0; i < length; i++) out += String.fromCharCode(this.bytes_[this.offset_++] ?? 0);
    return out;
  }

  get remaining(): number {
    return this.bytes_.length - this.offset_;
  }

  private need_(size: number, what: string): void {
    if (this.remaining < size) {
      throw malformedUserbuf(`it ends inside ${what} (${this.bytes_.length} bytes)`);
    }
  }
}

/** Parses the userbuf layout; throws TrtcError(MalformedUserSig) saying why it does not parse. */
export function decodeUserbuf(bytes: Uint8Array): DecodedUserbuf {
  const reader = new Reader(bytes);
  const version = reader.uint(1, 'the version byte');
  if (version !== 0 && version !== 1) {
    throw malformedUserbuf(`unknown version byte ${version} (expected 0 or 1)`);
  }
  const account = reader.text(reader.uint(2, 'the account length'), 'the account');
  const sdkAppId = reader.uint(4, 'the sdkappid');
  const roomId = reader.uint(4, 'the room id');
  const expiresAt = reader.uint(4, 'the expiry');
  const privilegeMask = reader.uint(4, 'the privilege map');
  const accountType = reader.uint(4, 'the account type');
  const strRoomId =
    version === 1 ? reader.text(reader.uint(2, 'the room string length'), 'the room string') : '';
  if (reader.remaining !== 0) {
    throw malformedUserbuf(`${reader.remaining} unexpected bytes after the last field`);
  }
  const base = {
    account,
    sdkAppId,
    roomId,
    expiresAt,
    privilegeMask,
    privileges: maskToPrivileges(privilegeMask),
    accountType,
  };
  return version === 1
    ? { roomType: 'string', ...base, strRoomId }
    : { roomType: 'numeric', ...base };
}
