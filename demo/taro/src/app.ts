// The app: it creates the app's call manager at launch, for the remembered user id, so a call
// rings whichever page is open and opens the call page (shared/calls.ts).
import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { startCalls } from './shared/calls';
import { rememberedUserId } from './shared/user-id';

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    void startCalls(rememberedUserId());
  });
  return children;
}
