// requests.js: a match is recognised by the open request's requestId, live or after the page was away.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isOpen, isClosedStatus, nextTicket, seekerConversationIds, conversationFor, bind } from "../../../src/Web/MatchChat.Web/wwwroot/js/requests.js";

const conversation = (id, { role = "seeker", topic = "grief", endedAt = null, requestId } = {}) =>
  ({ conversationId: id, channel: `conversation:${id}`, topic, peerHandle: "Listener-1", role, sharedExperiences: [], startedAt: "2026-01-01T00:00:00Z", endedAt, ...(requestId ? { requestId } : {}) });
const waiting = (requestId, topic = "grief") => ({ requestId, topic, status: "waiting", position: 1, estimatedWaitSeconds: null });

test("only waiting and offered tickets are open", () => {
  assert.deepEqual(["waiting", "offered", "matched", "cancelled", "expired"].map((status) => isOpen({ status })), [true, true, false, false, false]);
  assert.equal(isOpen(null), false);
  assert.deepEqual(["waiting", "offered", "matched", "cancelled", "expired"].map(isClosedStatus), [false, false, true, true, true]);
});

test("a new request records the seeker conversations known when it was made; updates keep that list", () => {
  const first = nextTicket(null, waiting("r1"), ["old-1"]);
  assert.deepEqual(first.knownConversations, ["old-1"]);
  const offered = nextTicket(first, { ...waiting("r1"), status: "offered" }, ["old-1", "new-1"]);
  assert.equal(offered.status, "offered");
  assert.deepEqual(offered.knownConversations, ["old-1"], "the same requestId keeps its list");
  const other = nextTicket(offered, waiting("r2"), ["old-1", "new-1"]);
  assert.deepEqual(other.knownConversations, ["old-1", "new-1"], "another requestId starts a new list");
  assert.equal(nextTicket(offered, null), null);
});

test("seekerConversationIds lists only conversations where this member is the seeker", () => {
  assert.deepEqual(seekerConversationIds([conversation("a"), conversation("b", { role: "listener" }), conversation("c")]), ["a", "c"]);
});

test("the conversation that answers a request is a new seeker conversation on its topic", () => {
  const ticket = nextTicket(null, waiting("r1"), ["old"]);
  const list = [
    conversation("old"),                              // existed before the request
    conversation("listening", { role: "listener" }),  // this member listening to someone
    conversation("other-topic", { topic: "anxiety" }),
    conversation("answer"),
  ];
  assert.equal(conversationFor(ticket, list)?.conversationId, "answer");
  assert.equal(conversationFor(ticket, list.slice(0, 3)), null, "nothing new: the request is still waiting");
});

test("a conversation already bound to another request never answers this one", () => {
  const ticket = nextTicket(null, waiting("r2"), []);
  const bindings = { r1: "first" };
  assert.equal(conversationFor(ticket, [conversation("first")], bindings), null);
  assert.equal(conversationFor(ticket, [conversation("first"), conversation("second")], bindings)?.conversationId, "second");
});

test("a request already bound answers with its own conversation only (the same match is not opened twice)", () => {
  const ticket = nextTicket(null, { ...waiting("r1"), status: "matched" }, []);
  assert.equal(conversationFor(ticket, [conversation("x"), conversation("mine")], { r1: "mine" })?.conversationId, "mine");
  assert.equal(conversationFor(ticket, [conversation("x")], { r1: "mine" }), null);
});

test("an ended conversation still answers its request (the caller decides whether to open it)", () => {
  const ticket = nextTicket(null, waiting("r1"), []);
  assert.equal(conversationFor(ticket, [conversation("done", { endedAt: "2026-01-01T00:10:00Z" })])?.conversationId, "done");
});

test("no ticket, or a ticket saved by an older page without its list, is never resolved from a conversation list", () => {
  assert.equal(conversationFor(null, [conversation("a")]), null);
  const legacy = { ...waiting("r1"), requestedAt: "2026-01-01T00:00:00Z" };
  assert.equal(conversationFor(legacy, [conversation("a")]), null);
  assert.equal(conversationFor(legacy, [conversation("a")], { r1: "a" })?.conversationId, "a", "unless already bound");
});

test("bind keeps the newest bindings and moves a re-bound request to the end", () => {
  let bindings = {};
  for (let i = 1; i <= 4; i++) bindings = bind(bindings, `r${i}`, `c${i}`, 3);
  assert.deepEqual(bindings, { r2: "c2", r3: "c3", r4: "c4" });
  bindings = bind(bindings, "r2", "c2", 3);
  bindings = bind(bindings, "r5", "c5", 3);
  assert.deepEqual(Object.keys(bindings), ["r4", "r2", "r5"]);
  const before = { r1: "c1" };
  bind(before, "r2", "c2");
  assert.deepEqual(before, { r1: "c1" }, "bind does not change its argument");
});

test("a conversation that names the request it answered answers that request only", () => {
  const ticket = nextTicket(null, waiting("r2"), []);
  // An older conversation this page learns of only now (its record was repaired), on the same topic: not the answer.
  assert.equal(conversationFor(ticket, [conversation("older", { requestId: "r1" })]), null);
  assert.equal(conversationFor(ticket, [conversation("older", { requestId: "r1" }), conversation("answer", { requestId: "r2" })])?.conversationId, "answer");
  // It answers even when the page knew it when the request was made (a reload in between).
  const known = nextTicket(null, waiting("r3"), ["mine"]);
  assert.equal(conversationFor(known, [conversation("mine", { requestId: "r3" })])?.conversationId, "mine");
});

test("a conversation naming the request wins over an earlier binding and over a ticket saved without a list", () => {
  const ticket = nextTicket(null, waiting("r2"), []);
  // Bound by the older rule to a conversation that named no request (a build before requestId): the named one answers.
  assert.equal(conversationFor(ticket, [conversation("guessed"), conversation("answer", { requestId: "r2" })], { r2: "guessed" })?.conversationId, "answer");
  const saved = { ...waiting("r2") }; // saved by an older page: no knownConversations
  assert.equal(conversationFor(saved, [conversation("answer", { requestId: "r2" })])?.conversationId, "answer");
  assert.equal(conversationFor(saved, [conversation("unnamed")]), null, "without a name, such a ticket is left to QueueUpdated");
});
