// Outbox: a message is pending until the server returns its Message (durably stored).
// It is retried with the same clientMessageId, so the server never stores it twice.
// Pure: storage, sending, ids and time are injected, so this runs in Node as well as the page.
//
// Every tab of a member shares one saved outbox (localStorage). A tab never overwrites the list: it reads what is saved,
// keeps the entries of other tabs, writes its own, and takes out only what it saw acknowledged (or the person removed).
// An outside probe lost a message written offline in one tab when another tab sent something: it saved its own `[]`.
// `sync()` (on the browser's `storage` event) takes in what other tabs wrote, so any online tab sends it; the server
// keeps a message once per clientMessageId, so two tabs sending the same entry is safe.
import { describeError as defaultDescribeError } from "./errors.js";

export const OUTBOX_RETRY_MS = 3000;

/** A clientMessageId the contract accepts (`^[A-Za-z0-9_-]{1,64}$`). */
export function newClientMessageId(cryptoApi = globalThis.crypto) {
  if (cryptoApi.randomUUID) return cryptoApi.randomUUID();
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Only these fields are persisted; anything else on an item is the page's own. */
// `final`: refused for what it is (`invalid`, e.g. nothing a reader would see): sending it again cannot succeed.
function stored({ channel, clientMessageId, text, createdAt, status, error, final }) {
  return { channel, clientMessageId, text, createdAt, status, error, final: final === true || undefined };
}

function valid(item) {
  return !!item && typeof item.channel === "string" && typeof item.clientMessageId === "string" && typeof item.text === "string";
}

/**
 * deps:
 * - `load()` → the persisted list (or null), `save(list)` persists it;
 * - `send(channel, clientMessageId, text)` → Promise<Message> (the hub's SendMessage);
 * - `isConnected()` → whether sending can be tried now;
 * - `newId()`, `now()` → a clientMessageId and the current time (Date);
 * - `onSent(message, item)`, `onFailed(item)`, `onRemoved(item)` → the page updates what it shows;
 * - `describeError(err)` → {code, text, transient} (errors.js by default).
 */
export function createOutbox(deps) {
  const {
    load = () => [],
    save = () => {},
    send,
    isConnected = () => true,
    newId = () => newClientMessageId(),
    now = () => new Date(),
    onSent = () => {},
    onFailed = () => {},
    onRemoved = () => {},
    describeError = defaultDescribeError,
  } = deps;
  let items = [];
  let flushing = false;
  /** clientMessageIds known to be in the saved list (as this tab last read or wrote it). */
  let saved = new Set();
  /** clientMessageIds this tab took out (acknowledged or removed): never written back nor taken in again. */
  const gone = new Set();
  /** Entries another tab took out of the saved list (it saw them acknowledged): kept on screen, no longer saved. */
  const elsewhere = new Set();

  function readSaved() {
    const list = load();
    return (Array.isArray(list) ? list : []).filter(valid);
  }

  /** Entries of this tab that were saved and are no longer: another tab took them out. */
  function noteTakenElsewhere(list) {
    const ids = new Set(list.map((m) => m.clientMessageId));
    for (const m of items) if (saved.has(m.clientMessageId) && !ids.has(m.clientMessageId)) elsewhere.add(m.clientMessageId);
    saved = ids;
  }

  /** Read, merge, write: other tabs' entries stay; this tab's replace their saved copies; taken-out ones stay out. */
  function persist() {
    const list = readSaved();
    noteTakenElsewhere(list);
    const mine = new Map(items.filter((m) => !elsewhere.has(m.clientMessageId)).map((m) => [m.clientMessageId, m]));
    const merged = [];
    for (const m of list) {
      if (gone.has(m.clientMessageId) || elsewhere.has(m.clientMessageId)) continue;
      const own = mine.get(m.clientMessageId);
      merged.push(stored(own || m));
      mine.delete(m.clientMessageId);
    }
    for (const m of mine.values()) merged.push(stored(m));
    save(merged);
    saved = new Set(merged.map((m) => m.clientMessageId));
  }

  const forget = (id) => {
    gone.add(id);
    if (gone.size > 500) gone.delete(gone.values().next().value);
  };

  const outbox = {
    /** The items, oldest first (a copy). */
    get items() {
      return [...items];
    },

    /** Loads the persisted outbox: failed stays failed, everything else is pending again. */
    restore() {
      const list = readSaved();
      items = list.map((m) => ({ ...stored(m), status: m.status === "failed" ? "failed" : "pending" }));
      saved = new Set(list.map((m) => m.clientMessageId));
      return outbox.items;
    },

    /**
     * Takes in what other tabs saved (their new entries, pending again unless failed, and a failed one's status) and
     * notes what they took out. Returns the items that are new here.
     */
    sync() {
      const list = readSaved();
      noteTakenElsewhere(list);
      const added = [];
      for (const m of list) {
        if (gone.has(m.clientMessageId)) continue;
        const own = items.find((x) => x.clientMessageId === m.clientMessageId);
        if (own) {
          if (m.status === "failed" && own.status !== "failed") Object.assign(own, { status: "failed", error: m.error ?? null, final: m.final === true });
          continue;
        }
        const item = { ...stored(m), status: m.status === "failed" ? "failed" : "pending" };
        items.push(item);
        added.push(item);
      }
      // In the order they were written, whichever tab wrote them (they are sent in this order).
      if (added.length) items.sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
      return added;
    },

    /** Queues a new message and persists it before anything is sent. */
    add(channel, text) {
      const item = { channel, clientMessageId: newId(), text, createdAt: now().toISOString(), status: "pending" };
      items.push(item);
      persist();
      return item;
    },

    pendingFor(channel) {
      return items.filter((m) => m.channel === channel);
    },

    hasPending() {
      return items.some((m) => m.status === "pending");
    },

    /** Drops an item (acknowledged, or removed by the person). Returns whether it was there. */
    remove(channel, clientMessageId) {
      const item = items.find((m) => m.channel === channel && m.clientMessageId === clientMessageId);
      if (!item) return false;
      items = items.filter((m) => m !== item);
      forget(clientMessageId);
      persist();
      elsewhere.delete(clientMessageId);
      onRemoved(item);
      return true;
    },

    /** A failed item goes back to pending, keeping its clientMessageId. */
    retry(clientMessageId) {
      const item = items.find((m) => m.clientMessageId === clientMessageId);
      if (!item) return null;
      item.status = "pending";
      item.error = null;
      item.final = false;
      persist();
      return item;
    },

    get flushing() {
      return flushing;
    },

    /**
     * Sends pending items in the order written, one at a time. A transient error (network,
     * unavailable, rate limited) stops the round and leaves the item pending; any other error
     * marks it failed with the server's sentence. One flush at a time.
     */
    async flush() {
      if (flushing || !isConnected()) return;
      flushing = true;
      try {
        for (const item of [...items]) {
          if (item.status !== "pending" || !items.includes(item)) continue;
          if (!isConnected()) break;
          try {
            const message = await send(item.channel, item.clientMessageId, item.text);
            onSent(message, item);
            outbox.remove(item.channel, item.clientMessageId);
          } catch (err) {
            const e = describeError(err);
            if (e.transient) break; // keep it pending; retried on reconnect or by the timer
            if (!items.includes(item)) continue;
            item.status = "failed";
            item.error = e.text;
            item.final = e.code === "invalid";
            persist();
            onFailed(item);
          }
        }
      } finally {
        flushing = false;
      }
    },
  };
  return outbox;
}
