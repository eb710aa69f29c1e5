// Reading a room's trace (docs/traces.md) for the device check (pages/check): the native state
// codes, volumes and commands recorded since a step began, and a short line saying what was seen.
// A detail that is not what the docs say (broken JSON, no code) is skipped, never thrown on.

/** The number in a statechange detail's `code`, or null. */
function codeOf(detail) {
  if (detail === null || typeof detail !== 'object') return null;
  const code = Number(detail.code);
  return Number.isFinite(code) ? code : null;
}

/** Every native statechange in `entries`, as { source, playerId, code, t }. */
function stateCodes(entries) {
  const codes = [];
  for (const entry of entries) {
    if (entry.kind !== 'native' || entry.event !== 'statechange') continue;
    const code = codeOf(entry.detail);
    if (code !== null) {
      codes.push({ source: entry.source, playerId: entry.playerId, code, t: entry.t });
    }
  }
  return codes;
}

/** The first pusher (or any player, for source 'player') statechange with one of `codes`. */
function firstCode(entries, source, codes) {
  return stateCodes(entries).find((c) => c.source === source && codes.indexOf(c.code) >= 0);
}

/** The pusher's own volume readings (bindaudiovolumenotify), in order. */
function pusherVolumes(entries) {
  const volumes = [];
  for (const entry of entries) {
    if (entry.kind !== 'native' || entry.source !== 'pusher') continue;
    if (entry.event !== 'audiovolumenotify' || entry.detail === null) continue;
    const volume = Number(entry.detail.volume);
    if (Number.isFinite(volume)) volumes.push(volume);
  }
  return volumes;
}

/** The pusher's netstatus `info` objects, in order. */
function pusherInfos(entries) {
  return entries
    .filter((e) => e.kind === 'native' && e.source === 'pusher' && e.event === 'netstatus')
    .map((e) => (e.detail && typeof e.detail.info === 'object' ? e.detail.info : null))
    .filter((info) => info !== null);
}

/** The first recorded command named `name` (e.g. 'pusher.switchCamera'). */
function commandNamed(entries, name) {
  return entries.find((e) => e.kind === 'command' && e.name === name);
}

const seconds = (ms) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/**
 * What the step saw, in one line: each state code once, in order, with the time since the step
 * began (`fromT`: the trace time at its start), e.g. "pusher 1018 +0.4 s, bob_main 2004 +1.2 s".
 */
function describeCodes(entries, fromT, limit = 8) {
  const seen = [];
  const parts = [];
  for (const c of stateCodes(entries)) {
    const who = c.source === 'pusher' ? 'pusher' : c.playerId;
    const key = `${who} ${c.code}`;
    if (seen.indexOf(key) >= 0) continue;
    seen.push(key);
    parts.push(`${key} +${seconds(c.t - fromT)}`);
  }
  if (parts.length === 0) return 'no state codes';
  const more = parts.length > limit ? `, and ${parts.length - limit} more` : '';
  return parts.slice(0, limit).join(', ') + more;
}

module.exports = {
  codeOf,
  stateCodes,
  firstCode,
  pusherVolumes,
  pusherInfos,
  commandNamed,
  describeCodes,
  seconds,
};
