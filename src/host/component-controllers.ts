// Component instance → its controller. Kept outside the instance so `this` stays typed and a
// detached component holds nothing.
import { TrtcError, TrtcErrorCode } from '../core/errors';
import { detectHost } from './detect-host';
import type { Host } from './host-api';
import { RoomController } from './room-controller';
import type { RoomComponent } from './room-controller';
import { componentPort } from './view-port';

const controllers = new WeakMap<object, RoomController>();

/** Creates the instance's controller (lifetimes.attached). `host` defaults to the detected one. */
export function attachRoom(component: RoomComponent, host: Host = detectHost()): RoomController {
  controllers.get(component)?.destroy();
  const controller = new RoomController(componentPort(component), host);
  controllers.set(component, controller);
  return controller;
}

/** Destroys the instance's controller (lifetimes.detached). */
export function detachRoom(component: object): void {
  controllers.get(component)?.destroy();
  controllers.delete(component);
}

/** The controller, or undefined once detached: for native callbacks, which must never throw. */
export function roomOf(component: object): RoomController | undefined {
  return controllers.get(component);
}

/** The controller, for page-called methods: a detached component throws INVALID_STATE. */
export function requireRoom(component: object): RoomController {
  const controller = controllers.get(component);
  if (controller === undefined) {
    throw new TrtcError(TrtcErrorCode.InvalidState, '<trtc-room> is not attached');
  }
  return controller;
}
