// Who a tile shows (pure): profile checks, the initial, the colour; and the hold that keeps a
// speaker lit through a breath.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TrtcErrorCode } from '../src/core/errors';
import { SPEAKING_THRESHOLD } from '../src/core/room/player-pool';
import {
  AVATAR_COLOR_COUNT,
  avatarColor,
  checkProfiles,
  identityOf,
  initialOf,
} from '../src/host/view/profiles';
import { RoomStats } from '../src/core/store/room-store';
import { SPEAKING_HOLD_REPORTS } from '../src/core/store/room-mirror';
import { CAMERA_OFF_ICON, MIC_OFF_ICON, SCREEN_ICON } from '../src/taro/icons';
import { thrownTrtcError } from './fakes/trtc-error';

describe('identity', () => {
  test('the initial is the first code point of the name, upper-cased', () => {
    expect(['alice', ' bob', '张三', '😀 smile', 'émile', '', '  '].map(initialOf)).toEqual([
      'A',
      'B',
      '张',
      '😀',
      'É',
      '?',
      '?',
    ]);
  });

  test('a colour per user id: stable, in the palette, and spread over it', () => {
    expect(avatarColor('alice')).toBe(avatarColor('alice'));
    const colours = new Set<number>();
    for (let i = 0; i < 200; i += 1) {
      const colour = avatarColor(`user${i}`);
      expect(colour).toBeGreaterThanOrEqual(0);
      expect(colour).toBeLessThan(AVATAR_COLOR_COUNT);
      colours.add(colour);
    }
    expect(colours.size).toBe(AVATAR_COLOR_COUNT);
  });

  test("a profile's name and avatar, else the user id; the colour follows the id, not the name", () => {
    const profiles = { bob: { name: 'Robert', avatar: 'https://example.com/b.png' } };
    expect(identityOf('bob', profiles)).toEqual({
      name: 'Robert',
      initial: 'R',
      color: avatarColor('bob'),
      avatar: 'https://example.com/b.png',
    });
    expect(identityOf('carol', profiles)).toMatchObject({ name: 'carol', avatar: '' });
    // Keys of Object.prototype are not profiles.
    expect(identityOf('toString', {})).toMatchObject({ name: 'toString', avatar: '' });
  });
});

describe('checkProfiles', () => {
  test('keeps names and avatars, drops empty ones', () => {
    expect(checkProfiles({ a: { name: 'A', avatar: '' }, b: {} })).toEqual({
      a: { name: 'A' },
      b: {},
    });
    expect(checkProfiles(undefined)).toEqual({});
    expect(checkProfiles(null)).toEqual({});
  });

  test.each([
    ['not an object', 'alice', 'profiles'],
    ['an array', [], 'profiles'],
    ['an entry that is not an object', { a: 'Alice' }, 'profiles.a'],
    ['a name that is not a string', { a: { name: 1 } }, 'profiles.a.name'],
    ['a name too long', { a: { name: 'x'.repeat(65) } }, 'profiles.a.name'],
    ['an avatar that is not a string', { a: { avatar: {} } }, 'profiles.a.avatar'],
  ])('rejects %s with the field', (_, value, field) => {
    expect(thrownTrtcError(() => checkProfiles(value))).toMatchObject({
      code: TrtcErrorCode.InvalidParameter,
      field,
    });
  });
});

describe('RoomStats: a speaker holds through a breath', () => {
  const loud = SPEAKING_THRESHOLD + 30;

  test(`a quieter report replaces a speaking volume only from the ${SPEAKING_HOLD_REPORTS}nd in a row`, () => {
    const stats = new RoomStats();
    const shown: number[] = [];
    for (const volume of [loud, 2, loud + 5, 3, 0, 4, 0]) {
      stats.report('bob', volume);
      shown.push(stats.volumes['bob'] ?? 0);
    }
    expect(shown).toEqual([loud, loud, loud + 5, loud + 5, 0, 4, 0]);
  });

  test('quiet volumes below the threshold are shown as they come; users are independent', () => {
    const stats = new RoomStats();
    stats.report('bob', 3);
    stats.report('carol', loud);
    stats.report('bob', 5);
    stats.report('carol', 1);
    expect(stats.volumes).toEqual({ bob: 5, carol: loud });
    stats.clear();
    expect(stats.volumes).toEqual({});
  });
});

test('the Taro glyphs are the component icon files', () => {
  const file = (name: string) =>
    readFileSync(
      path.join(__dirname, '..', 'components', 'shared', 'icons', `${name}.svg`),
      'utf8',
    );
  const decoded = (uri: string) =>
    Buffer.from(uri.replace('data:image/svg+xml;base64,', ''), 'base64').toString('utf8');
  expect([MIC_OFF_ICON, CAMERA_OFF_ICON, SCREEN_ICON].map(decoded)).toEqual(
    ['mic-off', 'camera-off', 'screen'].map((name) => file(name).trim()),
  );
});
