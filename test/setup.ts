import { setLogLevel, setLogSink } from '../src/core/logger';

// Each test starts with the library's defaults; tests that inspect logs install their own sink.
afterEach(() => {
  setLogSink(undefined);
  setLogLevel('warn');
});
