// The React callback for each <trtc-call> event: one table, so the names cannot drift from the
// native component's (TrtcCallEventDetails is their single source; events.ts does the same for
// <trtc-room>).
import type { TrtcCallEventDetails, TrtcCallEventName } from '../host';

export const CALL_EVENT_PROPS = {
  callstatechange: 'onCallStateChange',
  callincoming: 'onCallIncoming',
  callconnected: 'onCallConnected',
  callended: 'onCallEnded',
  calluseraccept: 'onCallUserAccept',
  calluserreject: 'onCallUserReject',
  calluserbusy: 'onCallUserBusy',
  callusernoresponse: 'onCallUserNoResponse',
  calluserjoin: 'onCallUserJoin',
  calluserleave: 'onCallUserLeave',
  callmediachange: 'onCallMediaChange',
  callerror: 'onCallError',
} as const satisfies Record<TrtcCallEventName, `on${string}`>;

type CallEventPropNames = typeof CALL_EVENT_PROPS;

/** What a <TrtcCall> callback receives: the native event's name and detail. */
export interface TrtcCallEvent<K extends TrtcCallEventName = TrtcCallEventName> {
  readonly type: K;
  readonly detail: TrtcCallEventDetails[K];
}

/** `onCallEnded?: (event: TrtcCallEvent<'callended'>) => void`, and so on. */
export type TrtcCallEventProps = {
  readonly [K in TrtcCallEventName as CallEventPropNames[K]]?: (event: TrtcCallEvent<K>) => void;
};

export type TrtcCallEventPropName = keyof TrtcCallEventProps;
