// Reading a UserSig without the secret key: platform-free and free of crypto-js, so the core (the
// room client's -100018 diagnosis) can carry it. Signing and verifying are in src/usersig.
export type { DecodedUserSig } from './decode';
export { decodeUserSig } from './decode';
export type {
  DiagnoseUserSigOptions,
  DiagnoseUserSigResult,
  UserSigCheckFailure,
  UserSigProblem,
} from './diagnose';
export { diagnoseUserSig } from './diagnose';
export type { DecodedUserbuf } from './userbuf';
export type { PrivilegeName } from './privileges';
