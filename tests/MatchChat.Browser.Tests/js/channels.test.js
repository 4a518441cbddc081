// channels.js: seq bookkeeping, gap detection, duplicates and out-of-order delivery, catch-up.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  createChannel, getChannel, addMessage, isGap, missingSeqs, historyAfter, applyHistory, firstSeq, sortedSeqs, catchUp, redactSender, redactOne,
} from "../../../src/Web/MatchChat.Web/wwwroot/js/channels.js";

const CHANNEL = "conversation:c1";
const msg = (seq, text = `m${seq}`) => ({ channel: CHANNEL, seq, senderHandle: "QuietHarbor-417", text, sentAt: "2026-01-01T00:00:00Z", clientMessageId: `id-${seq}` });
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => msg(from + i));

/** A fake GetHistory over a gapless log of `total` messages, recording every call. */
function history(total, { failWith = null } = {}) {
  const calls = [];
  const getHistory = async (channel, afterSeq, beforeSeq, limit) => {
    calls.push({ channel, afterSeq, beforeSeq, limit });
    if (failWith) throw failWith;
    if (afterSeq === null) return range(Math.max(1, total - limit + 1), total); // the newest page
    return range(afterSeq + 1, Math.min(total, afterSeq + limit));
  };
  return { getHistory, calls };
}

test("a channel's kind and id come from its name", () => {
  assert.deepEqual([createChannel("room:grief").kind, createChannel("room:grief").id], ["room", "grief"]);
  assert.deepEqual([createChannel(CHANNEL).kind, createChannel(CHANNEL).id], ["conversation", "c1"]);
});

test("getChannel creates a record once and merges extra fields", () => {
  const channels = new Map();
  const a = getChannel(channels, "room:grief");
  const b = getChannel(channels, "room:grief", { slug: "grief" });
  assert.equal(a, b);
  assert.equal(channels.size, 1);
  assert.equal(a.slug, "grief");
});

test("messages in order advance contiguous and maxSeq", () => {
  const ch = createChannel(CHANNEL);
  for (const m of range(1, 3)) assert.equal(addMessage(ch, m), true);
  assert.equal(ch.contiguous, 3);
  assert.equal(ch.maxSeq, 3);
  assert.deepEqual(missingSeqs(ch), []);
});

test("a duplicate seq is dropped and never replaces the first copy", () => {
  const ch = createChannel(CHANNEL);
  assert.equal(addMessage(ch, msg(1, "first")), true);
  assert.equal(addMessage(ch, msg(1, "again")), false);
  assert.equal(addMessage(ch, { ...msg(1, "as a string"), seq: "1" }), false);
  assert.equal(ch.messages.size, 1);
  assert.equal(ch.messages.get(1).text, "first");
});

test("out-of-order messages leave a hole until it is filled", () => {
  const ch = createChannel(CHANNEL);
  addMessage(ch, msg(1));
  addMessage(ch, msg(4));
  addMessage(ch, msg(2));
  assert.equal(ch.contiguous, 2);
  assert.equal(ch.maxSeq, 4);
  assert.deepEqual(missingSeqs(ch), [3]);
  addMessage(ch, msg(3));
  assert.equal(ch.contiguous, 4);
  assert.deepEqual(missingSeqs(ch), []);
  assert.deepEqual(sortedSeqs(ch), [1, 2, 3, 4]);
});

test("a message without a positive integer seq is refused", () => {
  const ch = createChannel(CHANNEL);
  for (const seq of [0, -1, 1.5, "x", null, undefined]) assert.equal(addMessage(ch, { ...msg(1), seq }), false, `seq ${seq}`);
  assert.equal(ch.messages.size, 0);
  assert.equal(ch.contiguous, 0);
});

test("a gap is detected only after history is loaded, and only past the next seq", () => {
  const ch = createChannel(CHANNEL);
  assert.equal(isGap(ch, 5), false, "before the first load the catch-up fills everything anyway");
  applyHistory(ch, range(1, 3));
  ch.loaded = true;
  assert.equal(isGap(ch, 4), false, "the next seq is no gap");
  assert.equal(isGap(ch, 2), false, "an old seq (a duplicate) is no gap");
  assert.equal(isGap(ch, 5), true);
  assert.equal(isGap(ch, "7"), true, "seq may arrive as a string");
});

test("the first history request asks for the newest page, later ones for everything after contiguous", () => {
  const ch = createChannel(CHANNEL);
  assert.equal(historyAfter(ch), null);
  ch.loaded = true;
  assert.equal(historyAfter(ch), 0, "a loaded empty channel asks after 0");
  addMessage(ch, msg(1));
  addMessage(ch, msg(2));
  addMessage(ch, msg(5));
  assert.equal(historyAfter(ch), 2, "after the last seq held without a hole, not after maxSeq");
});

test("history that starts above 1 (older messages trimmed) still counts as known up to its last seq", () => {
  const ch = createChannel(CHANNEL);
  const added = applyHistory(ch, range(50, 52));
  assert.equal(added, 3);
  assert.equal(ch.contiguous, 52);
  assert.equal(firstSeq(ch), 50);
  assert.equal(applyHistory(ch, range(51, 53)), 1, "only seq 53 is new");
  assert.equal(ch.contiguous, 53);
});

test("catch-up loads the newest page first, then pages forward until a short page", async () => {
  const ch = createChannel(CHANNEL);
  const { getHistory, calls } = history(5);
  const added = [];
  let pages = 0;
  await catchUp(ch, getHistory, { pageSize: 2, onAdded: (m) => added.push(m.seq), onPage: () => pages++ });
  assert.deepEqual(calls.map((c) => c.afterSeq), [null, 5]);
  assert.ok(calls.every((c) => c.channel === CHANNEL && c.limit === 2 && c.beforeSeq === null));
  assert.deepEqual(added, [4, 5]);
  assert.equal(pages, 1, "the empty second page added nothing");
  assert.equal(ch.loaded, true);
  assert.equal(ch.contiguous, 5);
  assert.equal(ch.catchingUp, null);
});

test("a live message past a gap triggers a catch-up that fills exactly the missing seqs", async () => {
  const ch = createChannel(CHANNEL);
  const { getHistory, calls } = history(6);
  applyHistory(ch, range(1, 3));
  ch.loaded = true;
  const live = msg(6);
  assert.equal(isGap(ch, live.seq), true);
  addMessage(ch, live);
  assert.deepEqual(missingSeqs(ch), [4, 5]);
  const added = [];
  await catchUp(ch, getHistory, { pageSize: 200, onAdded: (m) => added.push(m.seq) });
  assert.deepEqual(calls.map((c) => c.afterSeq), [3]);
  assert.deepEqual(added, [4, 5], "seq 6 is not added twice");
  assert.equal(ch.contiguous, 6);
  assert.equal(ch.messages.size, 6);
});

test("catch-up stops after maxPages even if every page is full", async () => {
  const ch = createChannel(CHANNEL);
  const { getHistory, calls } = history(1000);
  ch.loaded = true;
  await catchUp(ch, getHistory, { pageSize: 10, maxPages: 3 });
  assert.equal(calls.length, 3);
  assert.equal(ch.contiguous, 30);
});

test("one catch-up per channel at a time: a second call joins the first", async () => {
  const ch = createChannel(CHANNEL);
  const { getHistory, calls } = history(3);
  const first = catchUp(ch, getHistory);
  const second = catchUp(ch, getHistory);
  assert.equal(first, second);
  await first;
  assert.equal(calls.length, 1);
});

test("a permanent error marks the channel unreadable with the server's sentence", async () => {
  const ch = createChannel(CHANNEL);
  const { getHistory } = history(3, { failWith: new Error("HubException: forbidden: You are not in this conversation.") });
  await catchUp(ch, getHistory);
  assert.equal(ch.unreadable, "You are not in this conversation.");
  assert.equal(ch.loaded, false);
  assert.equal(ch.catchingUp, null);
});

test("a transient error leaves the channel readable and not loaded, so the next catch-up tries again", async () => {
  const ch = createChannel(CHANNEL);
  await catchUp(ch, history(3, { failWith: new Error("WebSocket closed with status code: 1006") }).getHistory);
  assert.equal(ch.unreadable, null);
  assert.equal(ch.loaded, false);
  const retry = history(3);
  await catchUp(ch, retry.getHistory);
  assert.deepEqual(retry.calls.map((c) => c.afterSeq), [null]);
  assert.equal(ch.contiguous, 3);
});

test("redactSender marks only that sender's held messages removed, once", () => {
  const ch = createChannel(CHANNEL);
  addMessage(ch, msg(1, "mine"));
  addMessage(ch, { ...msg(2, "theirs"), senderHandle: "GoneNow-12" });
  addMessage(ch, { ...msg(3, "theirs again"), senderHandle: "GoneNow-12" });
  assert.deepEqual(redactSender(ch, "GoneNow-12"), [2, 3]);
  assert.deepEqual(sortedSeqs(ch).map((s) => [ch.messages.get(s).text, !!ch.messages.get(s).redacted]),
    [["mine", false], ["", true], ["", true]]);
  assert.deepEqual(redactSender(ch, "GoneNow-12"), []);
  assert.deepEqual(redactSender(ch, "NobodyHere-1"), []);
});

test("a moderator's removal marks one held message removed, and one not held yet is stored removed when it comes", () => {
  const ch = createChannel(CHANNEL);
  addMessage(ch, msg(1, "kept"));
  addMessage(ch, msg(2, "removed"));
  assert.equal(redactOne(ch, 2), true);
  assert.equal(redactOne(ch, 2), false);
  assert.deepEqual(sortedSeqs(ch).map((s) => [ch.messages.get(s).text, !!ch.messages.get(s).redacted]), [["kept", false], ["", true]]);
  // A history page read before the removal, arriving after it, does not bring the text back.
  assert.equal(redactOne(ch, 3), false);
  addMessage(ch, msg(3, "read before the removal"));
  assert.equal(ch.messages.get(3).text, "");
  assert.equal(ch.messages.get(3).redacted, true);
});

test("a history page read before an erasure but arriving after it stores that sender's messages removed", () => {
  const ch = createChannel(CHANNEL);
  addMessage(ch, { ...msg(5, "newest"), senderHandle: "GoneNow-12" });
  assert.deepEqual(redactSender(ch, "GoneNow-12"), [5]);
  const added = [];
  const older = [
    msg(1, "mine"),
    { ...msg(2, "erased text"), senderHandle: "GoneNow-12" },
    { ...msg(3, "erased again"), senderHandle: "GoneNow-12" },
    { ...msg(4, "someone else"), senderHandle: "Still-Here-3" },
  ];
  assert.equal(applyHistory(ch, older, (m) => added.push(m)), 4);
  assert.deepEqual(sortedSeqs(ch).map((s) => [s, ch.messages.get(s).text, !!ch.messages.get(s).redacted]),
    [[1, "mine", false], [2, "", true], [3, "", true], [4, "someone else", false], [5, "", true]]);
  assert.deepEqual(added.map((m) => [m.seq, m.text, !!m.redacted]),
    [[1, "mine", false], [2, "", true], [3, "", true], [4, "someone else", false]], "onAdded sees what was stored");
  assert.equal(older[1].text, "erased text", "the batch itself is not mutated");
  assert.equal(ch.contiguous, 5);
});

test("a redaction is remembered even when nothing of that sender is held yet; a late live message is stored removed", () => {
  const ch = createChannel(CHANNEL);
  assert.deepEqual(redactSender(ch, "GoneNow-12"), []);
  assert.equal(addMessage(ch, { ...msg(1, "late live"), senderHandle: "GoneNow-12" }), true);
  assert.equal(addMessage(ch, msg(2, "kept")), true);
  assert.deepEqual([ch.messages.get(1).text, ch.messages.get(1).redacted], ["", true]);
  assert.deepEqual([ch.messages.get(2).text, !!ch.messages.get(2).redacted], ["kept", false]);
  const other = createChannel("room:grief");
  addMessage(other, { ...msg(1, "another channel"), channel: "room:grief", senderHandle: "GoneNow-12" });
  assert.equal(other.messages.get(1).text, "another channel", "a redaction is per channel");
});
