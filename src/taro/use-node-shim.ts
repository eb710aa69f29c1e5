// The component instance behind <TrtcPusher> / <TrtcPlayer>: src/host's node bindings (the same
// as the native <trtc-pusher> / <trtc-player>) drive it; React renders its data.
import Taro from '@tarojs/taro';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { detachNode } from '../host/node-components';
import type { Host } from '../host/host-api';
import { createTaroHost, currentPage } from './taro-host';
import { ViewShim } from './view-shim';

export function useNodeShim<P extends object, V extends object>(
  is: string,
  props: P,
  initialView: V,
  attach: (shim: ViewShim<P, V>, host: Host) => void,
  /** Re-attach when this changes (the room key, the player id). */
  identity: string,
): { shim: ViewShim<P, V>; view: V } {
  const ref = useRef<{ shim: ViewShim<P, V>; host: Host } | null>(null);
  if (ref.current === null) {
    ref.current = {
      shim: new ViewShim(is, props, initialView),
      host: createTaroHost(currentPage()),
    };
  }
  const { shim, host } = ref.current;
  shim.setProps(props);
  // The binding reads the key and player id from the props: only their change needs a new one.
  useEffect(() => attach(shim, host), [shim, host, attach, identity]);
  useEffect(() => () => detachNode(shim), [shim]);
  const view = useSyncExternalStore(shim.subscribe, shim.getSnapshot, shim.getSnapshot);
  useEffect(() => {
    if (shim.rendering) Taro.nextTick(() => shim.rendered());
  });
  return { shim, view };
}
