// moderation-model.js: the live report list and what each moderator action sends.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cleanHandle, parseMinutes, resolveArgs, suspendArgs, moderateArgs, upsertReport, reportsInView, openCount, evidenceRows, channelLabel, resolutionText } from "../../../src/Web/MatchChat.Web/wwwroot/js/moderation-model.js";

const report = (id, createdAt, status = "open", extra = {}) => ({ reportId: id, createdAt, status, reporterHandle: "R-1", reportedHandle: "X-2", channel: "room:anxiety", seq: 2, category: "spam", reason: "", evidence: [], resolution: null, ...extra });

test("handles are trimmed and checked like the server does", () => {
  assert.equal(cleanHandle("  QuietHarbor-417 "), "QuietHarbor-417");
  for (const bad of ["", "   ", "has space", "<b>", "x".repeat(65), null]) assert.equal(cleanHandle(bad), null, String(bad));
});

test("minutes are empty (no end) or a whole number from 1 to a year", () => {
  assert.equal(parseMinutes(""), null);
  assert.equal(parseMinutes(" 30 "), 30);
  for (const bad of ["0", "-5", "1.5", "abc", "525601"]) assert.ok(Number.isNaN(parseMinutes(bad)), bad);
});

test("resolving: suspend needs minutes, warn needs a note, none and ban need neither", () => {
  assert.deepEqual(resolveArgs({ reportId: "r1", action: "none" }).args, { reportId: "r1", action: "none" });
  assert.deepEqual(resolveArgs({ reportId: "r1", action: "ban", minutes: "10", note: " repeated " }).args, { reportId: "r1", action: "ban", note: "repeated" });
  assert.deepEqual(resolveArgs({ reportId: "r1", action: "suspend", minutes: "60" }).args, { reportId: "r1", action: "suspend", minutes: 60 });
  assert.match(resolveArgs({ reportId: "r1", action: "suspend", minutes: "" }).error, /minutes/);
  assert.deepEqual(resolveArgs({ reportId: "r1", action: "warn", note: "Please be kind." }).args, { reportId: "r1", action: "warn", note: "Please be kind." });
  assert.match(resolveArgs({ reportId: "r1", action: "warn", note: " " }).error, /note/);
  assert.match(resolveArgs({ reportId: "r1", action: "delete" }).error, /Choose/);
  assert.match(resolveArgs({ reportId: "r1", action: "none", note: "x".repeat(501) }).error, /500/);
});

test("suspending: a reason is required; no minutes means a ban", () => {
  assert.deepEqual(suspendArgs({ handle: "A-1", minutes: "", reason: "threats" }).args, { handle: "A-1", reason: "threats" });
  assert.deepEqual(suspendArgs({ handle: "A-1", minutes: "15", reason: "threats" }).args, { handle: "A-1", minutes: 15, reason: "threats" });
  assert.ok(suspendArgs({ handle: "A-1", minutes: "", reason: "" }).error);
  assert.ok(suspendArgs({ handle: "bad handle", reason: "x" }).error);
  assert.ok(suspendArgs({ handle: "A-1", minutes: "0", reason: "x" }).error);
});

test("room actions: a slug, a handle and an action; minutes only for mute and ban", () => {
  assert.deepEqual(moderateArgs({ room: "anxiety", handle: "A-1", action: "mute", minutes: "10" }).args, { room: "anxiety", handle: "A-1", action: "mute", minutes: 10 });
  assert.deepEqual(moderateArgs({ room: "anxiety", handle: "A-1", action: "unmute", minutes: "10" }).args, { room: "anxiety", handle: "A-1", action: "unmute" });
  assert.deepEqual(moderateArgs({ room: "anxiety", handle: "A-1", action: "ban", minutes: "" }).args, { room: "anxiety", handle: "A-1", action: "ban" });
  assert.ok(moderateArgs({ room: "Anxiety Room", handle: "A-1", action: "mute" }).error);
  assert.ok(moderateArgs({ room: "anxiety", handle: "A-1", action: "kick" }).error);
});

test("the report list is live: new reports are added once, updates replace, newest first per status", () => {
  const reports = new Map();
  assert.equal(upsertReport(reports, report("a", "2026-01-01T10:00:00Z")), true);
  assert.equal(upsertReport(reports, report("b", "2026-01-01T11:00:00Z")), true);
  assert.equal(upsertReport(reports, report("a", "2026-01-01T10:00:00Z")), false, "the same report again is not new");
  assert.equal(upsertReport(reports, { reportId: null }), false);
  assert.deepEqual(reportsInView(reports, "open").map((r) => r.reportId), ["b", "a"]);
  assert.equal(openCount(reports), 2);
  upsertReport(reports, { reportId: "a", status: "resolved", resolution: { action: "warn" } });
  assert.deepEqual(reportsInView(reports, "open").map((r) => r.reportId), ["b"]);
  assert.deepEqual(reportsInView(reports, "resolved").map((r) => r.reportId), ["a"]);
  assert.deepEqual(reportsInView(reports, "all").map((r) => r.reportId), ["b", "a"]);
  assert.equal(reports.get("a").reporterHandle, "R-1", "an update keeps what it does not mention");
  assert.equal(openCount(reports), 1);
});

test("a live ReportFiled (no evidence) waits for ListReports, and never wipes evidence already held", () => {
  const reports = new Map();
  upsertReport(reports, report("a", "2026-01-01T10:00:00Z", "open", { evidence: [] }), { live: true });
  assert.equal(reports.get("a").evidencePending, true);
  upsertReport(reports, report("a", "2026-01-01T10:00:00Z", "open", { evidence: [{ seq: 2, text: "x" }] }));
  assert.equal(reports.get("a").evidencePending, false);
  upsertReport(reports, report("a", "2026-01-01T10:00:00Z", "open", { evidence: [] }), { live: true });
  assert.deepEqual(reports.get("a").evidence, [{ seq: 2, text: "x" }]);
  assert.equal(reports.get("a").evidencePending, false);
});

test("evidence is shown in seq order with the reported message marked", () => {
  const rows = evidenceRows(report("a", "2026-01-01T10:00:00Z", "open", {
    seq: 2,
    evidence: [{ seq: 2, text: "reported" }, { seq: 1, text: "before" }],
  }));
  assert.deepEqual(rows.map((r) => [r.seq, r.reported]), [[1, false], [2, true]]);
  assert.deepEqual(evidenceRows(report("c", "x", "open", { seq: null, evidence: [{ seq: 5 }] })).map((r) => r.reported), [false], "a conversation report marks none");
  assert.deepEqual(evidenceRows({}), []);
});

test("channels and resolutions read as sentences", () => {
  assert.equal(channelLabel("room:anxiety"), "Room anxiety");
  assert.equal(channelLabel("conversation:abc"), "Conversation");
  assert.equal(resolutionText(null), "");
  assert.equal(resolutionText({ action: "suspend", minutes: 60, resolvedBy: "Mod-1", note: "cool off" }), "Resolved: suspended for 60 minutes by Mod-1. Note: cool off");
  assert.equal(resolutionText({ action: "none" }), "Resolved: no action");
});
