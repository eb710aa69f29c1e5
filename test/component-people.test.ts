/**
 * @jest-environment jsdom
 */
// Who the tiles of <trtc-room> show: names and avatars (the `profiles` property and a profile
// resolver), a colour per user, who speaks (`show-speaking`), the theme, the external classes,
// and everyone in the room on screen or counted in a "+N".
import { avatarColor } from '../src/host/view/profiles';
import type { RoomHarness } from './fakes/component-harness';
import {
  advance,
  cleanupComponents,
  componentWarnings,
  findAll,
  hasClass,
  mountRoom,
  settle,
  useComponentClock,
} from './fakes/component-harness';
import type { NodeJson } from './fakes/component-harness';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

const warnings = componentWarnings;

async function joinAll(room: RoomHarness, ids: readonly string[], camera = true): Promise<void> {
  for (const id of ids) await room.join(id, { camera, mic: true });
}

function errorsOf(room: RoomHarness): { code: string; message: string }[] {
  return room.eventsNamed('error') as { code: string; message: string }[];
}

const classesIn = (node: NodeJson): string[] =>
  findAll(node, () => true).flatMap((n) =>
    String(n.attrs.find((a) => a.name === 'class')?.value ?? '').split(/\s+/),
  );

describe('profiles', () => {
  test('names and avatars from the property replace user ids; the rest keep theirs', async () => {
    const avatar = 'https://example.com/alice.png';
    const room = mountRoom({
      template: 'grid',
      profiles: { bob: { name: 'Bob Li' }, carol: { name: '张三', avatar } },
    });
    await room.enter();
    await joinAll(room, ['bob'], true);
    await joinAll(room, ['carol', 'dave'], false);

    expect(room.overlay('bob_main')).toMatchObject({ text: 'Bob Li', avatar: undefined });
    // Without video: the avatar image, else the initial on the user's colour.
    expect(room.overlay('carol_main')).toMatchObject({ text: '张三', avatar, placeholder: true });
    expect(room.overlay('dave_main')).toMatchObject({ text: 'D dave', avatar: undefined });
    expect(room.overlay('dave_main').inner).toContain(`avatar--c${avatarColor('dave')}`);

    room.comp.setData({ profiles: { dave: { name: 'Dave' } } });
    await settle();
    expect(room.overlay('dave_main').text).toBe('D Dave');
    expect(room.overlay('bob_main').text).toBe('bob');
  });

  test('a bad map is reported once, with the field, and the last good one stays', async () => {
    const room = mountRoom({ template: 'grid', profiles: { bob: { name: 'Bob' } } });
    await room.enter();
    await joinAll(room, ['bob']);
    room.comp.setData({ profiles: { bob: { name: 42 } } });
    await settle();
    expect(errorsOf(room)).toEqual([
      expect.objectContaining({
        code: 'INVALID_PARAMETER',
        message: '[trtc-room] profiles.bob.name must be a string of at most 64 characters, got 42',
      }),
    ]);
    expect(room.overlay('bob_main').text).toBe('Bob');
  });

  test('a resolver is asked once per user, sync or async; the property wins over it', async () => {
    const room = mountRoom({ template: 'grid', profiles: { carol: { name: 'Carol (set)' } } });
    await room.enter();
    const asked: string[] = [];
    room.methods.setProfileResolver((userId) => {
      asked.push(userId);
      if (userId === 'bob') return Promise.resolve({ name: 'Bob (async)' });
      return { name: `${userId} (sync)` };
    });
    await joinAll(room, ['bob', 'carol']);
    await room.join('bob', { camera: true });
    await settle();
    // The local user too: their own tile shows their profile.
    expect(asked).toEqual(['me', 'bob', 'carol']);
    expect(room.overlay('local').text).toBe('me (sync) (me)');
    expect(room.overlay('bob_main').text).toBe('Bob (async)');
    expect(room.overlay('carol_main').text).toBe('Carol (set)');
  });

  test('a resolver that throws, rejects or answers nonsense is logged; the user id stays', async () => {
    const room = mountRoom({ template: 'grid' });
    await room.enter();
    room.methods.setProfileResolver((userId) => {
      if (userId === 'bob') throw new Error('directory down');
      if (userId === 'carol') return Promise.reject(new Error('timeout'));
      if (userId === 'dave') return { name: 7 } as never;
      return undefined;
    });
    await joinAll(room, ['bob', 'carol', 'dave']);
    await settle();
    expect(room.overlays().map((o) => o.text)).toEqual(['me (me)', 'bob', 'carol', 'dave']);
    expect(warnings()).toEqual([
      expect.stringContaining('the profile resolver failed for bob'),
      expect.stringContaining('the profile resolver failed for carol'),
      expect.stringContaining("the profile resolver's answer for dave is unusable"),
    ]);
    expect(() => room.methods.setProfileResolver('nope' as never)).toThrow(/pass a function/);
  });

  test('the resolver is asked for the users with a tile, not for everyone in the room', async () => {
    const room = mountRoom({ template: 'grid', pageSize: 1, maxPlayers: 1 });
    await room.enter();
    const asked: string[] = [];
    room.methods.setProfileResolver((userId) => {
      asked.push(userId);
      return null;
    });
    const users = Array.from({ length: 12 }, (_, i) => `u${i + 1}`);
    for (const user of users) await room.join(user, { mic: true });
    // Nine pages of one tile: me and eight users fitted until u9 came; then me, seven users
    // and "+5". Nobody past them was ever asked.
    expect(asked).toEqual(['me', ...users.slice(0, 8)]);
    expect(room.overlays().map((o) => o.tile)).toEqual(['local']);
  });

  test('a new resolver asks everyone again; null goes back to the user ids', async () => {
    const room = mountRoom({ template: 'grid' });
    await room.enter();
    room.methods.setProfileResolver((userId) => ({ name: `${userId}-1` }));
    await joinAll(room, ['bob']);
    expect(room.overlay('bob_main').text).toBe('bob-1');
    room.methods.setProfileResolver((userId) => ({ name: `${userId}-2` }));
    await settle();
    expect(room.overlay('bob_main').text).toBe('bob-2');
    room.methods.setProfileResolver(null);
    await settle();
    expect(room.overlay('bob_main').text).toBe('bob');
  });
});

describe('show-speaking', () => {
  test('false: no speaking ring, and volume ticks cost no setData', async () => {
    const room = mountRoom({ template: 'grid', showSpeaking: false });
    await room.enter();
    await joinAll(room, ['bob']);
    const before = room.setDataCalls;
    for (const volume of [60, 0, 0, 80]) {
      room.volume('bob_main', volume);
      room.volume(null, volume);
      await advance(500);
    }
    expect(room.setDataCalls).toBe(before);
    expect(room.overlay('bob_main').speaking).toBe(false);

    room.comp.setData({ showSpeaking: true });
    await settle();
    expect(room.overlay('bob_main').speaking).toBe(true);
    expect(room.overlay('local').speaking).toBe(true);
  });

  test('a muted microphone never shows as speaking', async () => {
    const room = mountRoom({ template: 'grid' });
    await room.enter();
    room.methods.muteMicrophone(true);
    room.volume(null, 70);
    await settle();
    expect(room.overlay('local')).toMatchObject({ speaking: false, mic: 'off' });
  });
});

describe('theme and classes', () => {
  test('dark by default, light on request, an unknown theme reported', async () => {
    const room = mountRoom({ template: 'grid' });
    await room.enter();
    const roomClasses = () => findAll(room.json(), hasClass('room'))[0]!;
    expect(classesIn(roomClasses())).toEqual(expect.arrayContaining(['theme-dark', 'room-class']));
    room.comp.setData({ theme: 'light' });
    await settle();
    expect(classesIn(roomClasses())).toContain('theme-light');
    room.comp.setData({ theme: 'blue' });
    await settle();
    expect(errorsOf(room)).toEqual([
      expect.objectContaining({
        code: 'INVALID_PARAMETER',
        message: `[trtc-room] theme must be 'dark' or 'light', got "blue"`,
      }),
    ]);
  });

  test('tiles and badges carry the external classes a page styles', async () => {
    const room = mountRoom({ template: 'grid' });
    await room.enter();
    expect(room.overlay('local').classes).toContain('tile-class');
    expect(room.overlay('local').inner).toContain('badge-class');
  });
});

describe('nobody vanishes', () => {
  test('1v1: the other party is main with or without video; a third party is a "+1" chip', async () => {
    const room = mountRoom({ template: '1v1' });
    await room.enter();
    await room.join('bob', { mic: true });
    expect(room.overlay('bob_main')).toMatchObject({ placeholder: true, text: 'B bob' });
    expect(room.overlay('bob_main').classes[1]).toBe('overlay--main');
    expect(room.overlay('local').classes[1]).toBe('overlay--pip');
    await room.join('carol', { camera: true, mic: true });
    // carol's video takes the main tile; bob is counted.
    expect(room.overlays().map((o) => o.tile)).toEqual(['local', 'carol_main']);
    const [chip] = findAll(room.json(), hasClass('chip-more'));
    expect(chip?.attrs.find((a) => a.name === 'data-overflow')?.value).toBe(1);
  });

  test('users over max-players have placeholder tiles', async () => {
    const room = mountRoom({ template: 'grid', maxPlayers: 1, pageSize: 4 });
    await room.enter();
    await joinAll(room, ['bob', 'carol', 'dave']);
    expect(room.players().map((p) => p['id'])).toEqual(['bob_main']);
    expect(room.overlays().map((o) => [o.tile, o.text])).toEqual([
      ['local', 'me (me)'],
      ['bob_main', 'bob'],
      ['user:carol', 'C carol'],
      ['user:dave', 'D dave'],
    ]);
    expect(room.overlay('user:carol')).toMatchObject({ placeholder: true, mic: 'off' });
  });

  test('speaker: a full strip ends in a "+N" tile', async () => {
    const room = mountRoom({ template: 'speaker', maxPlayers: 9 });
    await room.enter();
    await joinAll(room, ['u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
    const strip = room.overlays().filter((o) => o.classes[1] === 'overlay--strip');
    expect(strip.map((o) => o.tile)).toEqual(['local', 'u2_main', 'u3_main', 'more']);
    expect(room.overlay('more').text).toBe('+3');
  });

  test('audio: at most twelve tiles, the last one "+N"', async () => {
    const room = mountRoom({ template: 'audio', maxPlayers: 20 });
    await room.enter();
    const users = Array.from({ length: 13 }, (_, i) => `u${i + 1}`);
    for (const user of users) await room.join(user, { mic: true });
    const tiles = room.audioTiles();
    expect(tiles).toHaveLength(12);
    expect(tiles.at(-1)).toMatchObject({ tile: 'more', text: '+3' });
  });
});
