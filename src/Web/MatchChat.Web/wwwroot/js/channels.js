// Per-channel `seq` bookkeeping: which messages we hold, what is missing, what to ask the server for.
// Pure: no DOM, no SignalR. The server's `seq` starts at 1 and is gapless per channel (docs/PROTOCOL.md),
// so "every seq up to `contiguous` is known" is all we need to find gaps and catch up.
import { describeError } from "./errors.js";

export const HISTORY_PAGE = 200;
export const HISTORY_MAX_PAGES = 10;

/** A fresh record for `channel` ("room:<slug>" or "conversation:<id>"). */
export function createChannel(channel) {
  return {
    channel,
    kind: channel.startsWith("room:") ? "room" : "conversation",
    id: channel.slice(channel.indexOf(":") + 1),
    messages: new Map(), // seq -> Message
    contiguous: 0,       // every seq <= contiguous is known
    maxSeq: 0,
    loaded: false,       // history has been fetched at least once
    unread: 0,
    typingHandle: null,
    typingTimer: null,
    catchingUp: null,
    unreadable: null,
    redactedHandles: new Set(), // senders who deleted their data: anything of theirs that arrives later is stored removed
  };
}

/** The record for `channel` in `channels` (a Map), created on first use; `extra` is merged in. */
export function getChannel(channels, channel, extra = {}) {
  let ch = channels.get(channel);
  if (!ch) {
    ch = createChannel(channel);
    channels.set(channel, ch);
  }
  Object.assign(ch, extra);
  return ch;
}

function advance(ch) {
  while (ch.messages.has(ch.contiguous + 1)) ch.contiguous++;
}

/** A message as shown once its sender deleted their data (the server erased the text). */
const redacted = (message) => ({ ...message, text: "", redacted: true });

/**
 * Adds a confirmed message. Returns false if we already had this seq (never doubled) or the seq
 * is not a positive integer. Messages may arrive out of order: `contiguous` only moves over a
 * run without holes. A message of a sender this channel was told is redacted is stored removed
 * (a history page read before the erasure can arrive after it).
 */
export function addMessage(ch, message) {
  const seq = Number(message && message.seq);
  if (!Number.isSafeInteger(seq) || seq < 1) return false;
  if (ch.messages.has(seq)) return false;
  const removed = isRedactedSender(ch, message) || (ch.removedSeqs?.has(seq) ?? false);
  ch.messages.set(seq, removed && !message.redacted ? redacted(message) : message);
  if (seq > ch.maxSeq) ch.maxSeq = seq;
  advance(ch);
  return true;
}

function isRedactedSender(ch, message) {
  return ch.redactedHandles.has(message.senderHandle);
}

/**
 * Marks every held message of `handle` removed (they deleted their data: the server erased the texts), and
 * remembers `handle` so that messages of theirs added later (a late history page) are stored removed too.
 * Returns the seqs that changed, so a page re-renders only those rows.
 */
export function redactSender(ch, handle) {
  ch.redactedHandles.add(handle);
  const changed = [];
  for (const [seq, message] of ch.messages) {
    if (message.senderHandle === handle && !message.redacted) {
      ch.messages.set(seq, redacted(message));
      changed.push(seq);
    }
  }
  return changed;
}

/** A moderator removed the message at `seq`: held as removed (a later history page answers it so too). True when it changed. */
export function redactOne(ch, seq) {
  const message = ch.messages.get(seq);
  if (!message) {
    // Not held yet (a history page read before the removal may still bring it): stored removed when it comes.
    (ch.removedSeqs ??= new Set()).add(seq);
    return false;
  }
  if (message.redacted) return false;
  ch.messages.set(seq, redacted(message));
  return true;
}

/**
 * True when a live message with this seq shows that something before it is missing. Only
 * once history is loaded: before that, the catch-up that loads it fills the hole anyway.
 */
export function isGap(ch, seq) {
  return ch.loaded && Number(seq) > ch.contiguous + 1;
}

/** Seqs that we know exist (below the highest one held) but do not hold. */
export function missingSeqs(ch) {
  const missing = [];
  for (let seq = ch.contiguous + 1; seq < ch.maxSeq; seq++) if (!ch.messages.has(seq)) missing.push(seq);
  return missing;
}

/** First load: the newest page (no afterSeq). Afterwards: everything after the last seq we hold without a hole. */
export function historyAfter(ch) {
  return ch.contiguous === 0 && !ch.loaded ? null : ch.contiguous;
}

/**
 * Stores one `GetHistory` answer (ascending by seq) and returns how many messages were new (through addMessage, so
 * messages of a redacted sender are stored removed).
 * The server answered everything after the asked seq up to the batch's last seq (seq is
 * gapless), so even if older history was trimmed we now know every message up to there.
 */
export function applyHistory(ch, batch, onAdded) {
  let added = 0;
  for (const message of batch) {
    if (addMessage(ch, message)) {
      added++;
      if (onAdded) onAdded(ch.messages.get(Number(message.seq)));
    }
  }
  if (batch.length) {
    ch.contiguous = Math.max(ch.contiguous, Number(batch[batch.length - 1].seq));
    advance(ch);
  }
  return added;
}

/** The lowest seq held (for "Show earlier messages"), or null. */
export function firstSeq(ch) {
  let first = null;
  for (const seq of ch.messages.keys()) if (first === null || seq < first) first = seq;
  return first;
}

/** Held seqs in ascending order. */
export function sortedSeqs(ch) {
  return [...ch.messages.keys()].sort((a, b) => a - b);
}

/**
 * Fetches whatever `ch` is missing, page by page, with `getHistory(channel, afterSeq, beforeSeq, limit)`.
 * One catch-up per channel at a time: a second call while one runs gets the same promise.
 * `onAdded(message)` sees each new message; `onPage(added)` runs after each page that added some.
 * A permanent error (not transient) marks the channel unreadable with the server's sentence.
 */
export function catchUp(ch, getHistory, { onAdded, onPage, pageSize = HISTORY_PAGE, maxPages = HISTORY_MAX_PAGES } = {}) {
  if (ch.catchingUp) return ch.catchingUp;
  ch.catchingUp = (async () => {
    try {
      for (let page = 0; page < maxPages; page++) {
        const batch = await getHistory(ch.channel, historyAfter(ch), null, pageSize);
        const added = applyHistory(ch, batch, onAdded);
        if (added && onPage) onPage(added);
        if (batch.length < pageSize) break;
      }
      ch.loaded = true;
    } catch (err) {
      const e = describeError(err);
      if (!e.transient) ch.unreadable = e.text;
    } finally {
      ch.catchingUp = null;
    }
  })();
  return ch.catchingUp;
}
