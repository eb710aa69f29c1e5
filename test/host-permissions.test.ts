import type { HostCallbacks, HostScope } from '../src/host/host-api';
import {
  DEVICE_SCOPES,
  promptOpenSetting,
  readPermissions,
  requestPermissions,
} from '../src/host/permissions';
import { createFakeHost } from './fakes/fake-host';
import { promiseTurns } from './fakes/manual-scheduler';
import { captureLogs } from './fakes/log-capture';
import type { FakeHost } from './fakes/fake-host';

const apis = (host: FakeHost) => host.calls.map((call) => call.api);
const authorized = (host: FakeHost) =>
  host.calls.filter((call) => call.api === 'authorize').map((call) => call.args[0]);

describe('DEVICE_SCOPES', () => {
  it('maps the camera to scope.camera and the microphone to scope.record', () => {
    expect(DEVICE_SCOPES).toEqual({ camera: 'scope.camera', microphone: 'scope.record' });
  });
});

describe('readPermissions', () => {
  it('reads true as granted, false as denied, absent as unknown', async () => {
    const host = createFakeHost({ authSetting: { 'scope.camera': true, 'scope.record': false } });
    await expect(readPermissions(host.api)).resolves.toEqual({
      camera: 'granted',
      microphone: 'denied',
    });
    const fresh = createFakeHost();
    await expect(readPermissions(fresh.api)).resolves.toEqual({
      camera: 'unknown',
      microphone: 'unknown',
    });
    expect(apis(host)).toEqual(['getSetting']);
  });

  it('reports only the devices asked about', async () => {
    const host = createFakeHost({ authSetting: { 'scope.camera': true, 'scope.record': true } });
    await expect(readPermissions(host.api, ['microphone'])).resolves.toEqual({
      camera: 'unknown',
      microphone: 'granted',
    });
  });

  it('resolves unknown when getSetting fails or throws', async () => {
    const logs = captureLogs('warn');
    const host = createFakeHost({ authSetting: { 'scope.camera': true } });
    host.failingApis.add('getSetting');
    await expect(readPermissions(host.api)).resolves.toEqual({
      camera: 'unknown',
      microphone: 'unknown',
    });
    host.api.getSetting = () => {
      throw new Error('getSetting is not a function');
    };
    await expect(readPermissions(host.api)).resolves.toEqual({
      camera: 'unknown',
      microphone: 'unknown',
    });
    expect(logs.map((record) => record.message)).toEqual(['getSetting threw']);
  });
});

describe('requestPermissions', () => {
  it('asks for each device not decided yet', async () => {
    const host = createFakeHost();
    const result = await requestPermissions(host.api, ['camera', 'microphone']);
    expect(result).toEqual({ camera: 'granted', microphone: 'granted', denied: [] });
    expect(apis(host)).toEqual(['getSetting', 'authorize', 'authorize']);
    expect(authorized(host)).toEqual([{ scope: 'scope.camera' }, { scope: 'scope.record' }]);
  });

  it('does not ask again for a device already granted', async () => {
    const host = createFakeHost({ authSetting: { 'scope.camera': true } });
    const result = await requestPermissions(host.api, ['camera', 'microphone']);
    expect(result).toEqual({ camera: 'granted', microphone: 'granted', denied: [] });
    expect(authorized(host)).toEqual([{ scope: 'scope.record' }]);
  });

  it('does not authorize a refused device, and lists it as denied', async () => {
    const host = createFakeHost({ authSetting: { 'scope.record': false } });
    const result = await requestPermissions(host.api);
    expect(result).toEqual({ camera: 'granted', microphone: 'denied', denied: ['microphone'] });
    expect(authorized(host)).toEqual([{ scope: 'scope.camera' }]);
  });

  it('reports a refusal in the dialog as denied', async () => {
    const host = createFakeHost({ authorize: { 'scope.camera': 'deny' } });
    const result = await requestPermissions(host.api);
    expect(result).toEqual({ camera: 'denied', microphone: 'granted', denied: ['camera'] });
  });

  it('reports an authorize error as denied', async () => {
    const host = createFakeHost({ authorize: { 'scope.record': 'error' } });
    const result = await requestPermissions(host.api, ['microphone']);
    expect(result).toEqual({ camera: 'unknown', microphone: 'denied', denied: ['microphone'] });
    expect(authorized(host)).toEqual([{ scope: 'scope.record' }]);
  });

  it('asks one device at a time', async () => {
    const host = createFakeHost();
    const pending: (HostCallbacks & { scope: HostScope })[] = [];
    host.api.authorize = (options) => pending.push(options);
    const request = requestPermissions(host.api);
    await promiseTurns();
    expect(pending.map((options) => options.scope)).toEqual(['scope.camera']);
    pending[0]?.success?.({ errMsg: 'authorize:ok' });
    await promiseTurns();
    expect(pending.map((options) => options.scope)).toEqual(['scope.camera', 'scope.record']);
    pending[1]?.fail?.({ errMsg: 'authorize:fail auth deny' });
    await expect(request).resolves.toEqual({
      camera: 'granted',
      microphone: 'denied',
      denied: ['microphone'],
    });
  });

  it('never rejects, even when the host throws', async () => {
    const logs = captureLogs('warn');
    const host = createFakeHost();
    const boom = () => {
      throw new Error('boom');
    };
    host.api.getSetting = boom;
    host.api.authorize = boom;
    await expect(requestPermissions(host.api)).resolves.toEqual({
      camera: 'denied',
      microphone: 'denied',
      denied: ['camera', 'microphone'],
    });
    expect(logs).toHaveLength(3);
  });
});

describe('promptOpenSetting', () => {
  const modal = (host: FakeHost) => host.calls.find((call) => call.api === 'showModal')?.args[0];

  it('offers the settings page and reads the switches the user left', async () => {
    const host = createFakeHost({
      authSetting: { 'scope.camera': false, 'scope.record': false },
      openSetting: { 'scope.camera': true },
    });
    const states = await promptOpenSetting(host.api, ['camera', 'microphone']);
    expect(states).toEqual({ camera: 'granted', microphone: 'denied' });
    expect(apis(host)).toEqual(['showModal', 'openSetting']);
    expect(modal(host)).toMatchObject({ title: '需要授权', showCancel: true });
    const { content } = modal(host) as { content: string };
    expect(content).toContain('摄像头');
    expect(content).toContain('麦克风');
  });

  it('names only the devices asked about', async () => {
    const host = createFakeHost({ openSetting: { 'scope.record': true } });
    const states = await promptOpenSetting(host.api, ['microphone']);
    expect(states).toEqual({ camera: 'unknown', microphone: 'granted' });
    const { content } = modal(host) as { content: string };
    expect(content).toContain('麦克风');
    expect(content).not.toContain('摄像头');
  });

  it('uses the texts given', async () => {
    const host = createFakeHost();
    const texts = { title: 'Permission', content: 'Allow the camera', confirmText: 'Settings' };
    await promptOpenSetting(host.api, ['camera'], texts);
    expect(modal(host)).toMatchObject({ ...texts, cancelText: '取消' });
  });

  it('resolves null without opening the settings when the user cancels', async () => {
    const host = createFakeHost({ modal: 'cancel' });
    await expect(promptOpenSetting(host.api, ['camera'])).resolves.toBeNull();
    expect(apis(host)).toEqual(['showModal']);
  });

  it('resolves null when showModal or openSetting fails', async () => {
    const host = createFakeHost();
    host.failingApis.add('openSetting');
    await expect(promptOpenSetting(host.api, ['camera'])).resolves.toBeNull();
    host.failingApis.add('showModal');
    host.clearCalls();
    await expect(promptOpenSetting(host.api, ['camera'])).resolves.toBeNull();
    expect(apis(host)).toEqual(['showModal']);
  });
});
