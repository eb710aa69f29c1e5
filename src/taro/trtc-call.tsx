// <TrtcCall>: the native <trtc-call>'s screens in React — who calls or is called, the call's room
// (a <TrtcRoom>) from dialing or accepting to the end, the buttons of each phase, how it ended —
// from the same CallScreen (use-call-screen.ts). Nothing shows while there is no call.
import { Image, Text, View } from '@tarojs/components';
import type { StandardProps } from '@tarojs/components';
import { useEffect } from 'react';
import { CALL_ROOM_ID } from '../host';
import type { CallScreen, CallScreenData, Profiles, RoomTheme } from '../host';
import type { PictureInPictureMode } from '../core';
import type { CallRoomTarget, CallView } from '../host/call';
import {
  AUDIO_ONLY_ICON,
  CAMERA_ICON,
  EARPIECE_ICON,
  HANG_UP_ICON,
  MIC_ICON,
  PHONE_ICON,
  SPEAKER_ICON,
  SWITCH_CAMERA_ICON,
} from './call-icons';
import type { TrtcCallEventProps } from './call-events';
import {
  CALL_BAR,
  CALL_BAR_STATUS,
  CALL_BAR_TITLE,
  CALL_PEERS,
  CALL_STATUS,
  CALL_TITLE,
  actionStyle,
  actionsStyle,
  buttonStyle,
  callStyle,
  callVariables,
  iconStyle,
  labelStyle,
  roomStyle,
  whoStyle,
} from './call-styles';
import type { CallButtonTone } from './call-styles';
import { CAMERA_OFF_ICON, MIC_OFF_ICON } from './icons';
import { cssText, themeVariables } from './styles';
import { Avatar } from './tiles';
import { TrtcRoom } from './trtc-room';
import { useCallScreen } from './use-call-screen';
import { useTrtcRoom } from './use-trtc-room';

/** The room key of the call's room (<TrtcPusher roomKey="trtc-call"> finds it), as native. */
export const CALL_ROOM_KEY = 'trtc-call';

export type TrtcCallProps = Pick<StandardProps, 'className' | 'style' | 'id' | 'hidden'> &
  TrtcCallEventProps & {
    /** Names and avatars by user id, added to the call manager's: `{ bob: { name: 'Bob' } }`. */
    readonly profiles?: Profiles;
    /** 'dark' (the default) or 'light', for the screen and the call's room. */
    readonly theme?: RoomTheme;
    /**
     * WeChat's floating window for the call when its page is left (the call room's
     * `pictureInPicture`, base library 2.10.3). Read when the call's room appears.
     */
    readonly pictureInPicture?: PictureInPictureMode;
  };

const NO_PROFILES: Profiles = {};

interface CallButton {
  readonly label: string;
  readonly icon: string;
  readonly tone: CallButtonTone;
  readonly tap: (screen: CallScreen) => void;
}

/** The buttons of each phase, in the native template's order. */
function buttonsOf(data: CallScreenData): readonly CallButton[] {
  const { call, micOn, cameraOn, audioRoute } = data;
  if (call.phase === 'ringing' && !call.connecting) {
    return [
      { label: 'Decline', icon: HANG_UP_ICON, tone: 'end', tap: (s) => s.decline() },
      { label: 'Accept', icon: PHONE_ICON, tone: 'accept', tap: (s) => s.accept() },
    ];
  }
  if (call.phase === 'dialing' || call.connecting) {
    return [{ label: 'Cancel', icon: HANG_UP_ICON, tone: 'end', tap: (s) => s.hangup() }];
  }
  if (call.phase !== 'connected') return [];
  const video = call.media === 'video';
  const speaker = audioRoute === 'speaker';
  const buttons: (CallButton | false)[] = [
    {
      label: micOn ? 'Mute' : 'Unmute',
      icon: micOn ? MIC_ICON : MIC_OFF_ICON,
      tone: micOn ? 'plain' : 'off',
      tap: (s) => s.toggleMic(),
    },
    video && {
      label: 'Camera',
      icon: cameraOn ? CAMERA_ICON : CAMERA_OFF_ICON,
      tone: cameraOn ? 'plain' : 'off',
      tap: (s) => s.toggleCamera(),
    },
    video && {
      label: 'Flip',
      icon: SWITCH_CAMERA_ICON,
      tone: 'plain',
      tap: (s) => s.switchCamera(),
    },
    {
      label: speaker ? 'Speaker' : 'Earpiece',
      icon: speaker ? SPEAKER_ICON : EARPIECE_ICON,
      tone: speaker ? 'plain' : 'off',
      tap: (s) => s.toggleSpeaker(),
    },
    video && {
      label: 'Audio',
      icon: AUDIO_ONLY_ICON,
      tone: 'plain',
      tap: (s) => s.switchToAudio(),
    },
    { label: 'Hang up', icon: HANG_UP_ICON, tone: 'end', tap: (s) => s.hangup() },
  ];
  return buttons.filter((button): button is CallButton => button !== false);
}

function Actions({
  data,
  screen,
  theme,
}: {
  data: CallScreenData;
  screen: CallScreen | null;
  theme: RoomTheme;
}) {
  const buttons = buttonsOf(data);
  if (buttons.length === 0) return null;
  const phase = data.call.phase;
  return (
    <View style={actionsStyle(phase)}>
      {buttons.map((button) => (
        <View
          key={button.label}
          style={actionStyle(phase)}
          data-touch="call"
          aria-label={button.label}
          onClick={() => {
            if (screen !== null) button.tap(screen);
          }}
        >
          <View style={buttonStyle(button.tone, phase, theme)}>
            <Image style={iconStyle(button.tone, phase, theme)} src={button.icon} />
          </View>
          <Text style={labelStyle(phase)}>{button.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** Before the call connects (and after it ended): who, and what happens. */
function Who({ call }: { call: CallView }) {
  return (
    <View style={whoStyle(call.phase)}>
      <View style={CALL_PEERS}>
        {call.peers.map((peer) => (
          <Avatar
            key={peer.userId}
            tile={peer}
            size={call.phase === 'dialing' ? 'call-dialing' : 'call'}
          />
        ))}
      </View>
      <Text style={CALL_TITLE}>{call.title}</Text>
      <Text style={CALL_STATUS}>{call.status}</Text>
    </View>
  );
}

/** Connected: the name and the duration over the room. */
function Bar({ call }: { call: CallView }) {
  return (
    <View style={CALL_BAR}>
      <Text style={CALL_BAR_TITLE}>{call.title}</Text>
      <Text style={CALL_BAR_STATUS}>{call.status}</Text>
    </View>
  );
}

/** The call's room: mounted while the call wants it, its controller handed to the screen. */
function CallRoom({
  data,
  theme,
  onRoom,
  pictureInPicture,
}: {
  data: CallScreenData;
  theme: RoomTheme;
  onRoom: (room: CallRoomTarget | null) => void;
  pictureInPicture: PictureInPictureMode;
}) {
  const { room } = data;
  const handle = useTrtcRoom({
    sdkAppId: room.sdkAppId,
    userId: room.userId,
    userSig: room.userSig,
    emulator: room.emulator,
    template: room.template,
    profiles: data.profiles,
    audioRoute: data.audioRoute,
    theme,
    roomKey: CALL_ROOM_KEY,
    pictureInPicture,
  });
  const controller = handle.controller;
  useEffect(() => {
    onRoom(controller);
    return () => onRoom(null);
  }, [controller, onRoom]);
  return (
    <View style={roomStyle(data.call.phase)}>
      <TrtcRoom room={handle} id={CALL_ROOM_ID} style="height:100%" />
    </View>
  );
}

/**
 * The call screen of the app's call manager (createCallManager of trtc-room/call): put it on the
 * pages that call or answer. It shows the incoming call (accept / decline), the dialing screen,
 * the call on its room with the controls, and how the call ended; nothing otherwise. Unmounting
 * it during a call hangs up (the page was closed).
 */
export function TrtcCall(props: TrtcCallProps) {
  const { className, style, id, hidden, profiles, theme, pictureInPicture, ...events } = props;
  const drawn: RoomTheme = theme === 'light' ? 'light' : 'dark';
  const { screen, data, setRoom } = useCallScreen(events, profiles ?? NO_PROFILES);
  const call = data.call;
  if (!data.managed || call.phase === 'idle') return null;
  return (
    <View
      id={id}
      hidden={hidden}
      className={className}
      style={themeVariables(drawn) + callVariables(drawn) + callStyle(call.phase) + cssText(style)}
      data-phase={call.phase}
    >
      {data.roomShown ? (
        <CallRoom
          data={data}
          theme={drawn}
          onRoom={setRoom}
          pictureInPicture={pictureInPicture ?? ''}
        />
      ) : null}
      {call.phase === 'connected' ? <Bar call={call} /> : <Who call={call} />}
      <Actions data={data} screen={screen} theme={drawn} />
    </View>
  );
}
