// The app's call manager (createCallManager of trtc-room/call), one per mini-program: app.ts
// creates it at launch for the remembered user id, and again whenever the user takes calls under
// another id (destroy(), then create). An incoming call opens the call page (room/call), whose
// <TrtcCall> shows it.
//
// app.ts (main package) and the call page (the independent room subpackage) each get their own
// copy of this module, and of trtc-room, from Taro: nothing here keeps state of its own. The
// manager is found with getCallManager(), which every copy of trtc-room shares (docs/taro.md,
// "Calls"). The call page calls startCalls too, so an independent subpackage opened first, without
// app.ts, still has calls.
//
// In WeChat DevTools the calls go through the room emulator's Chat relay (`emulator` as the room
// page passes it). On a phone they need Tencent Chat: the demo has no Chat SDK, so
// createCallManager throws, and the call page says what an app passes (docs/calls.md, "Setting
// up").
import Taro from '@tarojs/taro';
import { createCallManager, getCallManager } from 'trtc-room/call';
import { genTestUserSig } from 'trtc-room/usersig';

/** The call page, for Taro.navigateTo. */
export const CALL_PAGE = '/room/call';
/** The call page as getCurrentPages() names it. */
const CALL_ROUTE = CALL_PAGE.slice(1);

/** Whose calls ring here, and why there are none when `ready` is false. */
export interface CallStatus {
  readonly userId: string;
  readonly ready: boolean;
  /** Why there are no calls ('' when there are). */
  readonly problem: string;
  /** The problem is the missing Chat SDK (outside DevTools). */
  readonly needsChat: boolean;
}

export const messageOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'message' in error
    ? String((error as { message: unknown }).message)
    : String(error);

const noCalls = (userId: string, problem: string, needsChat = false): CallStatus => ({
  userId,
  ready: false,
  problem,
  needsChat,
});
const readyFor = (userId: string): CallStatus => ({
  userId,
  ready: true,
  problem: '',
  needsChat: false,
});

/** Whose calls the app's call manager takes now, or '' without one. */
export function callsUserId(): string {
  return getCallManager()?.options.userId ?? '';
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Calls for `userId`: nothing to do when the app's manager is already this user's; otherwise the
 * manager (if any) is destroyed and one is created for `userId`. Never rejects: the status says
 * what went wrong.
 */
export function startCalls(userId: string): Promise<CallStatus> {
  const next = queue.then(() => restartCalls(userId));
  queue = next;
  return next;
}

async function restartCalls(userId: string): Promise<CallStatus> {
  const current = getCallManager();
  if (current !== null && current.options.userId === userId) return readyFor(userId);
  if (current !== null) {
    try {
      await current.destroy();
    } catch (error) {
      console.warn('[demo] the old call manager did not stop cleanly', error);
    }
  }
  return createCalls(userId);
}

function createCalls(userId: string): CallStatus {
  const { sdkAppId, secretKey, emulator } = TRTC_DEMO_CONFIG;
  let userSig: string;
  try {
    // Signed on the device with the demo's key, as the room page signs its UserSig: development
    // only. A real app gets the UserSig from its server and ships no secret key.
    userSig = genTestUserSig({ sdkAppId, secretKey, userId });
  } catch (error) {
    return noCalls(userId, `Could not sign a test UserSig: ${messageOf(error)}`);
  }
  try {
    // `emulator` as the room page passes it: in DevTools the emulator's Chat relay carries the
    // invitations. A phone needs `chat` (a logged-in Tencent Chat instance), which the demo lacks.
    const manager = createCallManager({ sdkAppId, userId, userSig, emulator });
    manager.on('incoming', () => openCallPage());
    return readyFor(userId);
  } catch (error) {
    // Another copy of this module made one for the same user meanwhile: that one is fine.
    if (callsUserId() === userId) return readyFor(userId);
    // Without `chat` outside DevTools: a TrtcError INVALID_PARAMETER about the field `chat`.
    const { code, field } = (error ?? {}) as { code?: unknown; field?: unknown };
    return noCalls(userId, messageOf(error), code === 'INVALID_PARAMETER' && field === 'chat');
  }
}

/** Opens the call page, whose <TrtcCall> shows the ringing call, unless it is open already. */
export function openCallPage(): void {
  const pages = Taro.getCurrentPages();
  const top = pages[pages.length - 1];
  if (top !== undefined && top.route === CALL_ROUTE) return;
  Taro.navigateTo({ url: CALL_PAGE }).catch((error: unknown) => {
    console.warn('[demo] could not open the call page', error);
  });
}
