// The look of components/trtc-call/index.wxss as inline styles (styles.ts explains why inline):
// the same sizes in rpx, the same CSS variables, declared on the call's outer view with the room's
// theme variables, so an app overrides them in its `style` as on the native component. The
// native stylesheet's phase and theme selectors (.call--dialing .call__who, .theme-light ...)
// are the parameters here.
import type { CallPhase } from '../host/call';
import type { RoomTheme } from '../host';

const FILL = 'position:absolute;left:0;top:0;right:0;bottom:0;';

/** The call's own colours (the native component's :host, and its .theme-light). */
export function callVariables(theme: RoomTheme): string {
  const light = theme === 'light';
  return (
    '--trtc-call-accept:#32d74b;--trtc-call-end:#ff453a;' +
    `--trtc-call-button:${light ? 'rgba(21,23,28,0.08)' : 'rgba(255,255,255,0.18)'};` +
    `--trtc-call-scrim:${light ? 'rgba(242,243,247,0.72)' : 'rgba(14,15,19,0.62)'};`
  );
}

/** The screen; in a call, a column: the room above, the controls in a band below it. */
export function callStyle(phase: CallPhase): string {
  return (
    'display:block;position:relative;width:100%;height:100%;overflow:hidden;' +
    'background:var(--trtc-bg);color:var(--trtc-text);' +
    (phase === 'connected' ? 'display:flex;flex-direction:column;' : '')
  );
}

export function roomStyle(phase: CallPhase): string {
  return phase === 'connected' ? 'position:relative;flex:1;min-height:0;' : FILL;
}

/**
 * Who: alone while ringing or after the end; while dialing at the top, over the caller's own
 * preview, which stays in view.
 */
export function whoStyle(phase: CallPhase): string {
  const base =
    `${FILL}z-index:10;display:flex;flex-direction:column;align-items:center;padding-top:22vh;` +
    'background:var(--trtc-call-scrim);';
  if (phase === 'ringing' || phase === 'ended') return `${base}background:var(--trtc-bg);`;
  if (phase !== 'dialing') return base;
  return (
    `${base}bottom:auto;padding-top:6vh;padding-bottom:48rpx;` +
    'background:linear-gradient(var(--trtc-call-scrim),rgba(14,15,19,0));'
  );
}

export const CALL_PEERS =
  'display:flex;flex-direction:row;justify-content:center;flex-wrap:wrap;gap:24rpx;' +
  'margin-bottom:40rpx;';
export const CALL_TITLE = 'font-size:44rpx;font-weight:600;padding:0 48rpx;text-align:center;';
export const CALL_STATUS =
  'margin-top:16rpx;font-size:30rpx;color:var(--trtc-text-dim);padding:0 48rpx;' +
  'text-align:center;';

/** Connected: the name and the duration on top of the room. */
export const CALL_BAR =
  'position:absolute;left:0;right:0;top:0;z-index:10;display:flex;flex-direction:column;' +
  'align-items:center;padding:24rpx 0 32rpx;' +
  'background:linear-gradient(rgba(0,0,0,0.55),rgba(0,0,0,0));color:#ffffff;';
export const CALL_BAR_TITLE = 'font-size:32rpx;font-weight:600;';
export const CALL_BAR_STATUS = 'margin-top:6rpx;font-size:26rpx;font-variant-numeric:tabular-nums;';

/** The buttons at the bottom: over the screen before the call, a band below the room in it. */
export function actionsStyle(phase: CallPhase): string {
  const base =
    'position:absolute;left:0;right:0;bottom:0;z-index:10;display:flex;flex-direction:row;' +
    'justify-content:space-around;padding:40rpx 48rpx calc(64rpx + env(safe-area-inset-bottom));';
  if (phase !== 'connected') return base;
  return (
    `${base}position:relative;flex-shrink:0;justify-content:center;` +
    'padding:8rpx 8rpx calc(32rpx + env(safe-area-inset-bottom));background:var(--trtc-bg);'
  );
}

export function actionStyle(phase: CallPhase): string {
  const base =
    'display:flex;flex-direction:column;align-items:center;width:150rpx;margin-top:16rpx;';
  return phase === 'connected'
    ? `${base}flex:1 1 0;width:auto;min-width:0;max-width:150rpx;`
    : base;
}

/** plain: a control that is on; off: one that is off (its colours swapped). */
export type CallButtonTone = 'plain' | 'off' | 'accept' | 'end';

const BUTTON_BACKGROUND: Readonly<Record<CallButtonTone, string>> = {
  plain: 'var(--trtc-call-button)',
  off: 'rgba(255,255,255,0.9)',
  accept: 'var(--trtc-call-accept)',
  end: 'var(--trtc-call-end)',
};

export function buttonStyle(tone: CallButtonTone, phase: CallPhase, theme: RoomTheme): string {
  const side = phase === 'connected' ? 100 : 112;
  const background =
    tone === 'off' && theme === 'light' ? 'rgba(21,23,28,0.85)' : BUTTON_BACKGROUND[tone];
  return (
    `width:${side}rpx;height:${side}rpx;border-radius:50%;display:flex;align-items:center;` +
    `justify-content:center;background:${background};`
  );
}

/** The icons are white strokes: dark on the light buttons. */
export function iconStyle(tone: CallButtonTone, phase: CallPhase, theme: RoomTheme): string {
  const side = phase === 'connected' ? 46 : 52;
  const light = theme === 'light';
  const inverted = (tone === 'off' && !light) || (tone === 'plain' && light);
  return `width:${side}rpx;height:${side}rpx;${inverted ? 'filter:invert(1);' : ''}`;
}

export function labelStyle(phase: CallPhase): string {
  // Dialing: over the caller's own camera preview.
  const colour =
    phase === 'dialing'
      ? 'color:#ffffff;text-shadow:0 1rpx 4rpx rgba(0,0,0,0.6);'
      : 'color:var(--trtc-text);';
  return `margin-top:12rpx;font-size:24rpx;white-space:nowrap;${colour}`;
}
