// What a call needs to talk to a room emulator's Chat relay (DevTools and tests only): the call
// signaling over it. Loaded on first use through loadEmulatorChat (src/core/lazy-modules.ts), so
// neither a page on a phone nor a room without calls loads it.
export { emulatorSignaling } from './chat-link';
export type { EmulatorSignaling, EmulatorSignalingOptions } from './chat-link';
export { EMULATOR_CHAT_PATH } from './chat-wire';
