// The only module of trtc-room that imports third-party code. The build bundles it with esbuild,
// because WeChat's npm packer cannot pack fflate and would pack all of crypto-js.
export { default as HmacSHA256 } from 'crypto-js/hmac-sha256';
export { default as Base64 } from 'crypto-js/enc-base64';
export { zlibSync, unzlibSync, strToU8, strFromU8 } from 'fflate';
