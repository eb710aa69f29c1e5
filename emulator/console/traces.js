// The console's Traces card: the traces phones POSTed to /api/traces (docs/emulator.md, "Traces"),
// newest first, each with a download link and Delete. Replaying one is `--replay <file>`.
import { $, api, h, toast } from './dom.js';

const traces = { list: [], lastRender: '' };
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

function item(trace) {
  return h(
    'li',
    { dataset: { testid: 'trace', id: trace.id, name: trace.name } },
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
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          dataset: { testid: 'trace-delete' },
          onclick: async () => {
            try {
              await api('DELETE', tracePath(trace.id));
              toast(`trace ${trace.name} deleted`);
            } catch (error) {
              toast(error.message, 'error');
            }
            refreshTraces();
          },
        },
        'Delete',
      ),
    ),
  );
}

function render() {
  const signature = JSON.stringify(traces.list);
  if (signature === traces.lastRender) return;
  traces.lastRender = signature;
  $('traces').replaceChildren(...traces.list.map(item));
  $('no-traces').hidden = traces.list.length > 0;
}

export async function refreshTraces() {
  try {
    traces.list = (await api('GET', '/api/traces')).traces;
    render();
  } catch {
    // The room list says when the emulator is unreachable.
  }
}

export function startTraces() {
  refreshTraces();
  setInterval(refreshTraces, 2000);
}
