// npm start: builds the package and the demo's npm folder, then says what to open.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await buildAll();
console.log(`
trtc-room is built.

  Package for Node, Taro and tests   ${path.join(root, 'dist')}
  Package for WeChat "Build npm"     ${path.join(root, 'miniprogram_dist')}
  Demo mini-program                  ${path.join(root, 'miniprogram')}
    (already has miniprogram_npm/trtc-room: open ${root} in WeChat DevTools;
     project.config.json points it at miniprogram/)

WeChat DevTools cannot run <live-pusher>; a local room emulator that lets rooms run there is on
the way. Until then, rooms need a real phone (DevTools: Preview / Real-device debugging).
`);
