// trust.js: what a report sends, why a conversation ended, the blocked list, a listener's teen approval.
import { test } from "node:test";
import assert from "node:assert/strict";
import { REPORT_CATEGORIES, reportArgs, categoryLabel, endedNote, isRemoved, blockedMap, canActOn, teenApprovalText, isModerator } from "../../../src/Web/MatchChat.Web/wwwroot/js/trust.js";

test("the page offers exactly the contract's seven categories", () => {
  assert.deepEqual(REPORT_CATEGORIES.map((c) => c.value), ["harassment", "sexual", "hate", "spam", "self-harm", "underage", "other"]);
  assert.equal(categoryLabel("spam"), "Spam, scams or advertising");
  assert.equal(categoryLabel("unknown"), "unknown");
});

test("a message report carries channel, seq, category and the trimmed reason", () => {
  assert.deepEqual(reportArgs({ channel: "room:anxiety", seq: "7", category: "harassment", reason: "  insults  " }).args,
    { channel: "room:anxiety", seq: 7, category: "harassment", reason: "insults" });
});

test("a conversation report has no seq, and an empty reason is allowed", () => {
  const { args } = reportArgs({ channel: "conversation:c1", category: "other", reason: "" });
  assert.deepEqual(args, { channel: "conversation:c1", category: "other", reason: "" });
  assert.equal("seq" in args, false);
});

test("bad reports are refused with a sentence and nothing to send", () => {
  for (const bad of [
    { channel: "room:anxiety", category: "rude", reason: "" },
    { channel: "room:anxiety", category: "", reason: "" },
    { channel: "lobby", category: "spam", reason: "" },
    { channel: "room:anxiety", category: "spam", reason: "x".repeat(501) },
    { channel: "room:anxiety", seq: 0, category: "spam", reason: "" },
    { channel: "room:anxiety", seq: "1.5", category: "spam", reason: "" },
  ]) {
    const result = reportArgs(bad);
    assert.equal(result.args, undefined, JSON.stringify(bad));
    assert.match(result.error, /\.$/);
  }
  assert.ok(reportArgs({ channel: "room:a", category: "spam", reason: "x".repeat(500) }).args, "500 characters is allowed");
});

test("an ended conversation says why, for each reason the server gives", () => {
  const base = { peer: "Harbor-1", me: "Me-2" };
  assert.match(endedNote({ ...base, reason: "blocked", endedBy: "Me-2" }), /^You blocked Harbor-1/);
  assert.match(endedNote({ ...base, reason: "suspended", endedBy: "Harbor-1" }), /moderator suspended Harbor-1's account/);
  assert.match(endedNote({ ...base, reason: "deleted", endedBy: "Harbor-1" }), /Harbor-1 deleted their account/);
  assert.match(endedNote({ ...base, reason: "ended", endedBy: "Me-2" }), /^You ended this conversation\./);
  assert.match(endedNote({ ...base, reason: "ended", endedBy: "Harbor-1" }), /^Harbor-1 ended this conversation\./);
  assert.match(endedNote({ ...base, reason: undefined, endedBy: "system" }), /^This conversation has ended\./);
  // A listener is not told to "ask to talk again" (a seeker's way back).
  assert.match(endedNote({ ...base, reason: "ended", endedBy: "Harbor-1" }), /ask to talk again/);
  assert.doesNotMatch(endedNote({ ...base, reason: "ended", endedBy: "Harbor-1", role: "listener" }), /ask to talk again/);
});

test("redacted messages are removed; only other people's stored, unremoved messages can be reported", () => {
  assert.equal(isRemoved({ redacted: true, text: "" }), true);
  assert.equal(isRemoved({ redacted: false, text: "hi" }), false);
  assert.equal(isRemoved({ text: "hi" }), false, "a server without [trust] sends no flag");
  assert.equal(canActOn({ seq: 3, senderHandle: "A-1", text: "hi" }, "B-2"), true);
  assert.equal(canActOn({ seq: 3, senderHandle: "B-2", text: "hi" }, "B-2"), false);
  assert.equal(canActOn({ seq: 3, senderHandle: "A-1", text: "", redacted: true }, "B-2"), false);
  assert.equal(canActOn({ senderHandle: "A-1", text: "pending" }, "B-2"), false);
});

test("the blocked list is kept newest first and ignores malformed entries", () => {
  const map = blockedMap([
    { handle: "Old-1", blockedAt: "2026-01-01T00:00:00Z" },
    null,
    { blockedAt: "2026-01-03T00:00:00Z" },
    { handle: "New-2", blockedAt: "2026-01-02T00:00:00Z" },
  ]);
  assert.deepEqual([...map.keys()], ["New-2", "Old-1"]);
  assert.equal(blockedMap(undefined).size, 0);
});

test("a listener reads their teen approval state only when they offered to support teens", () => {
  assert.equal(teenApprovalText(null), null);
  assert.equal(teenApprovalText({ acceptsTeens: false, teenApproval: "none" }), null);
  assert.match(teenApprovalText({ acceptsTeens: true, teenApproval: "pending" }), /waiting for a moderator's approval/);
  assert.match(teenApprovalText({ acceptsTeens: true, teenApproval: "approved" }), /approved/);
  assert.equal(teenApprovalText({ acceptsTeens: true }), null, "a server without [trust] says nothing about approval");
});

test("only members whose roles include moderator are moderators", () => {
  assert.equal(isModerator({ roles: ["seeker", "moderator"] }), true);
  assert.equal(isModerator({ roles: ["seeker", "listener"] }), false);
  assert.equal(isModerator({}), false);
  assert.equal(isModerator(null), false);
});
