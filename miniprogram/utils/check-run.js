// What the device check page (pages/check) keeps between polls: where a step began in the room's
// trace, the entries recorded since, the steps as the page shows them, the summary that goes into
// the exported trace, and the emulator's bot route for the second participant.
const { STEPS } = require('./check-steps.js');

const STATUS_LABELS = {
  todo: '',
  running: 'Watching…',
  pass: 'Passed',
  fail: 'Failed',
  unsure: 'Unsure',
  skipped: 'Skipped',
};

/** The steps as the page shows them: what each is, its status and what it saw. */
function initialSteps() {
  return STEPS.map((step) => ({
    id: step.id,
    title: step.title,
    hint: step.hint,
    question: step.question || '',
    status: 'todo',
    statusLabel: STATUS_LABELS.todo,
    evidence: '',
  }));
}

/** A step's row after `verdict`. */
function withVerdict(row, verdict, evidence) {
  return Object.assign({}, row, { status: verdict, statusLabel: STATUS_LABELS[verdict], evidence });
}

/** Where the trace stands now: entries recorded so far (with the dropped ones), the last time. */
function markOf(trace) {
  if (!trace) return { index: 0, t: 0 };
  const last = trace.entries[trace.entries.length - 1];
  return { index: trace.dropped + trace.entries.length, t: last ? last.t : 0 };
}

/** The entries recorded since `mark` (all that are left, when the ring buffer dropped some). */
function entriesSince(trace, mark) {
  if (!trace) return [];
  return trace.entries.slice(Math.max(0, mark.index - trace.dropped));
}

/** One line per step, for the trace's description: "enter: pass (1018 after 0.4 s ...)". */
function summaryOf(rows) {
  return rows
    .map((row) => `${row.id}: ${row.status}${row.evidence ? ` (${row.evidence})` : ''}`)
    .join('\n');
}

/** The counts of each verdict, e.g. "6 passed, 1 unsure, 1 skipped". */
function tallyOf(rows) {
  const order = ['pass', 'fail', 'unsure', 'skipped', 'todo'];
  const words = {
    pass: 'passed',
    fail: 'failed',
    unsure: 'unsure',
    skipped: 'skipped',
    todo: 'not run',
  };
  return order
    .map((status) => [status, rows.filter((row) => row.status === status).length])
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${words[status]}`)
    .join(', ');
}

/** `ws://h:p/room` → `http://h:p/api/rooms/<sdkAppId>:<roomId>/bots`; null for anything else. */
function emulatorBotsUrl(emulator, sdkAppId, roomId) {
  const match = /^ws(s?):\/\/([^/?#\s]+)/i.exec(emulator || '');
  if (!match) return null;
  return `http${match[1]}://${match[2]}/api/rooms/${sdkAppId}:${roomId}/bots`;
}

/** The trace's name: the device model (letters, digits and dashes) and the day. */
function traceName(model, now = new Date()) {
  const device = String(model || 'device')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `device-check-${device || 'device'}-${now.toISOString().slice(0, 10)}`;
}

module.exports = {
  STEPS,
  initialSteps,
  withVerdict,
  markOf,
  entriesSince,
  summaryOf,
  tallyOf,
  emulatorBotsUrl,
  traceName,
};
