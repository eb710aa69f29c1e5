// The PrivateMapKey payload, written; decodeUserbuf, which the core needs, is in
// src/core/usersig/userbuf.ts.
export interface UserbufFields {
  readonly account: string;
  readonly sdkAppId: number;
  readonly roomId: number;
  readonly strRoomId: string | undefined;
  readonly expiresAt: number;
  readonly privilegeMask: number;
}

// cVer u8 | accountLen u16 | account | sdkappid u32 | roomid u32 | expireAbs u32 | privilegeMap u32
// | accountType u32 | [roomStrLen u16 | roomStr], all big-endian. account and roomStr are ASCII.
const FIXED_AFTER_ACCOUNT = 20;

function writeAscii(bytes: Uint8Array, offset: number, text: string): number {
  for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  return offset + text.length;
}

function writeUint(bytes: Uint8Array, offset: number, value: number, size: 2 | 4): number {
  for (let i = size - 1; i >= 0; i--) bytes[offset + size - 1 - i] = (value >>> (8 * i)) & 255;
  return offset + size;
}

/** Expects validated fields: ASCII account and strRoomId, u32 numbers. */
export function encodeUserbuf(fields: UserbufFields): Uint8Array {
  const { account, strRoomId } = fields;
  const roomPart = strRoomId === undefined ? 0 : 2 + strRoomId.length;
  const bytes = new Uint8Array(3 + account.length + FIXED_AFTER_ACCOUNT + roomPart);
  bytes[0] = strRoomId === undefined ? 0 : 1;
  let offset = writeUint(bytes, 1, account.length, 2);
  offset = writeAscii(bytes, offset, account);
  offset = writeUint(bytes, offset, fields.sdkAppId, 4);
  offset = writeUint(bytes, offset, strRoomId === undefined ? fields.roomId : 0, 4);
  offset = writeUint(bytes, offset, fields.expiresAt, 4);
  offset = writeUint(bytes, offset, fields.privilegeMask, 4);
  offset = writeUint(bytes, offset, 0, 4);
  if (strRoomId !== undefined) {
    offset = writeUint(bytes, offset, strRoomId.length, 2);
    writeAscii(bytes, offset, strRoomId);
  }
  return bytes;
}
