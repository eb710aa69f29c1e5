// For end-to-end tests that run on jest's fake clock (the components, the room client and an
// in-process emulator) but talk over real sockets: lets real I/O happen between small steps of
// the fake clock, until a condition holds.
import { settleSystemTimers } from './system-timers';

// Taken when this module loads, before a test fakes the timers.
const realSetTimeout = setTimeout;

/** Moves the fake clock 25 ms at a time, with a real pause for socket I/O between, until `done()`. */
export async function waitForRealIo(
  what: string,
  done: () => boolean,
  maxFakeMs = 20_000,
): Promise<void> {
  for (let elapsed = 0; !done(); elapsed += 25) {
    if (elapsed > maxFakeMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => realSetTimeout(resolve, 2));
    await jest.advanceTimersByTimeAsync(25);
  }
  await settleSystemTimers();
}
