// The console's Traces card: the traces phones POSTed to /api/traces (docs/emulator.md, "Traces"),
// newest first, each with a download link, Replay and Delete. Replay arms the trace for the next
// client that enters (POST /api/traces/:id/replay, at the speed chosen above the list); the armed
// replay is shown until a client takes it, with Cancel (DELETE /api/replay).
import { $, api, h, toast } from './dom.js';

const traces = { list: [], replay: null, lastRender: '' };
const tracePath = (id) => `/api/traces/${encodeURIComponent(id)}`;

function describe(trace) {
  const system = trace.platform.system ?? {};
  const device = [system.brand, system.model, system.platform, system.system]
    .filter(Boolean)
    .join(' ');
  const received = new Date(trace.receivedAt).toLocaleTimeString([], { hour12: false });
  const what = [
    `${trace.platform.host}${device ? ` · ${device}` : ''}`,
    `${trace.entries} entries${trace.dropped > 0 ? ` (${trace.dropped} dropped)` : ''}`,
    `received ${received}`,
  ];
  return what.join(' · ');
}

/** Runs an API call, says how it went, and lists again. */
async function act(run, done) {
  try {
    toast(done(await run()));
  } catch (error) {
    toast(error.message, 'error');
  }
  refreshTraces();
}

const speedText = (speed) =>
  speed === 0 ? 'no waits' : speed === 1 ? 'as recorded' : `speed ${speed}`;

function replay(trace) {
  const speed = Number($('trace-replay-speed').value);
  return act(
    () => api('POST', `${tracePath(trace.id)}/replay`, { speed }),
    (armed) => `${armed.name} armed (${speedText(armed.speed)}): enter a room to replay it`,
  );
}

function button(testid, label, onclick) {
  return h('button', { type: 'button', class: 'small', dataset: { testid }, onclick }, label);
}

function item(trace) {
  const armed = traces.replay !== null && traces.replay.id === trace.id;
  return h(
    'li',
    { dataset: { testid: 'trace', id: trace.id, name: trace.name, armed: String(armed) } },
    h(
      'div',
      {},
      h('strong', {}, trace.name),
      trace.synthetic && trace.platform.host !== 'synthetic'
        ? h('span', { class: 'badge bot' }, 'synthetic')
        : null,
      h('span', { class: 'description' }, describe(trace)),
    ),
    h(
      'div',
      { class: 'row' },
      h(
        'a',
        {
          class: 'button small',
          href: tracePath(trace.id),
          download: `${trace.name}.json`,
          dataset: { testid: 'trace-download' },
        },
        'Download',
      ),
      button('trace-replay', 'Replay', () => replay(trace)),
      button('trace-delete', 'Delete', () =>
        act(
          () => api('DELETE', tracePath(trace.id)),
          () => `trace ${trace.name} deleted`,
        ),
      ),
    ),
  );
}

function renderReplay() {
  const armed = traces.replay;
  $('trace-replay').hidden = armed === null;
  $('trace-replay').dataset.id = armed?.id ?? '';
  if (armed === null) return;
  const source = armed.id === null ? '' : ` (${armed.id})`;
  $('trace-replay-text').textContent =
    `Armed: ${armed.name}${source}, ${armed.frames} frames, ${speedText(armed.speed)}: ` +
    'waiting for a client to enter';
}

function render() {
  const signature = JSON.stringify([traces.list, traces.replay]);
  if (signature === traces.lastRender) return;
  traces.lastRender = signature;
  renderReplay();
  $('traces').replaceChildren(...traces.list.map(item));
  $('no-traces').hidden = traces.list.length > 0;
  $('trace-speed').hidden = traces.list.length === 0;
}

export async function refreshTraces() {
  try {
    const answer = await api('GET', '/api/traces');
    traces.list = answer.traces;
    traces.replay = answer.replay ?? null;
    render();
  } catch {
    // The room list says when the emulator is unreachable.
  }
}

export function startTraces() {
  $('trace-replay-cancel').addEventListener('click', () =>
    act(
      () => api('DELETE', '/api/replay'),
      () => 'replay cancelled: the next client gets a room',
    ),
  );
  refreshTraces();
  setInterval(refreshTraces, 2000);
}
