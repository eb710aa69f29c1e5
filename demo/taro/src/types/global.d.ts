/// <reference types="@tarojs/taro" />

/** The demo's test credentials, from config/demo-config.ts (defineConstants). */
declare const TRTC_DEMO_CONFIG: {
  readonly source: 'emulator' | 'trtc';
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly emulator: string;
};

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'qq' | 'h5' | string;
  }
}
