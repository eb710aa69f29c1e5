export type {
  DiagnoseUserSigOptions,
  DiagnoseUserSigResult,
  UserSigCheckFailure,
  UserSigProblem,
  VerifyUserSigOptions,
  VerifyUserSigResult,
} from './check';
export { diagnoseUserSig, verifyUserSig } from './check';
export type { DecodedUserSig } from './decode';
export { decodeUserSig } from './decode';
export type { GenPrivateMapKeyOptions, GenTestUserSigOptions } from './generate';
export { DEFAULT_EXPIRE, genPrivateMapKey, genTestUserSig } from './generate';
export type { PrivilegeName, Privileges } from './privileges';
export { PRIVILEGES, maskToPrivileges, privilegesToMask } from './privileges';
export type { DecodedUserbuf } from './userbuf';
