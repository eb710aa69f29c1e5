// The closing section of docs/benchmarks.md: what each page does and how the figures are taken.
export const METHOD = `## How these are measured

- **Traces** (\`bench/scenarios.ts\`): scripted native events, grouped in bursts (what the engine
  delivers in one turn of the logic thread). A 2 Hz tick is one burst: \`netstatus\` and
  \`audiovolumenotify\` from the pusher and from every \`<live-player>\`, bitrates moving on every
  tick, network quality moving now and then, and volumes following a conversation: one person
  talks at a time, 10 s each in turn, at 30-79 with a breath every third second, while the
  others are room noise below the speaking threshold. The live rooms announce every viewer with
  1031/1032: what a room of mini-program viewers gives if mini-program users enter as anchors, as
  [protocol.md](protocol.md) §10 infers. Web and native viewers, TRTC audience members, are not
  announced, so for them these traces are the worst case.
- **trtc-room** (\`bench/trtc-room-page.ts\`): the \`RoomController\` the native \`<trtc-room>\` runs
  (client, store, template view, minimal setData patches, render gate), on a headless component
  whose setData applies the patches; \`wx.nextTick\` flushes after each burst. Its grid and 1v1
  templates show each tile's name, mic and camera marks, network-quality bars and who is
  speaking, and a placeholder (or "+N") for users without a player.
  **trtc-room, quality and speaking off** is the same with
  \`show-network-quality="{{false}}" show-speaking="{{false}}"\`.
- **trtc-wx, README page** (\`bench/trtc-wx-readme-page.ts\`): trtc-wx-sdk 1.1.15 driven by exactly
  the calls its README shows: every \`bind*\` handler forwarded; setData of \`pusher\` after
  \`createPusher\` and \`enterRoom\`; on \`REMOTE_VIDEO_ADD\`/\`REMOTE_AUDIO_ADD\` and their \`REMOVE\`
  counterparts, \`setPlayerAttributes\` to (un)mute the player and setData of the \`playerList\` it
  returns. It shows players only: no names, marks, network quality or speakers, so it is
  compared with trtc-room with quality and speaking off (names and marks change only with the
  stream events both pages handle). trtc-room still draws every user without a player (a
  placeholder, or "+N"), which the README page never shows: each 1031 or 1032 of such a user
  costs it a setData the README page does not make. Followed literally, it leaves a departed user's players on screen until the
  next stream event: a 1032 emits that user's \`REMOVE\` events while the user is still in the
  list, and the README handles no \`REMOTE_USER_LEAVE\`.
- **trtc-wx, same-screen page** (\`bench/trtc-wx-same-screen-page.ts\`): trtc-wx-sdk 1.1.15 driven
  by a page that shows what \`<trtc-room>\` shows (each tile's player, name, mic and camera state,
  network quality and who is speaking; the users without a player, by id), written as a careful
  trtc-wx user would: it handles the events that carry what it shows (user join/leave, stream
  add/remove with the README's \`setPlayerAttributes\`, local and remote network state and
  volumes) and setData's the \`playerList\`, \`userList\` or \`pusher\` trtc-wx hands back only
  when a value it shows changed.
- A burst's events go in together, then \`wx.nextTick\` runs: on a device each \`bind*\` callback is
  its own dispatch and a nextTick may run between two of them, so "calls per burst" and
  trtc-room's call counts are its best case (the bytes barely move: a split burst sends the
  same paths). The trtc-wx pages call setData synchronously in their handlers, so their counts
  do not depend on this.
- **Throughput** times the trace (page load and \`enterRoom\` excluded) including the JSON
  serialization of every setData payload, which is what setData costs the logic thread.
- **Trace recording** (\`bench/trace-cost.ts\`): **trtc-room** (which records nothing: the
  default) and two more pages take turns in rounds of their own, after each scenario's
  throughput rounds; a round's three replays run back to back, a few milliseconds each, so its
  pairs share the machine's load. Its not-recording figures differ from the **trtc-room** column
  of the throughput table, whose rounds it shares with the slower trtc-wx pages. **trtc-room, recording** sets \`record-trace\` (the default
  ring of 2,000 entries): each native event's detail is then copied into the ring (a JSON round
  trip). At the end, these traces hold native events and, where the ring has not dropped it, the
  room URL: no command entries. **trtc-room, hook bypassed (bench-only)**
  (\`bench/hook-bypass.ts\`) hands each native event to the client's \`RoomNative\` at the client's
  log level, as \`RoomClient\`'s handlers do, but past \`recorder_?.native(...)\`: it reads the
  client's protected fields, which no app can, and src/ has no switch for it.
  \`test/bench-trace-cost.test.ts\` checks that all three send the same setData and end on the
  same screen. The trace's size comes from a separate, untimed replay on a session clock (Date.now,
  which the room's scheduler reads, starts at 2026-01-01 and moves 500 ms per 2 Hz tick), so each
  entry's \`t\` is as wide as on a device and the bytes are the same on every run.
- **Heap**: node runs with \`--expose-gc\` and a young generation larger than a workload allocates,
  so the heap grows by every byte allocated; "the heap the members add" is the heap after the
  viewers arrived less the heap once the room was entered, each after a full collection.
- Times are reported here and never asserted in tests; counts and bytes are asserted.
`;
