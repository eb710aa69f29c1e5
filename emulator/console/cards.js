// A participant's card: who, their streams and volume, and the buttons that drive a bot or inject
// a fault into a client's session. `act(what, method, path, body)` performs a button's API call.
import { $, h, roomPath } from './dom.js';

const FAULTS = [
  ['disconnect', 'Disconnect'],
  ['kick', 'Kick'],
  ['network-change', 'Network change'],
  ['background', 'Background'],
  ['delay', 'Delay'],
  ['duplicate', 'Duplicate'],
  ['reorder', 'Reorder'],
];

function hueOf(text) {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

const initials = (userId) =>
  (userId.replace(/[^A-Za-z0-9]/g, '').slice(0, 2) || userId.slice(0, 2)).toUpperCase();

function chip(label, on) {
  return h('span', { class: 'chip', dataset: { on: String(on) } }, label);
}

function botActions(room, p, act) {
  const path = `${roomPath(room)}/bots/${encodeURIComponent(p.userId)}`;
  const toggle = (name, label, on) =>
    h(
      'button',
      {
        type: 'button',
        class: on ? 'small on' : 'small',
        dataset: { testid: `action-${name}`, action: name },
        onclick: () =>
          act(`${p.userId}: ${label} ${on ? 'off' : 'on'}`, 'POST', `${path}/actions`, {
            do: name,
            on: !on,
          }),
      },
      label,
    );
  const button = (name, label, run) =>
    h(
      'button',
      {
        type: 'button',
        class: 'small',
        dataset: { testid: `action-${name}`, action: name },
        onclick: run,
      },
      label,
    );
  return [
    toggle('camera', 'Camera', p.camera),
    toggle('microphone', 'Mic', p.microphone),
    toggle('mute', 'Mute', p.muted),
    toggle('screen', 'Screen', p.screen),
    button('speak', 'Speak 3 s', () =>
      act(`${p.userId} speaks`, 'POST', `${path}/actions`, { do: 'speak', volume: 70, ms: 3000 }),
    ),
    button('sei', 'Send SEI', () =>
      act(`${p.userId} sent SEI`, 'POST', `${path}/actions`, {
        do: 'sei',
        message: `hello from the console at ${new Date().toLocaleTimeString()}`,
      }),
    ),
    button('remove', 'Remove', () => act(`${p.userId} removed`, 'DELETE', path)),
  ];
}

function faultBody(kind, userId) {
  const count = Number($('fault-count').value) || 5;
  if (kind === 'delay') return { kind, userId, ms: Number($('fault-delay-ms').value) || 0, count };
  if (kind === 'duplicate' || kind === 'reorder') return { kind, userId, count };
  if (kind === 'background')
    return { kind, userId, code: Number($('fault-background-code').value) };
  return { kind, userId };
}

function clientActions(room, p, act) {
  return FAULTS.map(([kind, label]) =>
    h(
      'button',
      {
        type: 'button',
        class: 'small fault',
        dataset: { testid: `fault-${kind}`, fault: kind },
        onclick: () =>
          act(
            `${label} → ${p.userId}`,
            'POST',
            `${roomPath(room)}/faults`,
            faultBody(kind, p.userId),
          ),
      },
      label,
    ),
  );
}

export function participantCard(room, p, act) {
  const level = Math.max(0, Math.min(100, p.volume)) / 100;
  const avatar = h('div', { class: 'avatar', 'aria-hidden': 'true' }, initials(p.userId));
  avatar.style.setProperty('--hue', String(hueOf(p.userId)));
  avatar.style.setProperty('--volume', String(level));
  const meter = h('span');
  meter.style.setProperty('--volume', String(level));
  const mic = p.microphone ? (p.muted ? 'muted' : true) : false;
  return h(
    'article',
    { class: 'participant', dataset: { testid: 'participant', userId: p.userId, kind: p.kind } },
    h(
      'div',
      { class: 'who' },
      avatar,
      h('div', {}, h('strong', {}, p.userId), h('span', { class: `badge ${p.kind}` }, p.kind)),
    ),
    h(
      'div',
      { class: 'streams' },
      chip('camera', p.camera),
      chip(mic === 'muted' ? 'mic muted' : 'mic', mic),
      chip('screen', p.screen),
    ),
    h(
      'div',
      { class: 'volume' },
      'volume',
      h('div', { class: 'meter' }, meter),
      String(Math.round(p.volume)),
    ),
    p.kind === 'client'
      ? h(
          'div',
          { class: 'playing' },
          `plays: ${p.playing.length ? p.playing.join(', ') : 'nothing'}`,
        )
      : null,
    h(
      'div',
      { class: 'actions' },
      p.kind === 'bot' ? botActions(room, p, act) : clientActions(room, p, act),
    ),
  );
}
