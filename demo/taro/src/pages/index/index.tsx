// The entry page: a room id, a user id and a template, then the room page; or the user id, then
// the call page ("Open the phone"). It uses no trtc-room component, so its templates carry no
// <live-pusher> / <live-player> (see app.config.ts). The user id is remembered: it is the one the
// app's call manager takes calls for (shared/calls.ts), and another one here makes a new manager.
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { CALL_PAGE, startCalls } from '../../shared/calls';
import { rememberUserId, rememberedUserId, userIdProblem } from '../../shared/user-id';

type Template = 'grid' | '1v1';

export default function Index() {
  const [roomId, setRoomId] = useState('2024');
  const [userId, setUserId] = useState(rememberedUserId);
  const [template, setTemplate] = useState<Template>('grid');
  const [problem, setProblem] = useState('');
  // Back from the call page, which may have taken calls as another id: show that one.
  useDidShow(() => setUserId(rememberedUserId()));

  /** The user id, checked and remembered, with calls for it; '' (and the problem) when bad. */
  const checkedUserId = (): string => {
    const user = userId.trim();
    const userProblem = userIdProblem(user);
    if (userProblem !== '') {
      setProblem(userProblem);
      return '';
    }
    setProblem('');
    rememberUserId(user);
    void startCalls(user);
    return user;
  };

  const enter = () => {
    const room = Number(roomId);
    if (!/^\d+$/.test(roomId) || !(room >= 1 && room <= 4294967294)) {
      return setProblem('The room id is a number from 1 to 4294967294.');
    }
    const user = checkedUserId();
    if (user === '') return;
    const query = `roomId=${room}&userId=${encodeURIComponent(user)}&template=${template}`;
    void Taro.navigateTo({ url: `/room/index?${query}` });
  };

  const openPhone = () => {
    if (checkedUserId() === '') return;
    void Taro.navigateTo({ url: CALL_PAGE });
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
      <Button onClick={openPhone}>Open the phone</Button>
      {problem !== '' && <Text>{problem}</Text>}
      <Text>
        {TRTC_DEMO_CONFIG.source === 'trtc'
          ? `TRTC app ${TRTC_DEMO_CONFIG.sdkAppId}`
          : `Local emulator at ${TRTC_DEMO_CONFIG.emulator} (development key; DevTools only)`}
      </Text>
    </View>
  );
}
