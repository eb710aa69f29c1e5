// The emulator against docs/protocol.md: every event detail it sends, on either platform, has
// exactly the keys, and the JSON types, of the shape the protocol document declares for it
// (`json shape=<id>` blocks), and the messages of 1031-1034 those of `message-<code>`.
import type { RoomHub } from '../emulator/hub';
import type { EmulatorPlatform, ServerFrame } from '../src/core/emulator/wire';
import { AV, HubClient, MIC, NONE, ROOM, createHub } from './fakes/emulator-hub';
import { loadProtocolShapes, parseShapes, shapeProblems } from './fakes/protocol-shapes';

const SHAPE_IDS = [
  'pusher-statechange',
  'player-statechange',
  'message-1020',
  'message-1031',
  'message-1032',
  'message-1033',
  'message-1034',
  'pusher-netstatus-ios',
  'pusher-netstatus-android',
  'player-netstatus-ios',
  'player-netstatus-android',
  'pusher-audiovolumenotify',
  'player-audiovolumenotify',
  'pusher-error',
  'player-fullscreenchange',
  'pusher-bgmprogress',
];

/** The shapes a frame must fit: its detail's, and for 1020/1031-1034 its message's. */
function shapesOf(frame: ServerFrame, platform: EmulatorPlatform): [string, unknown][] {
  if (frame.type !== 'pusher' && frame.type !== 'player') return [];
  const { detail } = frame;
  switch (frame.event) {
    case 'netstatus':
      return [[`${frame.type}-netstatus-${platform}`, detail]];
    case 'audiovolumenotify':
      return [[`${frame.type}-audiovolumenotify`, detail]];
    case 'error':
      return [['pusher-error', detail]];
    case 'statechange': {
      const { code, message } = detail as { code: unknown; message: unknown };
      const carriesJson =
        frame.type === 'pusher' && [1020, 1031, 1032, 1033, 1034].includes(code as number);
      const parsed: unknown = carriesJson ? JSON.parse(String(message)) : undefined;
      return [
        [`${frame.type}-statechange`, detail],
        ...(carriesJson ? [[`message-${String(code)}`, parsed] as [string, unknown]] : []),
      ];
    }
  }
}

/** A room that makes the emulator send every kind of event to `self` (and to `bob`). */
function scriptedSession(platform: EmulatorPlatform): { hub: RoomHub; frames: ServerFrame[] } {
  const { hub, scheduler } = createHub({ platform });
  hub.addBot(ROOM, { userId: 'alice', camera: true, microphone: true, screen: true, speaking: 50 });
  const self = new HubClient(hub).enter('self', AV).play('alice_main', 'alice_aux', 'bob_main');
  const bob = new HubClient(hub).enter('bob', MIC);
  bob
    .publish(AV)
    .publish({ ...AV, muted: true })
    .publish(NONE)
    .publish(MIC);
  hub.botAction(ROOM, 'alice', { do: 'sei', message: '{"slide":3}' });
  scheduler.advance(1500);
  bob.sei('from bob');
  hub.botAction(ROOM, 'alice', { do: 'screen', on: false });
  self.exit().enter('self', MIC);
  hub.inject({ kind: 'network-change', room: ROOM, userId: 'self' });
  hub.inject({ kind: 'kick', room: ROOM, userId: 'self' });
  self.enter('self', MIC);
  hub.inject({ kind: 'disconnect', room: ROOM, userId: 'self' });
  self.enter('self', MIC);
  hub.inject({ kind: 'background', room: ROOM, userId: 'self', code: 5001 });
  self.enter('self', AV).play('bob_main');
  scheduler.advance(1000);
  hub.removeBot(ROOM, 'alice');
  bob.exit();
  hub.inject({ kind: 'dismiss', room: ROOM });
  return { hub, frames: [...self.sink.frames, ...bob.sink.frames] };
}

describe('docs/protocol.md shapes', () => {
  const shapes = loadProtocolShapes();

  it('declares every shape the emulator is checked against', () => {
    expect([...shapes.keys()].sort()).toEqual([...SHAPE_IDS].sort());
  });

  it.each(['ios', 'android'] as const)(
    '%s: every event detail the emulator sends fits its shape exactly',
    (platform) => {
      const { hub, frames } = scriptedSession(platform);
      const used = new Set<string>();
      const problems = frames.flatMap((frame, index) =>
        shapesOf(frame, platform).flatMap(([id, value]) => {
          used.add(id);
          const shape = shapes.get(id);
          if (shape === undefined) return [`frame ${index}: no shape ${id}`];
          return shapeProblems(value, shape).map((problem) => `frame ${index} (${id}) ${problem}`);
        }),
      );
      expect(problems).toEqual([]);
      expect([...used].sort()).toEqual(
        [
          'message-1031',
          'message-1032',
          'message-1033',
          'message-1034',
          `player-netstatus-${platform}`,
          'player-audiovolumenotify',
          'player-statechange',
          `pusher-netstatus-${platform}`,
          'pusher-audiovolumenotify',
          'pusher-statechange',
        ].sort(),
      );
      const codes = frames.flatMap((f) =>
        f.type === 'pusher' && f.event === 'statechange'
          ? [(f.detail as { code: number }).code]
          : [],
      );
      expect(new Set(codes)).toEqual(
        new Set([1018, 1019, 1021, 1031, 1032, 1033, 1034, 1102, -1307, 5001]),
      );
      hub.dispose();
    },
  );
});

describe('the shape reader and comparison', () => {
  const doc = (blocks: string) => `# Title\n\ntext\n\n${blocks}\n\nmore text\n`;

  it('reads `json shape=<id>` blocks only, one JSON value each', () => {
    const markdown = doc(
      [
        '```json shape=a',
        '{ "x": 1, "y": [{ "z": "s" }] }',
        '```',
        '```json',
        '{ "ignored": true }',
        '```',
        '```json shape=b',
        '[1]',
        '```',
      ].join('\n'),
    );
    expect(parseShapes(markdown)).toEqual(
      new Map<string, unknown>([
        ['a', { x: 1, y: [{ z: 's' }] }],
        ['b', [1]],
      ]),
    );
  });

  it('refuses a duplicate id, text that is not one JSON value, and a block left open', () => {
    expect(() => parseShapes(doc('```json shape=a\n1\n```\n```json shape=a\n2\n```'))).toThrow(
      /declared twice/,
    );
    expect(() => parseShapes(doc('```json shape=a\n{} {}\n```'))).toThrow(/not one JSON value/);
    expect(() => parseShapes('```json shape=a\n{}')).toThrow(/no closing fence/);
  });

  it('names missing keys, extra keys and type changes, recursively', () => {
    const shape = { info: { a: 1, b: 'x' }, list: [{ id: 'u', on: true }] };
    expect(shapeProblems({ info: { a: 2, b: 'y' }, list: [] }, shape)).toEqual([]);
    expect(
      shapeProblems({ info: { a: '2', c: 1 }, list: [{ id: 'u', on: 1 }], more: null }, shape),
    ).toEqual([
      '$.more: not in the shape',
      '$.info.b: missing',
      '$.info.c: not in the shape',
      '$.info.a: string, the shape has number',
      '$.list[0].on: number, the shape has boolean',
    ]);
  });
});
