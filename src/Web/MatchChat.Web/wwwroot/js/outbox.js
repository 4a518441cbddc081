// Outbox: a message is pending until the server returns its Message (durably stored).
// It is retried with the same clientMessageId, so the server never stores it twice.
// Pure: storage, sending, ids and time are injected, so this runs in Node as well as the page.
import { describeError as defaultDescribeError } from "./errors.js";

export const OUTBOX_RETRY_MS = 3000;

/** A clientMessageId the contract accepts (`^[A-Za-z0-9_-]{1,64}$`). */
export function newClientMessageId(cryptoApi = globalThis.crypto) {
  if (cryptoApi.randomUUID) return cryptoApi.randomUUID();
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Only these fields are persisted; anything else on an item is the page's own. */
function stored({ channel, clientMessageId, text, createdAt, status, error }) {
  return { channel, clientMessageId, text, createdAt, status, error };
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

  function persist() {
    save(items.map(stored));
  }

  const outbox = {
    /** The items, oldest first (a copy). */
    get items() {
      return [...items];
    },

    /** Loads the persisted outbox: failed stays failed, everything else is pending again. */
    restore() {
      const list = load();
      items = (Array.isArray(list) ? list : []).filter(valid).map((m) => ({ ...stored(m), status: m.status === "failed" ? "failed" : "pending" }));
      return outbox.items;
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
      persist();
      onRemoved(item);
      return true;
    },

    /** A failed item goes back to pending, keeping its clientMessageId. */
    retry(clientMessageId) {
      const item = items.find((m) => m.clientMessageId === clientMessageId);
      if (!item) return null;
      item.status = "pending";
      item.error = null;
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
