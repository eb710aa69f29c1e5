// fflate's zlib decoder, and nothing else: the UserSig decoder in src/core/usersig needs it, so
// the core bundle carries it. crypto-js and the zlib encoder stay in sig-deps.ts, for signing.
// The build bundles each vendor module with esbuild (dist/vendor/*.js), so dist has no runtime
// dependencies.
export { strFromU8, unzlibSync } from 'fflate';
