// The room page: useTrtcRoom() owns the room, <TrtcRoom> renders it (grid or 1v1). The page signs
// a test UserSig with the demo's development credentials (config/demo-config.ts): for development
// only; a real app gets the UserSig from its server.
import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { TrtcRoom, useTrtcRoom } from 'trtc-room/taro';
import { genTestUserSig } from 'trtc-room/usersig';

interface Params {
  readonly roomId: number;
  readonly userId: string;
  readonly template: 'grid' | '1v1';
  readonly userSig: string;
}

function readParams(query: Record<string, string | undefined>): Params | string {
  const roomId = Number(query.roomId);
  const userId = decodeURIComponent(query.userId ?? '');
  if (!(roomId > 0) || userId === '') return 'Open this page from the entry page.';
  try {
    const { sdkAppId, secretKey } = TRTC_DEMO_CONFIG;
    const userSig = genTestUserSig({ sdkAppId, secretKey, userId });
    return { roomId, userId, template: query.template === '1v1' ? '1v1' : 'grid', userSig };
  } catch (error) {
    return `Could not sign a test UserSig: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export default function Room() {
  const router = useRouter();
  const [params] = useState(() => readParams(router.params));
  const ready = typeof params !== 'string';
  const [problem, setProblem] = useState(ready ? '' : params);
  const room = useTrtcRoom({
    sdkAppId: TRTC_DEMO_CONFIG.sdkAppId,
    emulator: TRTC_DEMO_CONFIG.emulator,
    ...(ready ? params : {}),
    camera: true,
    microphone: true,
    onError: (event) => setProblem(event.detail.message),
  });
  const [mic, setMic] = useState(true);
  const [camera, setCamera] = useState(true);

  useLoad(() => {
    if (!ready) return;
    void Taro.setNavigationBarTitle({ title: `Room ${params.roomId}` });
    room.enter().catch((error: unknown) => setProblem(String(error)));
  });

  const toggleMic = () => {
    if (mic) room.unpublishMicrophone();
    else void room.publishMicrophone().catch((error: unknown) => setProblem(String(error)));
    setMic(!mic);
  };
  const toggleCamera = () => {
    if (camera) room.unpublishCamera();
    else void room.publishCamera().catch((error: unknown) => setProblem(String(error)));
    setCamera(!camera);
  };
  const leave = () => {
    void room.exit().finally(() => Taro.navigateBack().catch(() => undefined));
  };

  return (
    <View>
      <Text>
        {room.state} · {room.remoteUsers.length} remote
        {room.remoteUsers.length === 1 ? ' user' : ' users'}
      </Text>
      {problem !== '' && <Text>{problem}</Text>}
      <TrtcRoom room={room} style="height: 70vh" />
      <View>
        <Button size="mini" onClick={toggleMic}>
          {mic ? 'Mic off' : 'Mic on'}
        </Button>
        <Button size="mini" onClick={toggleCamera}>
          {camera ? 'Camera off' : 'Camera on'}
        </Button>
        <Button size="mini" type="warn" onClick={leave}>
          Leave
        </Button>
      </View>
    </View>
  );
}
