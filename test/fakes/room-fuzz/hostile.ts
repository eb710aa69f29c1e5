// Details that throw when read (getters, proxies, revoked proxies), named for the traces.
import type { Rng } from './rng';
import { nameHostile } from './show';

/** Details that throw when read: a native bridge never sends these, but handlers must survive. */
export function hostile(rng: Rng): object {
  const boom = (): never => {
    throw new Error('hostile detail');
  };
  switch (rng.int(5)) {
    case 0:
      return nameHostile(
        Object.defineProperty({}, 'code', { get: boom, enumerable: true }),
        'hostile({ get code() { throw } })',
      );
    case 1:
      return nameHostile(
        new Proxy(
          {},
          {
            get: boom,
            has: boom,
            ownKeys: boom,
            getOwnPropertyDescriptor: boom,
            getPrototypeOf: boom,
          },
        ),
        'hostile(new Proxy({}, { every trap throws }))',
      );
    case 2: {
      const revocable = Proxy.revocable({}, {});
      revocable.revoke();
      return nameHostile(revocable.proxy, 'hostile(a revoked Proxy)');
    }
    case 3:
      return nameHostile(
        Object.defineProperty({ code: 1031 }, 'message', { get: boom, enumerable: true }),
        'hostile({ code: 1031, get message() { throw } })',
      );
    default:
      return nameHostile(
        { code: 1031, message: { toString: boom } },
        'hostile({ code: 1031, message: { toString() { throw } } })',
      );
  }
}
