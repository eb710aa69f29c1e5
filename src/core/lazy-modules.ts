// The modules a page loads only when first needed (the mobx store, the emulator link, the UserSig
// diagnosis): each is reached through a function here that `require`s it synchronously. The
// mini-program build puts every module required here in a file of its own, and WeChat's packer
// follows such requires; nowhere else in src/ calls require (lint enforces it).
declare const require: (id: string) => unknown;

/** The mobx-miniprogram store (RoomStore): pages that bind it, getStore(). */
export const loadStoreModule = (): typeof import('./store/room-store') =>
  require('./store/room-store') as typeof import('./store/room-store');
