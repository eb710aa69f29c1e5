// One action as the line of code that performs it: the language of failure reports.
import type { Action, PlayerEventKind, PusherEventKind } from './actions';
import { show } from './show';

const HANDLERS: Record<PusherEventKind | PlayerEventKind, string> = {
  'pusher-state': 'handlePusherStateChange',
  'pusher-error': 'handlePusherError',
  'pusher-net': 'handlePusherNetStatus',
  'pusher-volume': 'handlePusherAudioVolume',
  'bgm-progress': 'handlePusherBGMProgress',
  'player-state': 'handlePlayerStateChange',
  'player-net': 'handlePlayerNetStatus',
  'player-volume': 'handlePlayerAudioVolume',
  'player-fullscreen': 'handlePlayerFullscreenChange',
};

/** One action as the line of code that performs it. */
export function describeAction(action: Action): string {
  const tail = action.burst ? '  // same tick' : '';
  const line = ((): string => {
    switch (action.kind) {
      case 'pusher-state':
      case 'pusher-error':
      case 'pusher-net':
      case 'pusher-volume':
      case 'bgm-progress':
        return `client.${HANDLERS[action.kind]}(${show(action.detail)}); // ${action.note}`;
      case 'player-state':
      case 'player-net':
      case 'player-volume':
      case 'player-fullscreen':
        return `client.${HANDLERS[action.kind]}(${show(action.playerId)}, ${show(action.detail)}); // ${action.note}`;
      case 'advance':
        return action.async
          ? `await scheduler.advanceAsync(${action.ms});`
          : `scheduler.advance(${action.ms});`;
      case 'page':
        return action.visible ? 'client.handlePageShow();' : 'client.handlePageHide();';
      case 'pusher-ready':
        return `client.setPusherReady(${action.ready});`;
      case 'player-ready':
        return `client.setPlayerReady(${show(action.playerId)}, ${action.ready});`;
      case 'command': {
        const { name, ...args } = action.command;
        return `client.${name}(${Object.values(args)
          .map((v) => show(v))
          .join(', ')});`;
      }
      case 'enter':
        return `client.enterRoom(${show(action.params)});`;
      case 'exit':
        return action.wait
          ? `await client.exitRoom();${action.confirm ? ' // engine sends 1019 meanwhile' : ''}`
          : 'void client.exitRoom();';
      case 'fault':
        return `adapter.${action.mode}Next(${show(action.method)});`;
      case 'release':
        return `adapter.hung[${action.index}].${action.ok ? 'resolve()' : 'reject(new Error())'};`;
      case 'expect-state':
        return `expect(client.getState()).toBe(${show(action.state)});`;
      case 'destroy':
        return 'client.destroy(); await scheduler.advanceAsync(exitTimeoutMs + callTimeoutMs + 1);';
    }
  })();
  return line + tail;
}
