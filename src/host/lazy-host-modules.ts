// The host modules a page loads only when first needed, as src/core/lazy-modules.ts does for the
// core: each is reached through a function here that `require`s it synchronously, and the
// mini-program build puts it in a file of its own (miniprogram_dist/lazy/host-*.js). Type imports
// only: a value import would load the module at startup.
import type * as CapabilityGateModule from './capability-gate';
import type * as ContextResults from './context-results';
import type * as EmulatorSupport from './emulator-support';
import type * as FailureMessage from './failure-message';
import type * as PermissionSettings from './permission-settings';
import type * as TraceExport from './trace-export';

declare const require: (id: string) => unknown;

/** Reading and exporting a recorded trace: only when a page asks for one. */
export const loadTraceExport = (): typeof TraceExport =>
  require('./trace-export') as typeof TraceExport;

/** The per-host capability table and the attribute gate: QQ, WeCom, or an older WeChat. */
export const loadCapabilityGate = (): typeof CapabilityGateModule =>
  require('./capability-gate') as typeof CapabilityGateModule;

/** What snapshot and getMaxZoom answer, and background playback's refusal: their first call. */
export const loadContextResults = (): typeof ContextResults =>
  require('./context-results') as typeof ContextResults;

/** The sentence a `failed` event carries: only when a room fails. */
export const loadFailureMessage = (): typeof FailureMessage =>
  require('./failure-message') as typeof FailureMessage;

/** The settings prompt (its modal and texts): only after a camera or microphone refusal. */
export const loadPermissionSettings = (): typeof PermissionSettings =>
  require('./permission-settings') as typeof PermissionSettings;

let emulatorSupport: typeof EmulatorSupport | undefined;

/**
 * The emulator's probe, the host's sockets and the placeholders: only a room that may talk to a
 * room emulator (DevTools, or an address). Read on every render while emulated, so the module is
 * kept here after the first require.
 */
export const loadEmulatorSupport = (): typeof EmulatorSupport =>
  (emulatorSupport ??= require('./emulator-support') as typeof EmulatorSupport);
