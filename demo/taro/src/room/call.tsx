// The call page (titled "Phone"): call a user id by video or audio, or be called. The app's call
// manager (shared/calls.ts) does the calling; <TrtcCall> shows each call full screen (incoming,
// dialing, in the call, how it ended) and nothing between calls. Your own user id comes from the
// entry page and can be changed here: the app then makes a new call manager for it.
//
// The page is in the room's independent subpackage: <TrtcCall> draws the call on a <TrtcRoom>, so
// the page needs <live-pusher> / <live-player>, which stay out of the main package.
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useLoad, useUnload } from '@tarojs/taro';
import { useState } from 'react';
import { TrtcCall, useTrtcCall } from 'trtc-room/taro';
import type { CallMediaType } from 'trtc-room/taro';
import { messageOf, startCalls } from '../shared/calls';
import type { CallStatus } from '../shared/calls';
import {
  calleeIdProblem,
  rememberUserId,
  rememberedUserId,
  userIdProblem,
} from '../shared/user-id';

const PAGE = { padding: '32rpx' };
const LABEL = { display: 'block', marginTop: '24rpx', fontSize: '28rpx', color: '#555' };
const INPUT = {
  height: '80rpx',
  padding: '0 20rpx',
  border: '1px solid #ccc',
  borderRadius: '12rpx',
  marginTop: '8rpx',
};
const HINT = { display: 'block', marginTop: '8rpx', fontSize: '24rpx', color: '#666' };
const FIELD_ERROR = { display: 'block', marginTop: '8rpx', fontSize: '24rpx', color: '#c62828' };
const ROW = { display: 'flex', alignItems: 'center', gap: '16rpx' };
const BOX = {
  marginTop: '28rpx',
  padding: '24rpx',
  borderRadius: '12rpx',
  background: '#fdecea',
  fontSize: '26rpx',
};
const NOTE = { display: 'block', marginTop: '28rpx', fontSize: '24rpx', color: '#666' };
/** <TrtcCall> over the whole page while a call is shown; nothing otherwise. */
const CALL_LAYER_OPEN =
  'position:fixed;top:0;left:0;width:100%;height:100%;z-index:100;background:#0e0f13;';
const CALL_LAYER_CLOSED = 'display:none;';

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 3000 });
}

export default function CallPage() {
  const call = useTrtcCall();
  /** What the last startCalls said; null until the first one answers. */
  const [status, setStatus] = useState<CallStatus | null>(null);
  const [ownId, setOwnId] = useState(rememberedUserId);
  const [ownIdError, setOwnIdError] = useState('');
  const [calleeId, setCalleeId] = useState('');
  const [calleeError, setCalleeError] = useState('');
  /** The last call that failed (a rejected call(), a failed button, a call ended by an error). */
  const [error, setError] = useState('');

  const manager = call.manager;
  /** Whose calls ring here: the app's manager's user. */
  const whose = manager?.options.userId ?? '';
  /** A call is shown (ringing, dialing, in the call, or its end): <TrtcCall> covers the page. */
  const inCall = call.view.phase !== 'idle';

  // app.ts made the manager at launch; this finds it (or makes it, when the page was opened
  // without the main package, or says why there are no calls).
  useLoad(() => {
    void startCalls(ownId).then(setStatus);
  });

  // Leaving the page ends its call: <TrtcCall> hangs up a call whose room it shows, and a call
  // still ringing is declined here (nothing else would show it).
  useUnload(() => {
    if (manager !== null && manager.getView().phase === 'ringing') {
      manager.decline().catch(() => undefined);
    }
  });

  const showError = (message: string) => {
    setError(message);
    toast(message);
  };

  /** "Use": take calls as the id typed; the app destroys its call manager and makes one for it. */
  const takeCallsAs = () => {
    const userId = ownId.trim();
    const problem = userIdProblem(userId);
    if (problem !== '') {
      setOwnIdError(problem);
      toast(problem);
      return;
    }
    setOwnId(userId);
    setOwnIdError('');
    if (userId === whose) return;
    rememberUserId(userId);
    void startCalls(userId).then((next) => {
      setStatus(next);
      if (next.ready) toast(`Calls now come to ${userId}.`);
    });
  };

  const dial = (media: CallMediaType) => {
    if (manager === null) {
      toast(status?.problem || 'Calls are not ready yet.');
      return;
    }
    const callee = calleeId.trim();
    const problem = calleeIdProblem(callee, whose);
    if (problem !== '') {
      setCalleeError(problem);
      toast(problem);
      return;
    }
    setCalleeId(callee);
    setCalleeError('');
    setError('');
    // <TrtcCall> shows the call from here on; a call that cannot start rejects.
    call.call([callee], { media }).catch((reason: unknown) => showError(messageOf(reason)));
  };

  const ready = manager !== null;
  const problem = ready || status === null ? '' : status.problem;
  return (
    <View>
      {!inCall && (
        <View style={PAGE}>
          <Text style={LABEL}>Your user id</Text>
          <View style={ROW}>
            <Input
              style={{ ...INPUT, flex: 1 }}
              maxlength={32}
              value={ownId}
              placeholder="alice_01"
              onInput={(event) => {
                setOwnId(event.detail.value);
                setOwnIdError('');
              }}
              onConfirm={takeCallsAs}
            />
            <Button size="mini" onClick={takeCallsAs}>
              Use
            </Button>
          </View>
          {ownIdError !== '' ? (
            <Text style={FIELD_ERROR}>{ownIdError}</Text>
          ) : ready ? (
            <Text style={HINT}>Others can call you as {whose}.</Text>
          ) : status === null ? (
            <Text style={HINT}>Starting calls…</Text>
          ) : null}

          <Text style={LABEL}>Call user id</Text>
          <Input
            style={INPUT}
            maxlength={32}
            value={calleeId}
            placeholder="bob"
            onInput={(event) => {
              setCalleeId(event.detail.value);
              setCalleeError('');
            }}
          />
          {calleeError !== '' && <Text style={FIELD_ERROR}>{calleeError}</Text>}

          <View style={{ ...ROW, marginTop: '24rpx' }}>
            <Button
              type="primary"
              style={{ flex: 1, opacity: ready ? 1 : 0.4 }}
              onClick={() => dial('video')}
            >
              Video call
            </Button>
            <Button style={{ flex: 1, opacity: ready ? 1 : 0.4 }} onClick={() => dial('audio')}>
              Audio call
            </Button>
          </View>

          {error !== '' && (
            <View style={BOX}>
              <Text style={{ display: 'block', fontWeight: 'bold' }}>The call failed</Text>
              <Text style={{ display: 'block', marginTop: '8rpx' }}>{error}</Text>
            </View>
          )}

          {problem !== '' && status !== null && (
            <View style={BOX}>
              <Text style={{ display: 'block', fontWeight: 'bold' }}>
                {status.needsChat ? 'Calls on a phone need Tencent Chat' : 'No calls'}
              </Text>
              <Text style={{ display: 'block', marginTop: '8rpx' }}>{problem}</Text>
              {status.needsChat && (
                <Text style={{ display: 'block', marginTop: '8rpx' }}>
                  The demo has no Chat SDK. An app installs @tencentcloud/chat (or
                  @tencentcloud/lite-chat with its signaling plugin), logs in to Chat with the same
                  user id and UserSig, and passes the instance: createCallManager({'{'} sdkAppId,
                  userId, userSig, chat {'}'}). See docs/calls.md, &quot;Setting up&quot;. In WeChat
                  DevTools the demo&apos;s calls go through the room emulator and need no Chat SDK.
                </Text>
              )}
            </View>
          )}

          <Text style={NOTE}>
            To try a call in WeChat DevTools (with the room emulator running): open a second
            simulator (Tools → Multi-account debugging) with another user id and call one from the
            other, or add a call bot in the emulator console&apos;s Calls card
            (http://127.0.0.1:8787/) and call it, or have it ring you.
          </Text>
        </View>
      )}

      <View id="call-layer" style={inCall ? CALL_LAYER_OPEN : CALL_LAYER_CLOSED}>
        <TrtcCall
          onCallError={({ detail }) => showError(detail.message)}
          onCallEnded={({ detail }) => {
            if (detail.reason === 'error') setError(detail.message ?? detail.text);
          }}
        />
      </View>
    </View>
  );
}
