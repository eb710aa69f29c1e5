// The only host globals src/ relies on. They exist in every mini-program base library and in Node;
// lib.dom and @types/node stay out of the library build so nothing else slips in.
interface TrtcRoomConsole {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}
declare const console: TrtcRoomConsole;

// Timers, behind `systemScheduler` (room/scheduler.ts) only: everything else takes a Scheduler so
// tests control time. Handles stay opaque (a number in mini-programs, an object in Node).
declare function setTimeout(handler: () => void, ms: number): unknown;
declare function clearTimeout(handle: unknown): void;
