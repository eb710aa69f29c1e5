// What <TrtcCall> runs: the native <trtc-call>'s CallScreen (src/host/call) on a React port. The
// screen follows the app's call manager and renders into a ReactPort, whose snapshot React draws;
// its events go to the on* props; the call's room is the controller of the <TrtcRoom> the view
// rendered, handed over once React committed it and Taro flushed the commit (the port's
// "rendered" callbacks, as in useTrtcRoom).
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createLogger } from '../core';
import { CallScreen, EMPTY_CALL_SCREEN } from '../host';
import type {
  CallScreenData,
  CallScreenPort,
  Profiles,
  TrtcCallEventDetails,
  TrtcCallEventName,
} from '../host';
import type { CallRoomTarget } from '../host/call';
import { CALL_EVENT_PROPS } from './call-events';
import type { TrtcCallEvent, TrtcCallEventProps } from './call-events';
import { ReactPort } from './react-port';
import { checkTaroTarget } from './taro-host';

const log = createLogger('call');
const NOTHING = (): void => undefined;

class CallView {
  readonly port: ReactPort<TrtcCallEventProps, CallScreenData>;
  /** The controller of the call room's <TrtcRoom>, while it is mounted. */
  room: CallRoomTarget | null = null;

  constructor(props: TrtcCallEventProps) {
    this.port = new ReactPort<TrtcCallEventProps, CallScreenData>(props, EMPTY_CALL_SCREEN);
  }

  readonly screenPort: CallScreenPort = {
    render: (patch, rendered) => {
      const view = { ...this.port.getSnapshot(), ...patch };
      this.port.render({}, view, rendered ?? NOTHING);
    },
    emit: <K extends TrtcCallEventName>(name: K, detail: TrtcCallEventDetails[K]) => {
      const callback = this.port.props()[CALL_EVENT_PROPS[name]] as
        ((event: TrtcCallEvent<K>) => void) | undefined;
      if (typeof callback !== 'function') return;
      // A page's handler never breaks the screen (WeChat's triggerEvent does not throw either).
      try {
        callback({ type: name, detail });
      } catch (error) {
        log.error(`<TrtcCall> ${CALL_EVENT_PROPS[name]} threw`, error);
      }
    },
    room: () => this.room ?? undefined,
  };
}

export interface CallScreenBinding {
  /** The screen, from the first commit on (null in the first render). */
  readonly screen: CallScreen | null;
  readonly data: CallScreenData;
  /** The call room's <TrtcRoom> hands its controller here, and null when it goes. */
  readonly setRoom: (room: CallRoomTarget | null) => void;
}

/**
 * A CallScreen for this component's lifetime: created once committed (so React StrictMode's
 * double render leaves nothing behind), detached on unmount, which hangs up a call whose room
 * this screen showed (the page was closed), as the native component's detach does.
 */
export function useCallScreen(events: TrtcCallEventProps, profiles: Profiles): CallScreenBinding {
  const ref = useRef<CallView | null>(null);
  if (ref.current === null) {
    // As useTrtcRoom: on h5 (no <live-pusher>) at once, not when a call first shows its room.
    checkTaroTarget();
    ref.current = new CallView(events);
  }
  const view = ref.current;
  view.port.setProps(events);
  const [screen, setScreen] = useState<CallScreen | null>(null);

  useEffect(() => {
    const created = new CallScreen(view.screenPort);
    setScreen(created);
    return () => {
      created.detach();
      setScreen(null);
    };
  }, [view]);

  // By value: a page that writes profiles={{ ... }} inline does not share them on every render.
  const profilesKey = JSON.stringify(profiles);
  useEffect(() => {
    screen?.setProfiles(profiles);
  }, [screen, profilesKey]);

  const data = useSyncExternalStore(
    view.port.subscribe,
    view.port.getSnapshot,
    view.port.getSnapshot,
  );
  useEffect(() => {
    // The commit is on its way to the page: once Taro flushed it, the call room's nodes exist.
    if (view.port.rendering) Taro.nextTick(() => view.port.rendered());
  });
  const setRoom = useCallback(
    (room: CallRoomTarget | null) => {
      view.room = room;
      if (room !== null) screen?.roomReady();
    },
    [view, screen],
  );
  return { screen, data, setRoom };
}
