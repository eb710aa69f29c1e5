// What signing needs from third-party code: crypto-js (HMAC-SHA256) and fflate's zlib encoder.
// Only src/usersig imports it, so crypto-js never reaches the core bundle. Decoding needs just
// the zlib decoder, in inflate.ts. The build bundles both with esbuild, because WeChat's npm
// packer cannot pack fflate and would pack all of crypto-js.
export { default as HmacSHA256 } from 'crypto-js/hmac-sha256';
export { default as Base64 } from 'crypto-js/enc-base64';
export { strToU8, zlibSync } from 'fflate';
