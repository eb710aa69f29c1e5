// docs/taro.md's call example, run as written: its code block is type-checked against the
// sources (the package's names mapped onto src/), transpiled and run on the fake Taro. Bob's app
// logs in a fake Chat (fake-chat.ts) and calls the example's startCalls; the page's button rings
// Alice, whose app (a CallClient on the same Chat network) accepts; the call connects on the page's
// <TrtcCall>, whose room enters Alice's room.
import fs from 'node:fs';
import path from 'node:path';
import type { ComponentType } from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import { act } from 'react-test-renderer';
import type { ReactTestInstance } from 'react-test-renderer';
import ts from 'typescript';
import { CallClient } from '../src/core/call/call-client';
import { chatSignaling } from '../src/core/call/chat-signaling';
import * as callEntry from '../src/host/call';
import type { ChatWithSignaling } from '../src/host/call';
import * as taroEntry from '../src/taro';
import { RoomServer } from './fakes/call-fakes';
import { ChatNetwork } from './fakes/fake-chat';
import { ManualScheduler } from './fakes/manual-scheduler';
import { pusherState, usersJoined } from './fakes/native-events';
import { destroyCallManager } from './fakes/taro/call-harness';
import * as components from './fakes/taro/components';
import { installHost, render, settle, useTaroRoomHarness } from './fakes/taro/room-harness';

// Type-checking the example compiles the sources it imports: seconds.
jest.setTimeout(60_000);

afterEach(() => destroyCallManager());
useTaroRoomHarness();

const ROOT = path.resolve(__dirname, '..');

/** The tsx block of docs/taro.md that uses useTrtcCall. */
function exampleCode(): string {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/taro.md'), 'utf8');
  const blocks = [...doc.matchAll(/```tsx\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .filter((code) => code.includes('useTrtcCall'));
  expect(blocks).toHaveLength(1);
  return blocks[0]!;
}

interface Example {
  startCalls(chat: ChatWithSignaling, sdkAppId: number, userId: string, userSig: string): void;
  default: ComponentType;
}

/** The example as a CommonJS module whose imports are the sources and the fake Taro. */
function loadExample(code: string): Example {
  const { outputText } = ts.transpileModule(code, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2017,
      jsx: ts.JsxEmit.ReactJSX,
      esModuleInterop: true,
    },
  });
  const modules: Record<string, unknown> = {
    'trtc-room/taro': taroEntry,
    'trtc-room/call': callEntry,
    '@tarojs/components': components,
    'react/jsx-runtime': jsxRuntime,
  };
  const load = (id: string): unknown => {
    if (!(id in modules)) throw new Error(`the example imports ${id}, which this test lacks`);
    return modules[id];
  };
  const module = { exports: {} as Example };
  new Function('require', 'module', 'exports', outputText)(load, module, module.exports);
  return module.exports;
}

// The built declarations when there are (skipLibCheck leaves them unchecked: fast), else the
// sources themselves (seconds more).
const BUILT = fs.existsSync(path.join(ROOT, 'dist/taro/index.d.ts'));
const TYPES = BUILT
  ? { 'trtc-room/taro': ['dist/taro/index.d.ts'], 'trtc-room/call': ['dist/host/call/index.d.ts'] }
  : { 'trtc-room/taro': ['src/taro/index.ts'], 'trtc-room/call': ['src/host/call/index.ts'] };

test('the example type-checks against the package’s types', () => {
  const file = path.join(ROOT, 'test', '.taro-call-doc-example.tsx');
  const host = ts.createCompilerHost({});
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (path.resolve(name) === file ? exampleCode() : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const program = ts.createProgram(
    [file],
    {
      strict: true,
      noEmit: true,
      jsx: ts.JsxEmit.ReactJSX,
      target: ts.ScriptTarget.ES2017,
      // An app's: DOM's console (src/ declares a narrower one for itself).
      lib: ['lib.es2020.d.ts', 'lib.dom.d.ts'],
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      skipLibCheck: true,
      types: [],
      baseUrl: ROOT,
      paths: TYPES,
    },
    host,
  );
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file === undefined || path.resolve(d.file.fileName) === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(problems).toEqual([]);
});

test('the example runs as written: startCalls, then the button calls Alice and the call connects', async () => {
  const example = loadExample(exampleCode());
  installHost();
  const network = new ChatNetwork();
  const clock = new ManualScheduler(Date.UTC(2026, 0, 1));
  const alice = new CallClient({
    userId: 'alice',
    signaling: chatSignaling(network.chat('alice'), 'alice'),
    room: new RoomServer().user('alice'),
    scheduler: clock,
  });
  const ringing: string[] = [];
  alice.on('incoming', (call) => ringing.push(call.caller));
  const CallPage = example.default;
  const page = await render(<CallPage />);
  const button = () => page.root.findAll((node) => (node.type as unknown) === 'button')[0];
  expect(button()?.props['disabled']).toBe(true);

  act(() => example.startCalls(network.chat('bob'), 1400000001, 'bob', 'bob-sig'));
  await settle();
  expect(button()?.props['disabled']).toBe(false);
  expect(button()?.children).toEqual(['Video call Alice']);
  act(() => {
    (button()!.props['onClick'] as () => void)();
  });
  await settle();
  expect(button()).toBeUndefined();
  const pusher = (): ReactTestInstance =>
    page.root.findAll((node) => (node.type as unknown) === 'live-pusher')[0]!;
  act(() =>
    (pusher().props['onStateChange'] as (e: unknown) => void)({
      detail: pusherState(1018, 'enter room success'),
    }),
  );
  await settle();
  expect(ringing).toEqual(['bob']);

  await act(async () => {
    await alice.accept();
  });
  await settle();
  act(() =>
    (pusher().props['onStateChange'] as (e: unknown) => void)({
      detail: usersJoined('alice'),
    }),
  );
  await settle();
  expect(callEntry.getCallManager()?.getView()).toMatchObject({
    phase: 'connected',
    title: 'Alice',
    status: '00:00',
  });
  await act(async () => {
    await alice.destroy();
  });
});
