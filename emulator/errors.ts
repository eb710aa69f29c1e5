export type EmulatorErrorCode = 'LIMIT' | 'NOT_FOUND' | 'BAD_REQUEST';

/** What the hub throws for bad input; the HTTP server maps LIMIT→429, NOT_FOUND→404, BAD_REQUEST→400. */
export class EmulatorError extends Error {
  readonly code: EmulatorErrorCode;

  constructor(code: EmulatorErrorCode, message: string) {
    super(message);
    this.name = 'EmulatorError';
    this.code = code;
  }
}

export const badRequest = (message: string): EmulatorError =>
  new EmulatorError('BAD_REQUEST', message);
export const notFound = (message: string): EmulatorError => new EmulatorError('NOT_FOUND', message);
export const overLimit = (message: string): EmulatorError => new EmulatorError('LIMIT', message);
