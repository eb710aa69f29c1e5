// Pixels of the mini-program components: snapshot a rendered node (snapshot.ts), render it as the
// phone would at a screen size (html.ts, wxss.ts, fonts.ts), screenshot it in Chromium
// (browser.ts), check its geometry (geometry.ts) and compare it with a reference (reference.ts).
// Test files that take screenshots start with the docblock
//   @jest-environment ./test/fakes/pixels/environment.ts
export * from './browser';
export * from './geometry';
export * from './html';
export * from './reference';
export * from './snapshot';
export { FONT_STACK } from './fonts';
export { compileWxss, compileWxssFile, rpxToPx } from './wxss';
