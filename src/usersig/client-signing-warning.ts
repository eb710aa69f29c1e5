import { createLogger } from '../core/logger';

declare const wx: unknown;
declare const qq: unknown;

const logger = createLogger('usersig');
let warned = false;

function inMiniProgram(): boolean {
  return typeof wx !== 'undefined' || typeof qq !== 'undefined';
}

/** Logs once per app run, the first time a secret key is used to sign inside a mini-program. */
export function warnIfSigningInMiniProgram(): void {
  if (warned || !inMiniProgram()) return;
  warned = true;
  logger.warn(
    'signing with the SDK secret key on the client is for development only: anyone can extract ' +
      'the key from the package. In production, generate UserSig and PrivateMapKey on your server.',
  );
}
