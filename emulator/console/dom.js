// Small DOM and API helpers for the console. Text from the emulator is only ever set as
// textContent (h() children, never innerHTML).

export const $ = (id) => document.getElementById(id);

/** h('button', {class: 'x', dataset: {testid: 'y'}, onclick}, 'text', child) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}

let toastTimer;
export function toast(message, kind = 'info') {
  const el = $('toast');
  el.textContent = message;
  el.dataset.kind = kind;
  el.dataset.visible = 'true';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.dataset.visible = 'false'), kind === 'error' ? 6000 : 2500);
}

/** A JSON API call; throws an Error with the API's message on failure. */
export async function api(method, path, body) {
  const init = { method, headers: {} };
  if (method !== 'GET') {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  const res = await fetch(path, init);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message || `${method} ${path}: HTTP ${res.status}`);
  return data;
}

export const roomPath = (key) => `/api/rooms/${encodeURIComponent(key)}`;
