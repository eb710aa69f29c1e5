// The view port behind <TrtcPusher> / <TrtcPlayer>: src/host's node bindings (the same as the
// native <trtc-pusher> / <trtc-player>) render into it; React renders its view.
import Taro from '@tarojs/taro';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { detachNode } from '../host';
import type { Host, ViewPort } from '../host';
import { createTaroHost, currentPage } from './taro-host';
import { ReactPort } from './react-port';

export function useNodePort<P, V>(
  props: P,
  initialView: V,
  attach: (port: ViewPort<P, V>, host: Host) => void,
  /** Re-attach when this changes (the room key, the player id). */
  identity: string,
): { port: ReactPort<P, V>; view: V } {
  const ref = useRef<{ port: ReactPort<P, V>; host: Host } | null>(null);
  if (ref.current === null) {
    ref.current = { port: new ReactPort(props, initialView), host: createTaroHost(currentPage()) };
  }
  const { port, host } = ref.current;
  port.setProps(props);
  // The binding reads the key and player id from the props: only their change needs a new one.
  useEffect(() => attach(port, host), [port, host, attach, identity]);
  useEffect(() => () => detachNode(port.owner), [port]);
  const view = useSyncExternalStore(port.subscribe, port.getSnapshot, port.getSnapshot);
  useEffect(() => {
    if (port.rendering) Taro.nextTick(() => port.rendered());
  });
  return { port, view };
}
