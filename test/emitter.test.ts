import { Emitter } from '../src/core/emitter';
import { TrtcError, TrtcErrorCode, isTrtcError } from '../src/core/errors';
import { createLogger, setLogLevel } from '../src/core/logger';
import { captureLogs } from './fakes/log-capture';

interface RoomEvents {
  joined: [userId: string, elapsedMs: number];
  left: [];
}

describe('Emitter', () => {
  it('delivers typed arguments to listeners in order', () => {
    const emitter = new Emitter<RoomEvents>();
    const calls: string[] = [];
    emitter.on('joined', (userId, ms) => calls.push(`a:${userId}:${ms}`));
    emitter.on('joined', (userId) => calls.push(`b:${userId}`));
    expect(emitter.emit('joined', 'alice', 12)).toBe(true);
    expect(emitter.emit('left')).toBe(false);
    expect(calls).toEqual(['a:alice:12', 'b:alice']);
  });

  it('rejects wrong names and payloads at compile time', () => {
    const emitter = new Emitter<RoomEvents>();
    // @ts-expect-error unknown event name
    emitter.on('joinedd', () => {});
    // @ts-expect-error payload must be [string, number]
    emitter.emit('joined', 'alice');
    // @ts-expect-error listener argument types come from the map
    emitter.on('joined', (userId: number) => userId);
  });

  it('keeps running listeners when one throws, and reports the error', () => {
    const reported: [unknown, string][] = [];
    const emitter = new Emitter<RoomEvents>((error, event) => reported.push([error, event]));
    const after = jest.fn();
    const boom = new Error('listener bug');
    emitter.on('left', () => {
      throw boom;
    });
    emitter.on('left', after);
    expect(() => emitter.emit('left')).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported).toEqual([[boom, 'left']]);
  });

  it('logs listener errors by default and survives a throwing error handler', () => {
    const logs = captureLogs('error');
    const emitter = new Emitter<RoomEvents>();
    emitter.on('left', () => {
      throw new Error('x');
    });
    emitter.emit('left');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ level: 'error', scope: 'emitter' });

    const hostile = new Emitter<RoomEvents>(() => {
      throw new Error('handler bug');
    });
    hostile.on('left', () => {
      throw new Error('x');
    });
    expect(() => hostile.emit('left')).not.toThrow();
  });

  it('removes listeners through off, the returned function and once', () => {
    const emitter = new Emitter<RoomEvents>();
    const listener = jest.fn();
    const off = emitter.on('left', listener);
    const once = jest.fn();
    emitter.once('left', once);
    emitter.emit('left');
    emitter.emit('left');
    expect(once).toHaveBeenCalledTimes(1);
    off();
    emitter.emit('left');
    expect(listener).toHaveBeenCalledTimes(2);
    expect(emitter.listenerCount('left')).toBe(0);
  });

  it('lets off remove a once listener, and runs a once listener once even when re-entered', () => {
    const emitter = new Emitter<RoomEvents>();
    const removed = jest.fn();
    emitter.once('left', removed);
    emitter.off('left', removed);
    emitter.emit('left');
    expect(removed).not.toHaveBeenCalled();

    const reentrant = jest.fn(() => emitter.emit('left'));
    emitter.once('left', reentrant);
    emitter.emit('left');
    expect(reentrant).toHaveBeenCalledTimes(1);
    expect(emitter.listenerCount('left')).toBe(0);
  });

  it('removes only the registration an unsubscribe function belongs to', () => {
    const emitter = new Emitter<RoomEvents>();
    const listener = jest.fn();
    const offFirst = emitter.on('left', listener);
    emitter.on('left', listener);
    offFirst();
    offFirst();
    emitter.emit('left');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('calls exactly the listeners present when an emit starts', () => {
    const emitter = new Emitter<RoomEvents>();
    const late = jest.fn();
    const second = jest.fn();
    emitter.on('left', () => {
      emitter.on('left', late);
      emitter.off('left', second);
    });
    emitter.on('left', second);
    emitter.emit('left');
    expect(second).toHaveBeenCalledTimes(1);
    expect(late).not.toHaveBeenCalled();
    emitter.removeAllListeners();
    expect(emitter.listenerCount('left')).toBe(0);
  });
});

describe('logger', () => {
  it('filters by level and tags records with their scope', () => {
    const logs = captureLogs('warn');
    const log = createLogger('test');
    log.info('hidden');
    log.warn('shown', { detail: 1 });
    setLogLevel('silent');
    log.error('hidden too');
    expect(logs).toEqual([
      { level: 'warn', scope: 'test', message: 'shown', data: [{ detail: 1 }] },
    ]);
  });

  it('writes to the console by default with a [trtc-room:scope] prefix', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    createLogger('decoder').warn('bad code', 7);
    expect(warn).toHaveBeenCalledWith('[trtc-room:decoder] bad code', 7);
    warn.mockRestore();
  });
});

describe('TrtcError', () => {
  it('carries a stable code, the field and a prefixed message', () => {
    const error = new TrtcError(TrtcErrorCode.InvalidUserId, 'bad', { field: 'userId' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TrtcError');
    expect(error.message).toBe('[trtc-room] bad');
    expect(isTrtcError(error, TrtcErrorCode.InvalidUserId)).toBe(true);
    expect(isTrtcError(error, TrtcErrorCode.InvalidRoomId)).toBe(false);
    expect(isTrtcError(new Error('x'))).toBe(false);
  });
});
