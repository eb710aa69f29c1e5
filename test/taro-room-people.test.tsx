// trtc-room/taro: who the tiles show (profiles, resolveProfile, the user's colour), who speaks
// (showSpeaking), the theme, and everyone on screen or counted in "+N", as <trtc-room> does.
import { avatarColor } from '../src/host/view/profiles';
import { SPEAKING_RING, avatarStyle, themeVariables } from '../src/taro/styles';
import { audioVolume } from './fakes/native-events';
import type { Harness } from './fakes/taro/room-harness';
import {
  badgeNames,
  glyphsOf,
  mountRoom,
  settle,
  styleOf,
  textOf,
  useTaroRoomHarness,
  wordsOf,
} from './fakes/taro/room-harness';

useTaroRoomHarness();

/** The overlays by their data-tile, as the native template marks them. */
function overlays(room: Harness) {
  return room.root.findAll((node) => node.type === 'view' && 'data-tile' in node.props);
}

function overlay(room: Harness, tile: string) {
  const found = overlays(room).find((node) => node.props['data-tile'] === tile);
  if (found === undefined) throw new Error(`no overlay ${tile}`);
  return found;
}

describe('people', () => {
  test('profiles name the tiles; users without one show their id, initial and colour', async () => {
    const room = await mountRoom({ template: 'grid', profiles: { bob: { name: 'Bob Li' } } });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.join('carol', { mic: true });
    expect(badgeNames(room)).toEqual(['me (me)', 'Bob Li', 'carol']);
    const carol = overlay(room, 'carol_main');
    expect(wordsOf(carol)).toBe('C carol');
    expect(
      carol.findAll((node) => styleOf(node) === avatarStyle(avatarColor('carol'), 'medium')),
    ).toHaveLength(1);
    expect(glyphsOf(carol)).toEqual(['camera off']);

    await room.update({
      profiles: { carol: { name: 'Carol', avatar: 'https://example.com/c.png' } },
    });
    expect(badgeNames(room)).toEqual(['me (me)', 'bob', 'Carol']);
    const image = overlay(room, 'carol_main').findAll(
      (node) => node.type === 'image' && node.props['src'] === 'https://example.com/c.png',
    );
    expect(image).toHaveLength(1);
  });

  test('resolveProfile is asked once per user, async answers included', async () => {
    const asked: string[] = [];
    const resolveProfile = (userId: string) => {
      asked.push(userId);
      return Promise.resolve({ name: userId.toUpperCase() });
    };
    const room = await mountRoom({ template: 'grid', resolveProfile });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.join('bob', { camera: true });
    await settle();
    expect(asked).toEqual(['me', 'bob']);
    expect(badgeNames(room)).toEqual(['ME (me)', 'BOB']);
  });

  test('showSpeaking: a ring while a user speaks; false draws none', async () => {
    const room = await mountRoom({ template: 'grid' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    const ringed = () =>
      overlay(room, 'bob_main').findAll((node) => styleOf(node) === SPEAKING_RING).length > 0;
    await room.firePlayer('bob_main', 'onAudioVolumeNotify', audioVolume(50));
    expect(ringed()).toBe(true);
    await room.update({ showSpeaking: false });
    expect(ringed()).toBe(false);
  });

  test('theme: the palette variables on the room, light on request', async () => {
    const room = await mountRoom({ template: 'grid' });
    const box = () =>
      room.root.find((node) => node.type === 'view' && 'onTouchStart' in node.props);
    expect(styleOf(box()).startsWith(themeVariables('dark'))).toBe(true);
    await room.update({ theme: 'light' });
    expect(styleOf(box()).startsWith(themeVariables('light'))).toBe(true);
    expect(themeVariables('light')).toContain('--trtc-bg:#f2f3f7;');
  });

  test('1v1: a third participant is counted in a "+1" chip; maxPlayers leaves nobody out', async () => {
    const room = await mountRoom({ template: '1v1', maxPlayers: 1 });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.join('carol', { camera: true, mic: true });
    const chip = room.root.findAll(
      (node) => node.type === 'view' && node.props['data-overflow'] === 1,
    );
    expect(chip.map(textOf)).toEqual(['+1']);
    await room.update({ template: 'grid' });
    expect(overlays(room).map((node) => node.props['data-tile'])).toEqual([
      'local',
      'bob_main',
      'user:carol',
    ]);
  });
});
