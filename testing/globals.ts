// The globals the kit sets while a room test runs, and what it does with them out of the way.
import { genTestUserSig } from '../src/usersig';

export interface Globals {
  restore(): void;
}

/** Defines globals (wx, getApp) until `restore()` puts back what was there. */
export function installGlobals(values: Record<string, unknown>): Globals {
  const scope = globalThis as Record<string, unknown>;
  const saved = Object.keys(values).map(
    (name) => [name, Object.getOwnPropertyDescriptor(scope, name)] as const,
  );
  for (const [name, value] of Object.entries(values)) {
    Object.defineProperty(scope, name, { value, configurable: true, writable: true });
  }
  return {
    restore() {
      for (const [name, descriptor] of saved) {
        if (descriptor === undefined) Reflect.deleteProperty(scope, name);
        else Object.defineProperty(scope, name, descriptor);
      }
    },
  };
}

/**
 * A test UserSig, signed with the mini-program globals hidden: trtc-room/usersig warns about
 * signing on the client when it sees them, and this signing is the test's, not the app's.
 */
export function signOutsideMiniProgram(options: {
  secretKey: string;
  sdkAppId: number;
  userId: string;
}): string {
  const scope = globalThis as Record<string, unknown>;
  const hidden = ['wx', 'qq'].map(
    (name) => [name, Object.getOwnPropertyDescriptor(scope, name)] as const,
  );
  for (const [name] of hidden) Reflect.deleteProperty(scope, name);
  try {
    return genTestUserSig(options);
  } finally {
    for (const [name, descriptor] of hidden)
      if (descriptor) Object.defineProperty(scope, name, descriptor);
  }
}

/** A jsdom element to attach a rendered page or component to. */
export function newParentElement(): unknown {
  return (
    globalThis as unknown as { document: { createElement(tag: string): unknown } }
  ).document.createElement('trtc-room-testing');
}
