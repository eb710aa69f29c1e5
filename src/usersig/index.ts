// Decoding and diagnosis live in the core (src/core/usersig), which the room client uses to explain
// a rejected UserSig without crypto-js. This entry re-exports them next to the signing tools; in
// miniprogram_dist the build takes them from the core bundle instead of carrying a second copy.
export type { DecodedUserSig } from '../core/usersig/decode';
export { decodeUserSig } from '../core/usersig/decode';
export type {
  DiagnoseUserSigOptions,
  DiagnoseUserSigResult,
  UserSigCheckFailure,
  UserSigProblem,
} from '../core/usersig/diagnose';
export { diagnoseUserSig } from '../core/usersig/diagnose';
export type { DecodedUserbuf } from '../core/usersig/userbuf';
export type { VerifyUserSigOptions, VerifyUserSigResult } from './check';
export { verifyUserSig } from './check';
export type { GenPrivateMapKeyOptions, GenTestUserSigOptions } from './generate';
export { DEFAULT_EXPIRE, genPrivateMapKey, genTestUserSig } from './generate';
export type { PrivilegeName, Privileges } from './privileges';
export { PRIVILEGES, maskToPrivileges, privilegesToMask } from './privileges';
