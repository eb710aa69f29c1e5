// Reading JSON request bodies within a size limit, and writing JSON answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, badRequest } from './http-body';

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * The request's JSON body, or undefined when it has none. POSTs must say application/json: a
 * browser page of another origin cannot send that without a CORS preflight, which this API never
 * grants, so it cannot drive the emulator behind the developer's back.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) {
      req.resume();
      reject(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'send Content-Type: application/json'));
      return;
    }
    // A refused body is still read (and dropped), so the client gets to read the answer.
    const tooLarge = () =>
      new HttpError(413, 'PAYLOAD_TOO_LARGE', `a request body must be at most ${limit} bytes`);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      failed = true;
      reject(badRequest(`the request body could not be read: ${error.message}`));
    });
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') {
        resolve(undefined);
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(badRequest('the request body is not valid JSON'));
      }
    });
  });
}

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: code, message }, headers);
}

export function sendFile(res: ServerResponse, type: string, body: Buffer): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': String(body.length),
    'content-security-policy':
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
      "connect-src 'self'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}
