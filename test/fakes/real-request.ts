// Real HTTP for tests that talk to a running emulator's API: `realRequest` is wx.request over
// node:http (a mini-program's exportTrace('emulator') reaching the real route), `httpJson` a plain
// JSON call. node:http rather than fetch: it exists under jest's jsdom environment too, and no
// timer of it is faked (under jest's fake clock, wait for the answer with waitForRealIo).
import http from 'node:http';
import type { HostRequestOptions } from '../../src/host';

export interface HttpAnswer {
  readonly status: number;
  /** The body parsed as JSON, or its text when it is not JSON. */
  readonly data: unknown;
}

/** `method url` with `body` (sent as it is, with Content-Type: application/json when given). */
export function httpText(
  method: string,
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const sent = body === undefined ? {} : { 'content-type': 'application/json' };
    const req = http.request(url, { method, headers: { ...sent, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let data: unknown = text;
        try {
          data = JSON.parse(text) as unknown;
        } catch {
          // not JSON: the text
        }
        resolve({ status: res.statusCode ?? 0, data });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A JSON call: `body` JSON-encoded (a POST without one still says application/json). */
export function httpJson(method: string, url: string, body?: unknown): Promise<HttpAnswer> {
  const text = body === undefined ? (method === 'POST' ? '' : undefined) : JSON.stringify(body);
  return httpText(method, url, text);
}

/** wx.request over node:http: success with any status and the parsed JSON, fail on no answer. */
export function realRequest(options: HostRequestOptions): void {
  httpText(options.method ?? 'GET', options.url, options.data, options.header ?? {})
    .then((answer) => options.success?.({ statusCode: answer.status, data: answer.data }))
    .catch((error: unknown) => options.fail?.({ errMsg: `request:fail ${String(error)}` }));
}
