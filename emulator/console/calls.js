// The console's Calls card: call bots (users of the emulator's Chat relay who ring and answer
// calls, in rooms as bots), the users logged in on the relay, and a form that makes a bot ring
// someone. Everything goes through /api/call-bots and /api/chat.
import { $, api, h, toast } from './dom.js';

const POLICIES = [
  ['accept', 'accepts'],
  ['decline', 'declines'],
  ['busy', 'is busy'],
  ['none', 'never answers'],
];
const REASONS = {
  'hung-up': 'hung up',
  cancelled: 'cancelled',
  declined: 'declined',
  busy: 'line busy',
  'no-answer': 'no answer',
  'answered-elsewhere': 'answered elsewhere',
  'remote-left': 'the other side left',
  error: 'error',
};

const calls = { bots: [], users: [], lastRender: '' };
const botPath = (userId) => `/api/call-bots/${encodeURIComponent(userId)}`;

async function act(what, method, path, body) {
  try {
    await api(method, path, body);
    toast(what);
  } catch (error) {
    toast(error.message, 'error');
  }
  refreshCalls();
}

const others = (bot, call) =>
  call.role === 'caller' ? call.invitees.join(', ') : [call.caller].join(', ');

function describeCall(bot) {
  const call = bot.call;
  if (!call) return bot.online ? 'Idle.' : 'Offline: not logged in on the relay.';
  const what = `${call.media} call, room ${call.room}`;
  switch (bot.state) {
    case 'dialing':
      return `Ringing ${others(bot, call)} (${what}).`;
    case 'ringing':
      return `Rung by ${call.caller} (${what}).`;
    case 'connected':
      return `In a ${what} with ${others(bot, call)}.`;
    default:
      return what;
  }
}

function history(bot) {
  if (bot.calls.length === 0) return null;
  return h(
    'ul',
    { class: 'call-history', dataset: { testid: 'call-history' } },
    bot.calls
      .slice(0, 3)
      .map((record) =>
        h(
          'li',
          { dataset: { reason: record.reason } },
          h('span', { class: 'reason' }, REASONS[record.reason] ?? record.reason),
          ` · ${record.role === 'caller' ? 'to' : 'from'} ${others(bot, record)} · ${record.media}` +
            ` · ${record.durationS} s · ${new Date(record.endedAt).toLocaleTimeString([], { hour12: false })}`,
        ),
      ),
  );
}

function policySelect(bot) {
  const select = h(
    'select',
    {
      'aria-label': `What ${bot.userId} does when rung`,
      dataset: { testid: 'call-bot-policy' },
      onchange: () =>
        act(
          `${bot.userId} now ${select.selectedOptions[0].textContent}`,
          'POST',
          `${botPath(bot.userId)}/policy`,
          {
            answer: select.value,
          },
        ),
    },
    POLICIES.map(([value, label]) => h('option', { value, selected: value === bot.answer }, label)),
  );
  return select;
}

function botCard(bot) {
  const avatar = h(
    'div',
    { class: 'avatar', 'aria-hidden': 'true' },
    bot.userId.slice(0, 2).toUpperCase(),
  );
  return h(
    'article',
    {
      class: 'participant call-bot',
      dataset: { testid: 'call-bot', userId: bot.userId, state: bot.state },
    },
    h(
      'div',
      { class: 'who' },
      avatar,
      h('div', {}, h('strong', {}, bot.userId), h('span', { class: 'badge bot' }, 'call bot')),
      h(
        'span',
        { class: 'call-state', dataset: { state: bot.state, testid: 'call-state' } },
        bot.state,
      ),
    ),
    h('div', { class: 'call-now', dataset: { testid: 'call-now' } }, describeCall(bot)),
    h(
      'label',
      { class: 'policy' },
      'When rung, it ',
      policySelect(bot),
      bot.answer === 'accept' || bot.answer === 'decline'
        ? h('span', { class: 'after' }, `after ${bot.afterMs} ms`)
        : null,
    ),
    history(bot),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          disabled: bot.state === 'idle',
          dataset: { testid: 'call-bot-hangup' },
          onclick: () => act(`${bot.userId} hung up`, 'POST', `${botPath(bot.userId)}/hangup`),
        },
        bot.state === 'ringing' ? 'Decline' : 'Hang up',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          dataset: { testid: 'call-bot-remove' },
          onclick: () => act(`${bot.userId} removed`, 'DELETE', botPath(bot.userId)),
        },
        'Remove',
      ),
    ),
  );
}

function renderUsers() {
  const bots = new Set(calls.bots.map((bot) => bot.userId));
  const people = calls.users.filter((user) => !bots.has(user.userId));
  $('relay-users').replaceChildren(
    people.length === 0 ? 'Nobody else is logged in on the relay.' : 'On the relay: ',
    ...people.map((user) =>
      h(
        'button',
        {
          type: 'button',
          class: 'chip user-chip',
          title: `ring ${user.userId} from a bot`,
          dataset: { testid: 'relay-user', userId: user.userId },
          onclick: () => {
            $('ring-to').value = user.userId;
            $('ring-to').focus();
          },
        },
        user.sockets > 1 ? `${user.userId} (${user.sockets} devices)` : user.userId,
      ),
    ),
  );
}

function renderRingFrom() {
  const select = $('ring-from');
  const chosen = select.value;
  select.replaceChildren(
    ...calls.bots.map((bot) => h('option', { value: bot.userId }, bot.userId)),
  );
  if (calls.bots.some((bot) => bot.userId === chosen)) select.value = chosen;
  $('ring').disabled = calls.bots.length === 0;
}

function render() {
  const signature = JSON.stringify([calls.bots, calls.users]);
  if (signature === calls.lastRender) return;
  calls.lastRender = signature;
  $('call-bots').replaceChildren(...calls.bots.map(botCard));
  $('no-call-bots').hidden = calls.bots.length > 0;
  renderRingFrom();
  renderUsers();
}

export async function refreshCalls() {
  try {
    const [{ bots }, { users }] = await Promise.all([
      api('GET', '/api/call-bots'),
      api('GET', '/api/chat'),
    ]);
    calls.bots = bots;
    calls.users = users;
    render();
  } catch {
    // The room list says when the emulator is unreachable.
  }
}

let refreshTimer;
export function scheduleCallsRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refreshCalls, 100);
}

export function startCalls() {
  $('call-bot-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const userId = $('call-bot-user-id').value.trim();
    if (!userId) return toast('Give the call bot a user id', 'error');
    const body = {
      userId,
      answer: $('call-bot-answer').value,
      afterMs: Number($('call-bot-after').value) || 0,
    };
    act(`call bot ${userId} added`, 'POST', '/api/call-bots', body).then(() => {
      $('call-bot-user-id').value = '';
    });
  });
  $('ring-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const from = $('ring-from').value;
    const to = $('ring-to')
      .value.split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    if (!from || to.length === 0) return toast('Pick a call bot and the user ids to ring', 'error');
    const body = { to, media: $('ring-media').value };
    const group = $('ring-group').value.trim();
    if (group) body.groupId = group;
    act(`${from} rings ${to.join(', ')}`, 'POST', `${botPath(from)}/call`, body);
  });
  refreshCalls();
  setInterval(refreshCalls, 1000);
}
