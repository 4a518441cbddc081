// outbox.js: pending sends survive reloads, retries keep the same clientMessageId, failures are kept apart.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createOutbox, newClientMessageId } from "../../../src/Web/MatchChat.Web/wwwroot/js/outbox.js";

const CHANNEL = "conversation:c1";
const network = () => new Error("WebSocket closed with status code: 1006"); // errors.js: transient
const hub = (code, sentence) => new Error(`An unexpected error occurred invoking 'SendMessage' on the server. HubException: ${code}: ${sentence}`);

/** localStorage as the page uses it: JSON in, JSON out. */
function memoryStorage() {
  let raw = null;
  return {
    load: () => (raw === null ? null : JSON.parse(raw)),
    save: (list) => { raw = JSON.stringify(list); },
    get saved() { return raw === null ? null : JSON.parse(raw); },
  };
}

/**
 * A fake server with the contract's idempotency: the same clientMessageId returns the original
 * message. `plan` holds what each call does in turn: "ok", "lose-ack" (stored, answer lost),
 * or an Error to throw without storing.
 */
function fakeServer(plan = []) {
  const stored = new Map();
  const calls = [];
  let seq = 0;
  const send = async (channel, clientMessageId, text) => {
    calls.push({ channel, clientMessageId, text });
    const step = plan.length ? plan.shift() : "ok";
    if (step instanceof Error) throw step;
    if (!stored.has(clientMessageId)) stored.set(clientMessageId, { channel, seq: ++seq, senderHandle: "Me-1", text, sentAt: "2026-01-01T00:00:00Z", clientMessageId });
    if (step === "lose-ack") throw network();
    return stored.get(clientMessageId);
  };
  return { send, calls, stored };
}

function setup({ plan, storage = memoryStorage(), connected = { value: true }, ids = ["a1", "a2", "a3", "a4"] } = {}) {
  const server = fakeServer(plan);
  const events = { sent: [], failed: [], removed: [] };
  const queue = [...ids];
  const outbox = createOutbox({
    load: storage.load,
    save: storage.save,
    send: server.send,
    isConnected: () => connected.value,
    newId: () => queue.shift(),
    now: () => new Date("2026-01-02T03:04:05Z"),
    onSent: (message, item) => events.sent.push([message.seq, item.clientMessageId]),
    onFailed: (item) => events.failed.push(item.clientMessageId),
    onRemoved: (item) => events.removed.push(item.clientMessageId),
  });
  return { outbox, server, storage, events, connected };
}

test("a new message is persisted as pending before anything is sent", () => {
  const { outbox, storage, server } = setup();
  const item = outbox.add(CHANNEL, "hello");
  assert.deepEqual(storage.saved, [{ channel: CHANNEL, clientMessageId: "a1", text: "hello", createdAt: "2026-01-02T03:04:05.000Z", status: "pending" }]);
  assert.equal(item.status, "pending");
  assert.equal(server.calls.length, 0);
  assert.equal(outbox.hasPending(), true);
});

test("flush sends in the order written and drops each message once the server returns it", async () => {
  const { outbox, server, storage, events } = setup();
  outbox.add(CHANNEL, "one");
  outbox.add("room:grief", "two");
  await outbox.flush();
  assert.deepEqual(server.calls.map((c) => [c.channel, c.clientMessageId, c.text]), [[CHANNEL, "a1", "one"], ["room:grief", "a2", "two"]]);
  assert.deepEqual(events.sent, [[1, "a1"], [2, "a2"]]);
  assert.deepEqual(events.removed, ["a1", "a2"]);
  assert.deepEqual(outbox.items, []);
  assert.deepEqual(storage.saved, []);
});

test("a transient failure keeps the message pending, stops the round, and the retry uses the same clientMessageId", async () => {
  const { outbox, server, events } = setup({ plan: [network()] });
  outbox.add(CHANNEL, "one");
  outbox.add(CHANNEL, "two");
  await outbox.flush();
  assert.deepEqual(server.calls.map((c) => c.clientMessageId), ["a1"], "the second message waits behind the first");
  assert.deepEqual(outbox.items.map((m) => [m.clientMessageId, m.status]), [["a1", "pending"], ["a2", "pending"]]);
  assert.deepEqual(events.failed, []);
  await outbox.flush();
  assert.deepEqual(server.calls.map((c) => c.clientMessageId), ["a1", "a1", "a2"]);
  assert.deepEqual(outbox.items, []);
});

test("a lost acknowledgement is retried with the same clientMessageId and stored only once", async () => {
  const { outbox, server, events } = setup({ plan: ["lose-ack"] });
  outbox.add(CHANNEL, "did this arrive?");
  await outbox.flush();
  assert.equal(server.stored.size, 1, "the server stored it");
  assert.equal(outbox.items.length, 1, "but the page never heard back");
  await outbox.flush();
  assert.deepEqual(server.calls.map((c) => c.clientMessageId), ["a1", "a1"]);
  assert.equal(server.stored.size, 1);
  assert.deepEqual(events.sent, [[1, "a1"]], "the original message (seq 1) comes back");
  assert.deepEqual(outbox.items, []);
});

test("a refused message is marked failed with the server's sentence and the rest still go", async () => {
  const { outbox, server, storage, events } = setup({ plan: [hub("invalid", "Messages are 1 to 4000 characters.")] });
  outbox.add(CHANNEL, "bad");
  outbox.add(CHANNEL, "good");
  await outbox.flush();
  assert.deepEqual(server.calls.map((c) => c.clientMessageId), ["a1", "a2"]);
  assert.deepEqual(events.failed, ["a1"]);
  assert.deepEqual(outbox.items.map((m) => [m.clientMessageId, m.status, m.error]), [["a1", "failed", "Messages are 1 to 4000 characters."]]);
  assert.equal(outbox.items[0].final, true, "refused for what it is: no Try again (sending it again cannot succeed)");
  assert.equal(storage.saved[0].final, true, "kept so after a reload");
  assert.deepEqual(storage.saved.map((m) => [m.clientMessageId, m.status, m.error]), [["a1", "failed", "Messages are 1 to 4000 characters."]]);
  assert.equal(outbox.hasPending(), false);
  await outbox.flush();
  assert.equal(server.calls.length, 2, "a failed message is not resent by itself");
});

test("trying a failed message again sends it with its original clientMessageId", async () => {
  const { outbox, server } = setup({ plan: [hub("conflict", "Try again.")] });
  outbox.add(CHANNEL, "again");
  await outbox.flush();
  const item = outbox.retry("a1");
  assert.deepEqual([item.status, item.error], ["pending", null]);
  await outbox.flush();
  assert.deepEqual(server.calls.map((c) => c.clientMessageId), ["a1", "a1"]);
  assert.deepEqual(outbox.items, []);
  assert.equal(outbox.retry("unknown"), null);
});

test("nothing is sent while disconnected; the outbox survives a reload and sends with the same ids", async () => {
  const storage = memoryStorage();
  const connected = { value: false };
  const before = setup({ storage, connected });
  before.outbox.add(CHANNEL, "written offline");
  await before.outbox.flush();
  assert.equal(before.server.calls.length, 0);

  // The page reloads: a new outbox over the same storage, with different ids on offer.
  connected.value = true;
  const after = setup({ storage, connected, ids: ["zz"] });
  assert.deepEqual(after.outbox.restore().map((m) => [m.clientMessageId, m.status]), [["a1", "pending"]]);
  await after.outbox.flush();
  assert.deepEqual(after.server.calls.map((c) => [c.clientMessageId, c.text]), [["a1", "written offline"]]);
  assert.deepEqual(storage.saved, []);
});

test("restore keeps failed messages failed, makes the rest pending and drops what is not a message", () => {
  const storage = memoryStorage();
  storage.save([
    { channel: CHANNEL, clientMessageId: "p1", text: "x", createdAt: "t", status: "pending" },
    { channel: CHANNEL, clientMessageId: "f1", text: "y", createdAt: "t", status: "failed", error: "Too long." },
    { channel: CHANNEL, clientMessageId: "s1", text: "z", createdAt: "t", status: "sending" },
    { channel: CHANNEL, text: "no id" },
    null,
  ]);
  const { outbox } = setup({ storage });
  assert.deepEqual(outbox.restore().map((m) => [m.clientMessageId, m.status, m.error]), [["p1", "pending", undefined], ["f1", "failed", "Too long."], ["s1", "pending", undefined]]);
  assert.deepEqual(setup({ storage: { load: () => ({ not: "a list" }), save() {} } }).outbox.restore(), []);
  assert.deepEqual(setup({ storage: { load: () => null, save() {} } }).outbox.restore(), []);
});

test("only the message fields are persisted", () => {
  const { outbox, storage } = setup();
  const item = outbox.add(CHANNEL, "hello");
  item.node = { some: "page-only thing" };
  outbox.retry("a1");
  assert.deepEqual(Object.keys(storage.saved[0]).sort(), ["channel", "clientMessageId", "createdAt", "error", "status", "text"]);
});

test("one flush at a time: overlapping calls never send a message twice", async () => {
  const { outbox, server } = setup();
  outbox.add(CHANNEL, "one");
  outbox.add(CHANNEL, "two");
  const first = outbox.flush();
  const second = outbox.flush();
  await Promise.all([first, second]);
  assert.deepEqual(server.calls.map((c) => c.clientMessageId), ["a1", "a2"]);
});

test("a connection lost during a round stops it; the rest stays pending", async () => {
  const connected = { value: true };
  const { outbox, server } = setup({ connected });
  outbox.add(CHANNEL, "one");
  outbox.add(CHANNEL, "two");
  // The first message is on its way when the connection drops; its answer still arrives.
  const flushing = outbox.flush();
  connected.value = false;
  await flushing;
  assert.deepEqual(server.calls.map((c) => c.clientMessageId), ["a1"]);
  assert.deepEqual(outbox.items.map((m) => [m.clientMessageId, m.status]), [["a2", "pending"]]);
});

test("remove drops a message, persists and reports it; removing twice does nothing", () => {
  const { outbox, storage, events } = setup();
  outbox.add(CHANNEL, "one");
  outbox.add(CHANNEL, "two");
  assert.equal(outbox.remove(CHANNEL, "a1"), true);
  assert.equal(outbox.remove(CHANNEL, "a1"), false);
  assert.equal(outbox.remove("room:other", "a2"), false, "the channel must match too");
  assert.deepEqual(events.removed, ["a1"]);
  assert.deepEqual(storage.saved.map((m) => m.clientMessageId), ["a2"]);
  assert.deepEqual(outbox.pendingFor(CHANNEL).map((m) => m.clientMessageId), ["a2"]);
  assert.deepEqual(outbox.pendingFor("room:other"), []);
});

test("client message ids fit the contract, with or without crypto.randomUUID", () => {
  const pattern = /^[A-Za-z0-9_-]{1,64}$/;
  const a = newClientMessageId();
  const b = newClientMessageId();
  assert.match(a, pattern);
  assert.notEqual(a, b);
  const fallback = newClientMessageId({ getRandomValues: (bytes) => bytes.fill(171) });
  assert.equal(fallback, "ab".repeat(16));
  assert.match(fallback, pattern);
});

/** Two tabs of one member: one saved outbox, one server. */
function twoTabs(plan) {
  const storage = memoryStorage();
  const server = fakeServer(plan);
  const online = { a: false, b: true };
  const tab = (name, ids) => {
    const queue = [...ids];
    const removed = [];
    const outbox = createOutbox({
      load: storage.load,
      save: storage.save,
      send: server.send,
      isConnected: () => online[name],
      newId: () => queue.shift(),
      onRemoved: (item) => removed.push(item.clientMessageId),
    });
    outbox.restore();
    return { outbox, removed };
  };
  return { storage, server, online, a: tab("a", ["a1", "a2"]), b: tab("b", ["b1", "b2"]) };
}

test("a tab saving the outbox keeps another tab's pending message (it never writes its own list over it)", async () => {
  const { storage, a, b, server } = twoTabs();
  a.outbox.add(CHANNEL, "written offline in tab A");
  b.outbox.add(CHANNEL, "sent from tab B");
  assert.deepEqual(storage.saved.map((m) => m.clientMessageId), ["a1", "b1"]);
  await b.outbox.flush();
  // B sends and takes out only its own entry; A's stays saved.
  assert.deepEqual(server.calls.map((c) => c.clientMessageId), ["b1"]);
  assert.deepEqual(storage.saved.map((m) => [m.clientMessageId, m.text, m.status]), [["a1", "written offline in tab A", "pending"]]);
});

test("an online tab takes in another tab's pending message and sends it; the writing tab stops saving it but still shows it", async () => {
  const { storage, a, b, server, online } = twoTabs();
  a.outbox.add(CHANNEL, "written offline in tab A");
  assert.deepEqual(b.outbox.sync().map((m) => m.clientMessageId), ["a1"]);
  await b.outbox.flush();
  assert.deepEqual(server.calls.map((c) => c.clientMessageId), ["a1"]);
  assert.deepEqual(storage.saved, []);
  // Tab A hears that another tab took it out: it does not write it back when it saves again.
  a.outbox.sync();
  a.outbox.add(CHANNEL, "second from A");
  assert.deepEqual(storage.saved.map((m) => m.clientMessageId), ["a2"]);
  assert.deepEqual(b.outbox.sync().map((m) => m.clientMessageId), ["a2"], "what B already sent is not taken in again");
  // Back online, A sends what it shows with the same ids: the server keeps each once.
  online.a = true;
  await a.outbox.flush();
  assert.deepEqual(a.outbox.items, []);
  assert.equal(server.stored.size, 2);
  assert.deepEqual(storage.saved, []);
});

test("a reload of the other tab finds an entry saved by a tab that was closed offline", () => {
  const { storage, a } = twoTabs();
  a.outbox.add(CHANNEL, "written offline, then the tab was closed");
  const reopened = createOutbox({ load: storage.load, save: storage.save, send: async () => { throw new Error("unused"); } });
  assert.deepEqual(reopened.restore().map((m) => [m.clientMessageId, m.status]), [["a1", "pending"]]);
});
