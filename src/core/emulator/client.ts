// What a room needs to talk to a room emulator (DevTools and tests only): the probe that finds
// one, the development signing, the link that stands in for the native engine, and call signaling over
// the emulator's Chat relay. Loaded on first
// use through loadEmulatorClient (src/core/lazy-modules.ts), so a page on a phone never loads it.
export { EmulatorLink } from './link';
export type { EmulatorLinkOptions } from './link';
export { probeEmulator, probeEmulatorOutcome } from './probe';
export type { ProbeCancelHook, ProbeOutcome } from './probe';
export { DEV_SIGN_TIMEOUT_MS, requestDevUserSig } from './dev-user-sig';
export type { DevUserSig } from './dev-user-sig';
export { emulatorSignaling } from './chat-link';
export type { EmulatorSignaling, EmulatorSignalingOptions } from './chat-link';
export { EMULATOR_CHAT_PATH } from './chat-wire';
