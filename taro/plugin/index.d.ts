// trtc-room's Taro 4 build plugin: config/index.ts → plugins: ['trtc-room/taro/plugin'].

/** The Taro plugin context (the part the plugin uses). */
interface TaroPluginContext {
  modifyWebpackChain(
    fn: (args: { chain: unknown; webpack: unknown; data?: unknown }) => void,
  ): void;
  modifyBuildAssets(
    fn: (args: { assets: Record<string, unknown>; miniPlugin: unknown }) => void,
  ): void;
}

/** Registers the plugin's hooks (Taro calls it). */
declare function trtcRoomTaroPlugin(ctx: TaroPluginContext): void;

declare namespace trtcRoomTaroPlugin {
  /** The attributes added to Taro's <live-pusher> / <live-player> (native-attributes.json). */
  const attributes: Readonly<Record<'LivePusher' | 'LivePlayer', Readonly<Record<string, string>>>>;
  /** The run-time module the plugin adds to Taro's runtimePath. */
  const runtimePath: string;
  /** Components kept out of the main package's base template when only independent packages use them. */
  const liveComponents: readonly string[];
}

export = trtcRoomTaroPlugin;
