// The demo's user id: checked as the native demo checks it, and remembered (Taro storage) so that
// the entry page, the call page and the app's call manager (app.ts) agree on whose calls ring here.
// A first launch makes one up and remembers it.
import Taro from '@tarojs/taro';

const STORAGE_KEY = 'trtc-room-taro-demo:user-id';
const USER_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** A fresh user id: taro_ and five letters or digits. */
export function randomUserId(): string {
  let suffix = '';
  for (let i = 0; i < 5; i += 1) suffix += Math.floor(Math.random() * 36).toString(36);
  return `taro_${suffix}`;
}

/** The message for a user id typed as text, or '' when it is good. */
export function userIdProblem(text: string): string {
  const value = text.trim();
  if (value === '') return 'Enter a user id, e.g. alice_01.';
  if (value.length > 32) return 'A user id has at most 32 characters.';
  if (!USER_ID.test(value)) return 'A user id takes letters, digits, _ and - only.';
  return '';
}

/** The message for the user id to call, or '' when it is good. */
export function calleeIdProblem(text: string, ownUserId: string): string {
  const value = text.trim();
  if (value === '') return 'Enter the user id to call, e.g. bob.';
  if (value === ownUserId) return 'That is your own user id: call someone else.';
  return userIdProblem(value);
}

/** Remembers `userId` (storage full or missing: it just is not remembered). */
export function rememberUserId(userId: string): void {
  try {
    Taro.setStorageSync(STORAGE_KEY, userId);
  } catch {
    // Not remembered; everything else works.
  }
}

/** The remembered user id; a new one, remembered from now on, when there is none. */
export function rememberedUserId(): string {
  let saved: unknown = '';
  try {
    saved = Taro.getStorageSync(STORAGE_KEY);
  } catch {
    saved = '';
  }
  if (typeof saved === 'string' && userIdProblem(saved) === '') return saved;
  const userId = randomUserId();
  rememberUserId(userId);
  return userId;
}
