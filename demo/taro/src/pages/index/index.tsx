// The entry page: a room id, a user id and a template, then the room page. It uses no trtc-room
// component, so its templates carry no <live-pusher> / <live-player> (see app.config.ts).
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

type Template = 'grid' | '1v1';

const randomUser = () => `taro_${Math.floor(Math.random() * 100000)}`;

export default function Index() {
  const [roomId, setRoomId] = useState('2024');
  const [userId, setUserId] = useState(randomUser);
  const [template, setTemplate] = useState<Template>('grid');
  const [problem, setProblem] = useState('');

  const enter = () => {
    const room = Number(roomId);
    if (!/^\d+$/.test(roomId) || !(room >= 1 && room <= 4294967294)) {
      return setProblem('The room id is a number from 1 to 4294967294.');
    }
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(userId)) {
      return setProblem('The user id is 1-32 letters, digits, _ or -.');
    }
    setProblem('');
    const query = `roomId=${room}&userId=${encodeURIComponent(userId)}&template=${template}`;
    void Taro.navigateTo({ url: `/room/index?${query}` });
  };

  return (
    <View style={{ padding: '32rpx' }}>
      <Text>Room id</Text>
      <Input type="number" value={roomId} onInput={(event) => setRoomId(event.detail.value)} />
      <Text>User id</Text>
      <Input value={userId} onInput={(event) => setUserId(event.detail.value)} />
      <View>
        <Button size="mini" disabled={template === 'grid'} onClick={() => setTemplate('grid')}>
          Grid
        </Button>
        <Button size="mini" disabled={template === '1v1'} onClick={() => setTemplate('1v1')}>
          1v1
        </Button>
      </View>
      <Button type="primary" onClick={enter}>
        Enter the room
      </Button>
      {problem !== '' && <Text>{problem}</Text>}
      <Text>
        {TRTC_DEMO_CONFIG.source === 'trtc'
          ? `TRTC app ${TRTC_DEMO_CONFIG.sdkAppId}`
          : `Local emulator at ${TRTC_DEMO_CONFIG.emulator} (development key; DevTools only)`}
      </Text>
    </View>
  );
}
