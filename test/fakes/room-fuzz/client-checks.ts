// The invariants between steps: the client's state, users and streams equal the mirror's, and
// outside a room nothing is left; the players are checked in player-checks.ts.
import type { ConnectionState } from '../../../src/core/room/room-types';
import { isLive } from './actions';
import type { Mirror } from './mirror';
import { ALLOWED_MOVES, sameStream } from './mirror';
import { checkPlayers } from './player-checks';
import { show } from './show';

const STATES = Object.keys(ALLOWED_MOVES) as ConnectionState[];

/** Every invariant that must hold between steps. O(users + streams + players). */
export function checkClient(mirror: Mirror): void {
  const { client } = mirror;
  const state = client.getState();
  if (!STATES.includes(state)) mirror.fail('state-unknown', `state ${show(state)}`);
  if (state !== mirror.state) {
    mirror.fail('state-mirror', `getState() ${state} but events say ${mirror.state}`);
  }

  // 1-3: users and streams, against the mirror (same order: both are arrival order).
  const users = client.getRemoteUsers();
  const streams = client.getRemoteStreams();
  const userIds = new Set<string>();
  for (const user of users) {
    if (userIds.has(user.userId))
      mirror.fail('user-dup', `getRemoteUsers lists ${user.userId} twice`);
    userIds.add(user.userId);
  }
  const mirroredUsers = Array.from(mirror.users.values());
  if (
    users.length !== mirroredUsers.length ||
    users.some((u, i) => {
      const mirrored = mirroredUsers[i];
      return (
        mirrored === undefined || mirrored.userId !== u.userId || mirrored.joinSeq !== u.joinSeq
      );
    })
  ) {
    mirror.fail(
      'mirror-users',
      `getRemoteUsers ${users.map((u) => u.userId).join(',')} != events ${Array.from(mirror.users.keys()).join(',')}`,
    );
  }
  const keys = new Set<string>();
  const mirroredStreams = Array.from(mirror.streams.values());
  streams.forEach((stream, i) => {
    if (keys.has(stream.key))
      mirror.fail('stream-dup', `getRemoteStreams lists ${stream.key} twice`);
    keys.add(stream.key);
    if (!userIds.has(stream.userId)) {
      mirror.fail('stream-orphan', `stream ${stream.key} of a user not in getRemoteUsers`);
    }
    if (!stream.hasVideo && !stream.hasAudio) mirror.fail('ghost', `ghost stream ${stream.key}`);
    if (stream.streamType === 'aux' && stream.hasAudio) {
      mirror.fail('aux-audio', `aux stream ${stream.key} has audio`);
    }
    const mirrored = mirroredStreams[i];
    if (!mirrored || !sameStream(mirrored, stream)) {
      mirror.fail(
        'mirror-streams',
        `getRemoteStreams[${i}] ${show(stream)} != events ${show(mirrored)}`,
      );
    }
  });
  if (streams.length !== mirroredStreams.length) {
    mirror.fail(
      'mirror-streams',
      `getRemoteStreams ${streams.map((s) => s.key).join(',')} != events ${mirroredStreams.map((s) => s.key).join(',')}`,
    );
  }

  // 4: players.
  const players = client.getPlayers();
  checkPlayers(mirror, players, streams);
  // The client forgets the volume of a user without a main player at every recompute (only a
  // mounted player reports volume); a step recomputes once, after the ranking used it.
  for (const userId of Array.from(mirror.volumes.keys())) {
    if (!players.some((p) => p.userId === userId && p.streamType === 'main')) {
      mirror.volumes.delete(userId);
    }
  }

  // 5: outside a room, nothing remote, nothing played, nothing pushed.
  const attributes = client.getPusherAttributes();
  if (!isLive(state)) {
    if (users.length > 0 || streams.length > 0 || client.getPlayers().length > 0) {
      mirror.fail('not-empty', `${state} with ${users.length} users, ${streams.length} streams`);
    }
    if (attributes.url !== '' || attributes.autopush) {
      mirror.fail('pusher-url', `${state} with url ${show(attributes.url)}`);
    }
  } else if (attributes.url === '') {
    mirror.fail('pusher-url', `${state} with no url`);
  }
  for (const { userId } of client.getNetworkQuality().remote) {
    if (!userIds.has(userId)) mirror.fail('quality-orphan', `network quality of absent ${userId}`);
  }
}
