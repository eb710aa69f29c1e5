// The emulator's web console: plain DOM, no dependencies. Everything goes through the JSON API
// (/api/...) and the live log (/api/events).
import { scheduleCallsRefresh, startCalls } from './calls.js';
import { participantCard } from './cards.js';
import { $, api, h, roomPath, toast } from './dom.js';
import { connectLog, filterLog } from './log.js';
import { startTraces } from './traces.js';

const state = { sdkAppId: 1400000001, selected: '', rooms: [], lastRender: '' };

async function act(what, method, path, body) {
  try {
    await api(method, path, body);
    toast(what);
    scheduleRefresh();
  } catch (error) {
    toast(error.message, 'error');
  }
}

/** A key from what the user typed: a key as is, a number or a name in the default SDKAppID. */
function keyFromInput(text) {
  const value = text.trim();
  if (value === '') return '';
  if (/^\d+:(\d+|str:.+)$/s.test(value)) return value;
  if (/^\d+$/.test(value)) return `${state.sdkAppId}:${Number(value)}`;
  return `${state.sdkAppId}:str:${value}`;
}

function select(key) {
  state.selected = key;
  state.lastRender = '';
  if (key) history.replaceState(null, '', `#room=${encodeURIComponent(key)}`);
  render();
  filterLog();
}

function renderRooms() {
  const list = $('rooms');
  list.replaceChildren(
    ...state.rooms.map((room) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            'aria-current': room.key === state.selected ? 'true' : 'false',
            dataset: { testid: 'room-item', key: room.key },
            onclick: () => select(room.key),
          },
          h('span', { class: 'room-key' }, room.key),
          h('span', { class: 'count' }, String(room.participants.length)),
        ),
      ),
    ),
  );
  $('no-rooms').hidden = state.rooms.length > 0;
}

function render() {
  renderRooms();
  const key = state.selected;
  const room = state.rooms.find((candidate) => candidate.key === key) ?? null;
  const signature = JSON.stringify([key, room]);
  if (signature === state.lastRender) return;
  state.lastRender = signature;
  $('room-title').textContent = key || 'No room selected';
  $('room-subtitle').textContent = room
    ? `${room.participants.length} in the room · scene ${room.scene}`
    : key
      ? 'Not open yet: add a bot, or enter it from a client.'
      : 'Pick a room on the left, or type one.';
  for (const id of ['add-bot', 'dismiss-room']) $(id).disabled = !key;
  const people = room ? room.participants : [];
  $('participants').replaceChildren(...people.map((p) => participantCard(key, p, act)));
  $('empty-room').hidden = people.length > 0 || !key;
}

async function refresh() {
  try {
    const { rooms } = await api('GET', '/api/rooms');
    state.rooms = rooms;
    const clients = rooms.flatMap((r) => r.participants).filter((p) => p.kind === 'client');
    const count = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    $('stats').textContent = `${count(rooms.length, 'room')} · ${count(clients.length, 'client')}`;
    render();
  } catch {
    $('stats').textContent = 'emulator unreachable';
  }
}

let refreshTimer;
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, 100);
}

async function loadScenarios() {
  const { scenarios, dir } = await api('GET', '/api/scenarios').catch(() => ({ scenarios: [] }));
  $('scenarios').replaceChildren(
    ...scenarios.map((s) =>
      h(
        'li',
        { dataset: { testid: 'scenario', name: s.name } },
        h(
          'div',
          {},
          h('strong', {}, s.name),
          h(
            'span',
            { class: s.error ? 'description error' : 'description' },
            s.error || s.description,
          ),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'small',
            disabled: Boolean(s.error),
            onclick: async () => {
              await act(
                `${s.name} ${s.running ? 'stopped' : 'started'}`,
                s.running ? 'DELETE' : 'POST',
                `/api/scenarios/${encodeURIComponent(s.name)}`,
              );
              loadScenarios();
            },
          },
          s.running ? 'Stop' : 'Run',
        ),
      ),
    ),
  );
  $('no-scenarios').hidden = scenarios.length > 0;
  if (dir) $('no-scenarios').textContent = `No scenarios in ${dir}.`;
}

function wire() {
  $('room-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = keyFromInput($('room-input').value);
    if (key) select(key);
  });
  $('add-bot-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!state.selected) return;
    const body = {
      camera: $('bot-camera').checked,
      microphone: $('bot-microphone').checked,
      screen: $('bot-screen').checked,
      speaking: Number($('bot-speaking').value) || 0,
    };
    const userId = $('bot-user-id').value.trim();
    if (userId) body.userId = userId;
    act('bot added', 'POST', `${roomPath(state.selected)}/bots`, body).then(() => {
      $('bot-user-id').value = '';
    });
  });
  $('dismiss-room').addEventListener('click', () =>
    act(`${state.selected} dismissed`, 'POST', `${roomPath(state.selected)}/faults`, {
      kind: 'dismiss',
    }),
  );
  $('log-clear').addEventListener('click', () => $('log').replaceChildren());
  $('log-room-only').addEventListener('change', filterLog);
}

async function start() {
  wire();
  const hash = /^#room=(.+)$/.exec(location.hash);
  try {
    const health = await api('GET', '/api/health');
    state.sdkAppId = health.sdkAppId;
    $('version').textContent = health.emulator;
    $('default-sdkappid').textContent = String(health.sdkAppId);
  } catch (error) {
    toast(`The emulator does not answer: ${error.message}`, 'error');
  }
  let initial = '';
  try {
    initial = hash ? decodeURIComponent(hash[1]) : '';
  } catch {
    // A hand-edited hash; start with no room.
  }
  select(initial);
  startCalls();
  startTraces();
  connectLog(
    () => state.selected,
    () => {
      scheduleRefresh();
      scheduleCallsRefresh();
    },
  );
  await Promise.all([refresh(), loadScenarios()]);
  setInterval(refresh, 1000);
}

start();
