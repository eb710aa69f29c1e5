// The live event log: entries from /api/events (Server-Sent Events), newest first.
import { $, h } from './dom.js';

const MAX_LOG_ROWS = 500;

let selectedRoom = () => '';

function logVisible(row) {
  const room = selectedRoom();
  return !$('log-room-only').checked || !room || row.dataset.room === room;
}

export function filterLog() {
  for (const row of $('log').children) row.hidden = !logVisible(row);
}

function addLogEntry(entry) {
  const time =
    new Date(entry.at).toLocaleTimeString([], { hour12: false }) +
    `.${String(entry.at % 1000).padStart(3, '0')}`;
  const where = [entry.room, entry.userId].filter(Boolean).join(' · ');
  const row = h(
    'li',
    {
      dataset: {
        testid: 'log-entry',
        kind: entry.kind,
        seq: String(entry.seq),
        room: entry.room ?? '',
        userId: entry.userId ?? '',
      },
    },
    h('time', {}, time),
    h('span', { class: 'kind' }, entry.kind),
    h('span', { class: 'where', title: where }, where),
    h('span', { class: 'text' }, entry.text),
  );
  row.hidden = !logVisible(row);
  const log = $('log');
  log.prepend(row);
  while (log.children.length > MAX_LOG_ROWS) log.lastElementChild.remove();
}

/** Streams the log into #log; `onEntry` runs after each entry (e.g. to refresh the rooms). */
export function connectLog(selected, onEntry) {
  selectedRoom = selected;
  const events = new EventSource('/api/events?since=0');
  const status = (value, text) => {
    $('connection').dataset.state = value;
    $('connection-text').textContent = text;
  };
  events.addEventListener('open', () => status('live', 'live'));
  events.addEventListener('error', () => status('down', 'reconnecting'));
  events.addEventListener('log', (event) => {
    if ($('log-pause').checked) return;
    addLogEntry(JSON.parse(event.data));
    onEntry();
  });
}
