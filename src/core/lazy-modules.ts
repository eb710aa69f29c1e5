// The modules a page loads only when first needed (the mobx store, the emulator client, the UserSig
// diagnosis, the app's call manager): each is reached through a function here that `require`s it synchronously. The
// mini-program build puts every module required here in a file of its own (miniprogram_dist/lazy/,
// see scripts/miniprogram-split.mjs), and WeChat's packer follows such requires; nowhere else in
// src/ calls require (lint enforces it). Type imports only: a value import would load the module
// at startup.
import type * as CallRegistry from './call/call-registry';
import type * as EmulatorClient from './emulator/client';
import type * as RoomStoreModule from './store/room-store';
import type * as TraceRecording from './trace/trace-recording';
import type * as RoomDiagnosis from './usersig/room-diagnosis';

declare const require: (id: string) => unknown;

/** The mobx-miniprogram store (RoomStore): pages that bind it, getStore(). */
export const loadStoreModule = (): typeof RoomStoreModule =>
  require('./store/room-store') as typeof RoomStoreModule;

/**
 * The room emulator's probe, development signing, link and Chat relay client (src/core/emulator):
 * DevTools only.
 */
export const loadEmulatorClient = (): typeof EmulatorClient =>
  require('./emulator/client') as typeof EmulatorClient;

/** The -100018 UserSig diagnosis with its decoder and inflate: only after TRTC rejects one. */
export const loadUserSigDiagnosis = (): typeof RoomDiagnosis =>
  require('./usersig/room-diagnosis') as typeof RoomDiagnosis;

let callRegistry: typeof CallRegistry | undefined;

/**
 * The app's call manager (trtc-room/call): only pages with calls. Read on every call-screen
 * render, so the module is kept here after the first require.
 */
export const loadCallRegistry = (): typeof CallRegistry =>
  (callRegistry ??= require('./call/call-registry') as typeof CallRegistry);

/** The trace recorder and the recording adapter: only rooms that record a trace. */
export const loadTraceRecording = (): typeof TraceRecording =>
  require('./trace/trace-recording') as typeof TraceRecording;
