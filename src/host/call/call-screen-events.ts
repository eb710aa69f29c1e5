// The events <trtc-call> triggers on the page (`bind:callended="onEnded"`): the single source of
// their names and detail types. Names are lower-case with no separators, as WXML binds them.
import type { CallEndReason, CallInfo, CallState } from '../../core/call/call-events';
import type { CallMediaType } from '../../core/call/call-payload';
import type { TrtcErrorCode } from '../../core/errors';

export interface TrtcCallEventDetails {
  callstatechange: { readonly state: CallState; readonly previous: CallState };
  /** Someone rings this user: the screen shows accept / decline. */
  callincoming: { readonly call: CallInfo };
  callconnected: { readonly call: CallInfo };
  /** `text`: what the screen says about it ("Bob declined", "No answer"). */
  callended: {
    readonly call: CallInfo;
    readonly reason: CallEndReason;
    readonly durationS: number;
    readonly message: string | null;
    readonly text: string;
  };
  calluseraccept: { readonly userId: string };
  calluserreject: { readonly userId: string };
  calluserbusy: { readonly userId: string };
  callusernoresponse: { readonly userId: string };
  calluserjoin: { readonly userId: string };
  calluserleave: { readonly userId: string };
  callmediachange: { readonly media: CallMediaType };
  /** A button's command failed (no manager, a permission refused, a message not sent). */
  callerror: { readonly code: TrtcErrorCode; readonly message: string };
}

export type TrtcCallEventName = keyof TrtcCallEventDetails;
