import { TrtcErrorCode } from '../src/core/errors';
import type { DecodedUserbuf } from '../src/usersig';
import {
  decodeUserSig,
  diagnoseUserSig,
  genPrivateMapKey,
  genTestUserSig,
  verifyUserSig,
} from '../src/usersig';
import { thrownCode } from './fakes/trtc-error';
import { forge, parseWithNode } from './fakes/usersig-oracle';

const NOW = 1_700_000_000_000;
const USER = { sdkAppId: 1400000000, secretKey: 'secret', userId: 'alice', now: NOW };
const ROOM = { ...USER, roomId: 42, privileges: 255 };

describe('the now option', () => {
  it('rejects seconds passed where milliseconds belong', () => {
    expect(thrownCode(() => genTestUserSig({ ...USER, now: NOW / 1000 }))).toBe(
      TrtcErrorCode.InvalidParameter,
    );
    const sig = genTestUserSig(USER);
    const check = verifyUserSig(sig, { ...USER, now: NOW / 1000 });
    expect(check).toMatchObject({ ok: false, reason: 'expired' });
    expect(check.ok ? '' : check.message).toMatch(/milliseconds/);
  });

  it('accepts any Date', () => {
    expect(decodeUserSig(genTestUserSig({ ...USER, now: new Date(0) })).time).toBe(0);
  });
});

describe('PrivateMapKey grants', () => {
  it('must grant something', () => {
    for (const privileges of [0, []]) {
      expect(thrownCode(() => genPrivateMapKey({ ...ROOM, privileges }))).toBe(
        TrtcErrorCode.InvalidPrivileges,
      );
    }
  });

  it('are checked against the app: a grant for another user or app is rejected', () => {
    const key = genPrivateMapKey(ROOM);
    const doc = parseWithNode(key);
    const bob = parseWithNode(genPrivateMapKey({ ...ROOM, userId: 'bob' }));
    // alice's signature document carrying bob's grant, re-signed with the real key.
    const swapped = forge({ ...doc, 'TLS.userbuf': bob['TLS.userbuf'] }, USER.secretKey);
    expect(verifyUserSig(swapped, USER)).toMatchObject({ reason: 'identifier-mismatch' });
    expect(diagnoseUserSig(swapped, USER)).toMatchObject({ reason: 'identifier-mismatch' });
  });

  it('expire on their own clock', () => {
    const short = parseWithNode(genPrivateMapKey({ ...ROOM, expire: 60 }));
    const long = parseWithNode(genPrivateMapKey({ ...ROOM, expire: 86400 }));
    // A 1-day signature carrying a 60-second grant.
    const mixed = forge({ ...long, 'TLS.userbuf': short['TLS.userbuf'] }, USER.secretKey);
    expect(verifyUserSig(mixed, { ...USER, now: NOW + 30_000 })).toMatchObject({ ok: true });
    const late = verifyUserSig(mixed, { ...USER, now: NOW + 120_000 });
    expect(late).toMatchObject({ ok: false, reason: 'expired' });
    expect(late.ok ? '' : late.message).toMatch(/room grant/);
  });

  it('decode to a union on roomType', () => {
    const numeric = decodeUserSig(genPrivateMapKey(ROOM)).userbuf!;
    const named = decodeUserSig(
      genPrivateMapKey({ ...USER, strRoomId: 'standup', privileges: ['enter-room'] }),
    ).userbuf!;
    const roomOf = (userbuf: DecodedUserbuf): string | number =>
      userbuf.roomType === 'string' ? userbuf.strRoomId : userbuf.roomId;
    expect([roomOf(numeric), roomOf(named)]).toEqual([42, 'standup']);
    expect(named.privileges).toEqual(['enter-room']);
  });
});
