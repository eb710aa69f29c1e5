// Decoding only: the core needs it to read a UserSig; the encoder lives with the signing tools
// (src/usersig/base64.ts).
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const VALUE_OF: Record<string, number> = {};
for (let i = 0; i < ALPHABET.length; i++) VALUE_OF[ALPHABET.charAt(i)] = i;

function sextet(text: string, index: number): number {
  const char = text.charAt(index);
  const value = VALUE_OF[char];
  if (value === undefined) {
    throw new Error(`invalid base64 character ${JSON.stringify(char)} at position ${index}`);
  }
  return value;
}

/**
 * Strict standard base64: the length must be a multiple of 4, `=` may only pad the end, and the
 * unused bits before the padding must be zero, so every byte string has exactly one encoding.
 * Throws an Error saying what is wrong.
 */
export function decodeBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) {
    throw new Error(`base64 length ${text.length} is not a multiple of 4`);
  }
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  const dataLength = text.length - padding;
  let written = 0;
  for (let i = 0; i < dataLength; i += 4) {
    const n =
      (sextet(text, i) << 18) |
      (sextet(text, i + 1) << 12) |
      (i + 2 < dataLength ? sextet(text, i + 2) << 6 : 0) |
      (i + 3 < dataLength ? sextet(text, i + 3) : 0);
    bytes[written++] = n >>> 16;
    if (written < bytes.length) bytes[written++] = (n >>> 8) & 255;
    if (written < bytes.length) bytes[written++] = n & 255;
    if (i + 4 >= dataLength && padding > 0 && (n & (padding === 2 ? 0xffff : 0xff)) !== 0) {
      throw new Error('base64 has non-zero bits before its padding');
    }
  }
  return bytes;
}
