// <trtc-call> instance → its CallScreen, kept outside the instance (as component-controllers.ts
// does for <trtc-room>), with the component adapted to the screen's port.
import { TrtcError, TrtcErrorCode } from '../../core/errors';
import { roomOf } from '../component-controllers';
import type { HostComponentInstance } from '../define-component';
import { CallScreen } from './call-screen';
import type { CallScreenPort } from './call-screen';

/** The id of the <trtc-room> in <trtc-call>'s template. */
export const CALL_ROOM_ID = 'trtc-call-room';

const screens = new WeakMap<object, CallScreen>();

export function callScreenPort(component: HostComponentInstance): CallScreenPort {
  return {
    render: (patch, rendered) => component.setData(patch, rendered),
    emit: (name, detail) => component.triggerEvent(name, detail),
    room: () => {
      const room = component.selectComponent(`#${CALL_ROOM_ID}`);
      return typeof room === 'object' && room !== null ? roomOf(room) : undefined;
    },
  };
}

/** Creates the instance's screen (lifetimes.attached). */
export function attachCallScreen(component: HostComponentInstance): CallScreen {
  screens.get(component)?.detach();
  const screen = new CallScreen(callScreenPort(component));
  screens.set(component, screen);
  return screen;
}

export function detachCallScreen(component: object): void {
  screens.get(component)?.detach();
  screens.delete(component);
}

/** The screen, or undefined once detached: for taps, which must never throw. */
export function callScreenOf(component: object): CallScreen | undefined {
  return screens.get(component);
}

/** The screen, for page-called methods: a detached component throws INVALID_STATE. */
export function requireCallScreen(component: object): CallScreen {
  const screen = screens.get(component);
  if (screen === undefined) {
    throw new TrtcError(TrtcErrorCode.InvalidState, '<trtc-call> is not attached');
  }
  return screen;
}
