// The open chat: its message list, pending messages (the outbox), typing, the composer.
import { $, el, clear, formatTime, refocus } from "./dom.js";
import { describeError } from "./errors.js";
import { state, load, save, isMine } from "./store.js";
import { invoke } from "./connection.js";
import { addMessage, isGap, firstSeq, sortedSeqs, redactSender, redactOne } from "./channels.js";
import { createOutbox, OUTBOX_RETRY_MS } from "./outbox.js";
import { showNotice, announce, confirmDialog } from "./views.js";
import { channelState, channelTitle, catchUpChannel, renderChatList, renderChatHeader } from "./chats.js";
import { canActOn, isRemoved, endedNote, isModerator } from "./trust.js";
import { openReport } from "./report.js";
import { renderThanksPrompt } from "./gratitude.js";
import { blockPerson, isBlocked } from "./blocks.js";
import { renderPeerCare } from "./care.js";
import { renderPeerAway, peerIsHere } from "./presence.js";
import { renderComposerMute } from "./room-mutes.js";
import { renderRoomNotice } from "./room-notice.js";
import { focusLoaded, noteNewBelow, resetNewBelow } from "./reading.js";

const TYPING_SEND_EVERY_MS = 3000;
const TYPING_SHOW_FOR_MS = 5000;

export const outbox = createOutbox({
  load: () => load("outbox", []),
  save: (items) => save("outbox", items),
  send: (channel, clientMessageId, text) => invoke("SendMessage", channel, clientMessageId, text),
  isConnected: () => state.connected,
  onSent: (message, item) => {
    storeMessage(message);
    outbox.remove(item.channel, item.clientMessageId);
    renderChannelAdditions(item.channel);
    renderChatList();
  },
  onFailed: (item) => renderChannelAdditions(item.channel),
  onRemoved: (item) => {
    const node = document.querySelector(`#messages li[data-cmid="${CSS.escape(item.clientMessageId)}"]`);
    if (node) node.remove();
    refocus("composer-text");
  },
});

/** Retries what is pending every few seconds while connected (reconnects also flush); takes in other tabs' entries. */
export function startOutboxTimer() {
  setInterval(() => {
    if (state.connected && outbox.hasPending()) outbox.flush();
  }, OUTBOX_RETRY_MS);
  // Another tab of this member saved the outbox: what it wrote offline is sent from here too (outbox.js).
  window.addEventListener("storage", (e) => {
    if (!state.session || e.key !== `matchchat.${state.session.memberId}.outbox`) return;
    for (const item of outbox.sync()) channelState(item.channel);
    renderOutboxStates();
    if (state.connected) outbox.flush();
  });
}

/** What follows a newly stored message: our own message came back, so it is no longer pending. */
export function afterStored(message) {
  if (isMine(message)) outbox.remove(message.channel, message.clientMessageId);
}

/** Adds a confirmed message. Returns false if we already had this seq (never doubled). */
export function storeMessage(message) {
  if (!addMessage(channelState(message.channel), message)) return false;
  afterStored(message);
  return true;
}

export function onMessage(message) {
  const ch = channelState(message.channel);
  const gap = isGap(ch, message.seq);
  if (!storeMessage(message)) return;
  if (ch.typingHandle === message.senderHandle) clearTyping(ch);
  if (ch.kind === "conversation" && !isMine(message)) peerIsHere(ch.id);
  const visible = state.openChannel === message.channel && state.view === "chats" && !document.hidden;
  if (!isMine(message) && !visible) {
    ch.unread++;
    announce(`New message in ${channelTitle(ch)}`);
  }
  renderChannelAdditions(message.channel);
  renderChatList();
  if (gap) catchUpChannel(message.channel);
}

/** Someone deleted their data: what they wrote here is shown as removed at once, not only after a reload. */
export function onMessagesRedacted({ channel, handle }) {
  if (!state.channels.has(channel)) return;
  const ch = channelState(channel);
  const changed = redactSender(ch, handle);
  if (!changed.length) return;
  const list = $("messages");
  if (state.openChannel === channel && list.dataset.channel === channel) {
    for (const seq of changed) {
      list.querySelector(`li[data-seq="${seq}"]`)?.replaceWith(messageNode(ch.messages.get(seq)));
    }
  }
  renderChatList();
}

/** `MessageRemoved`: a moderator removed one room message; it is shown as removed at once. */
export function onMessageRemoved({ channel, seq }) {
  if (!state.channels.has(channel)) return;
  const ch = channelState(channel);
  if (!redactOne(ch, Number(seq))) return;
  const list = $("messages");
  if (state.openChannel === channel && list.dataset.channel === channel) {
    list.querySelector(`li[data-seq="${Number(seq)}"]`)?.replaceWith(messageNode(ch.messages.get(Number(seq))));
  }
  renderChatList();
}

export function onPeerTyping({ channel, handle }) {
  if (!state.session || handle === state.session.handle) return;
  const ch = channelState(channel);
  if (ch.kind === "conversation") peerIsHere(ch.id);
  ch.typingHandle = handle;
  clearTimeout(ch.typingTimer);
  ch.typingTimer = setTimeout(() => clearTyping(ch), TYPING_SHOW_FOR_MS);
  if (state.openChannel === channel) renderTyping();
}

function clearTyping(ch) {
  clearTimeout(ch.typingTimer);
  ch.typingHandle = null;
  if (state.openChannel === ch.channel) renderTyping();
}

export function renderOpenChat() {
  if (!state.openChannel) return;
  const ch = channelState(state.openChannel);
  renderChatHeader();
  renderRoomNotice();
  renderPeerCare();
  const conversation = ch.kind === "conversation" ? state.conversations.get(ch.id) : null;
  const ended = !!(conversation && conversation.endedAt);
  $("chat-end").hidden = ch.kind !== "conversation" || ended;
  $("chat-leave").hidden = ch.kind !== "room";
  $("chat-report").hidden = !conversation;
  $("chat-block").hidden = !conversation || isBlocked(conversation.peerHandle);
  const note = $("chat-ended");
  note.hidden = !ended;
  if (ended) {
    note.textContent = endedNote({ reason: conversation.endReason, endedBy: conversation.endedBy, peer: conversation.peerHandle, me: state.session.handle, role: conversation.role });
  }
  $("composer").hidden = ended;
  renderComposerMute(renderOpenChat);
  renderPeerAway();
  renderThanksPrompt();

  // Rebuild the list (a channel switch); later additions are incremental.
  const list = $("messages");
  // Switching chats rebuilds the list: keep screen readers from reading all of it out again.
  list.setAttribute("aria-live", "off");
  list.dataset.channel = ch.channel;
  clear(list);
  resetNewBelow();
  setTimeout(() => list.setAttribute("aria-live", "polite"), 100);
  if (ch.unreadable) list.append(el("li", { className: "system-note", text: ch.unreadable }));
  else if (!ch.messages.size && !outbox.pendingFor(ch.channel).length) {
    list.append(el("li", { className: "system-note", dataset: { placeholder: "1" }, text: ch.kind === "room" ? "No messages yet. Say hello when you're ready." : "You're connected. Say hello when you're ready — there's no rush." }));
  }
  renderChannelAdditions(ch.channel);
  renderEarlierButton();
  renderTyping();
}

/** History loads the newest page first; older messages come on request, newest-below-first-seq. */
function renderEarlierButton() {
  const list = $("messages");
  list.querySelector("li[data-earlier]")?.remove();
  if (!state.openChannel) return;
  const ch = channelState(state.openChannel);
  const first = firstSeq(ch);
  if (first === null || first <= 1) return;
  const button = el("button", { className: "link-btn", text: "Show earlier messages", attrs: { type: "button", "data-testid": "messages-earlier" } });
  button.addEventListener("click", async () => {
    button.disabled = true;
    const channel = ch.channel;
    const previousHeight = list.scrollHeight;
    try {
      const older = await invoke("GetHistory", channel, null, first, 50);
      for (const m of older) storeMessage(m);
      // Another chat opened while this page of history loaded: stored, but nothing to draw or focus here.
      if (state.openChannel !== channel) return;
      list.dataset.scrolled = "1"; // keep the reader where they were
      renderChannelAdditions(channel);
      list.scrollTop += list.scrollHeight - previousHeight;
      renderEarlierButton();
      focusLoaded(list, older);
    } catch (err) {
      showNotice(describeError(err).text);
      button.disabled = false;
    }
  });
  list.prepend(el("li", { className: "system-note", dataset: { earlier: "1" } }, [button]));
}

/** Brings the open message list up to date without re-rendering existing rows. */
export function renderChannelAdditions(channel) {
  if (state.openChannel !== channel) {
    renderChatList();
    return;
  }
  const list = $("messages");
  if (list.dataset.channel !== channel) return;
  const ch = channelState(channel);
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const shown = new Set([...list.querySelectorAll("li[data-seq]")].map((n) => Number(n.dataset.seq)));
  const sorted = sortedSeqs(ch);
  let below = 0; // others' messages added under the ones shown (not older ones loaded above them)
  for (const seq of sorted) {
    if (shown.has(seq)) continue;
    const message = ch.messages.get(seq);
    // Room messages of someone this member blocked are not shown (the server stops sending new ones).
    if (ch.kind === "room" && isBlocked(message.senderHandle)) continue;
    const node = messageNode(message);
    // Insert before the first shown message with a larger seq, else before pending ones.
    let before = null;
    for (const other of list.querySelectorAll("li[data-seq]")) {
      if (Number(other.dataset.seq) > seq) { before = other; break; }
    }
    list.insertBefore(node, before || list.querySelector("li[data-cmid]"));
    if (!before && shown.size && !isMine(message)) below++;
  }
  const pending = outbox.pendingFor(channel);
  if (sorted.length || pending.length) list.querySelector("li[data-placeholder]")?.remove();
  // Pending (not yet acknowledged) messages stay at the end, in the order written.
  for (const item of pending) {
    const node = list.querySelector(`li[data-cmid="${CSS.escape(item.clientMessageId)}"]`);
    const fresh = pendingNode(item);
    if (node) node.replaceWith(fresh);
    else list.append(fresh);
  }
  if (atBottom || list.dataset.scrolled !== "1") {
    list.scrollTop = list.scrollHeight;
  } else if (below) noteNewBelow(below);
}

function messageNode(message) {
  const mine = isMine(message);
  const who = mine ? "You" : message.senderHandle;
  const removed = isRemoved(message);
  return el("li", {
    className: `msg${mine ? " mine" : ""}${removed ? " removed" : ""}`,
    attrs: { "data-testid": "message", "data-seq": message.seq, "data-state": "sent", "data-redacted": removed ? "true" : null },
  }, [
    el("span", { className: "who", text: who }),
    removed
      ? el("p", { className: "text removed-note", text: "Message removed", attrs: { "data-testid": "message-removed" } })
      : el("p", { className: "text", text: message.text, attrs: { "data-testid": "message-text", dir: "auto" } }),
    el("span", { className: "when", text: formatTime(message.sentAt) }),
    canActOn(message, state.session && state.session.handle) ? messageActions(message) : null,
  ]);
}

/** Report and Block for someone else's message. */
function messageActions(message) {
  const handle = message.senderHandle;
  const report = el("button", {
    className: "link-btn small-link",
    text: "Report",
    attrs: { type: "button", "aria-label": `Report this message from ${handle}`, "data-testid": "message-report" },
  });
  report.addEventListener("click", () => openReport({ channel: message.channel, seq: Number(message.seq), handle, text: message.text, returnFocus: report }));
  const block = el("button", {
    className: "link-btn small-link",
    text: "Block",
    attrs: { type: "button", "aria-label": `Block ${handle}`, "data-testid": "message-block", hidden: isBlocked(handle) },
  });
  block.addEventListener("click", () => blockPerson(handle, { returnFocus: block }));
  return el("div", { className: "msg-actions" }, [report, block, moderatorRemove(message)]);
}

/** For a moderator, in a room: remove this message for everyone (its text is erased; the room sees "Message removed"). */
function moderatorRemove(message) {
  if (!isModerator(state.me) || !message.channel.startsWith("room:")) return null;
  const button = el("button", {
    className: "link-btn small-link",
    text: "Remove",
    attrs: { type: "button", "aria-label": `Remove this message from ${message.senderHandle} for everyone`, "data-testid": "message-mod-remove" },
  });
  button.addEventListener("click", async () => {
    const ok = await confirmDialog({
      title: "Remove this message?",
      text: `The message from ${message.senderHandle} is removed for everyone in the room: its text is erased from the room's history. Reports that quoted it keep their copy for the moderators.`,
      ok: "Remove message",
      cancel: "Keep it",
    });
    if (!ok) {
      button.focus();
      return;
    }
    button.disabled = true;
    try {
      await invoke("RemoveRoomMessage", { room: message.channel.slice("room:".length), seq: Number(message.seq) });
      announce("The message was removed.");
      $("composer-text")?.focus();
    } catch (err) {
      button.disabled = false;
      announce(describeError(err).text);
      showNotice(describeError(err).text);
    }
  });
  return button;
}

function pendingNode(item) {
  const failed = item.status === "failed";
  const children = [
    el("span", { className: "who", text: "You" }),
    el("p", { className: "text", text: item.text, attrs: { "data-testid": "message-text", dir: "auto" } }),
  ];
  if (failed) {
    const retry = () => {
      outbox.retry(item.clientMessageId);
      renderChannelAdditions(item.channel);
      outbox.flush();
    };
    children.push(
      el("span", { className: "state failed-note", text: `Not sent: ${item.error || "please try again."}` }),
      el("div", { className: "actions" }, [
        item.final ? null : el("button", { className: "link-btn", text: "Try again", attrs: { type: "button" }, on: { click: retry } }),
        el("button", { className: "link-btn", text: "Remove", attrs: { type: "button" }, on: { click: () => outbox.remove(item.channel, item.clientMessageId) } }),
      ]),
    );
  } else {
    children.push(el("span", { className: "state", text: state.connected ? "Sending…" : "Waiting for connection — will send automatically" }));
  }
  return el("li", {
    className: `msg mine ${failed ? "failed" : "pending"}`,
    attrs: { "data-testid": "message", "data-cmid": item.clientMessageId, "data-state": failed ? "failed" : "pending" },
  }, children);
}

export function renderOutboxStates() {
  if (state.openChannel) renderChannelAdditions(state.openChannel);
}

function renderTyping() {
  const node = $("typing");
  const ch = state.openChannel ? channelState(state.openChannel) : null;
  node.textContent = ch && ch.typingHandle ? `${ch.typingHandle} is typing…` : "";
}

// ---------------------------------------------------------------------------
// Composer

let lastTypingSent = { channel: null, at: 0 };

/** Characters as the server counts them (code points, so an emoji is one). */
export const MESSAGE_LIMIT = 4000;
const characters = (text) => Array.from(text).length;

/** Under the composer: the usual hint, or how far over the limit a pasted text is (nothing is cut off silently). */
function renderComposerLength() {
  const hint = $("composer-hint");
  const over = characters($("composer-text").value.trim()) - MESSAGE_LIMIT;
  hint.classList.toggle("field-error", over > 0);
  const text = over > 0
    ? `${over.toLocaleString()} ${over === 1 ? "character" : "characters"} over the ${MESSAGE_LIMIT.toLocaleString()} limit: shorten it or send it in parts.`
    : "Enter sends. Shift+Enter starts a new line.";
  // A live region: set only when it changes, not on every keystroke.
  if (hint.textContent !== text) hint.textContent = text;
}

export function onComposerInput() {
  renderComposerLength();
  const channel = state.openChannel;
  if (!channel || !state.connected || !$("composer-text").value.trim()) return;
  const now = Date.now();
  if (lastTypingSent.channel === channel && now - lastTypingSent.at < TYPING_SEND_EVERY_MS) return;
  lastTypingSent = { channel, at: now };
  invoke("Typing", channel).catch(() => { /* best effort */ });
}

export function submitComposer(event) {
  event.preventDefault();
  const box = $("composer-text");
  const text = box.value.replace(/[^\S\n\t]+$/g, "").replace(/^\s+/, "");
  if (!text.trim() || !state.openChannel) return;
  if (characters(text.trim()) > MESSAGE_LIMIT) {
    renderComposerLength();
    return showNotice(`That message is too long. Please split it into parts of up to ${MESSAGE_LIMIT.toLocaleString()} characters.`);
  }
  box.value = "";
  renderComposerLength();
  lastTypingSent = { channel: null, at: 0 };
  const item = outbox.add(state.openChannel, text.trim());
  renderChannelAdditions(item.channel);
  outbox.flush();
  box.focus();
}

export function onComposerKey(event) {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $("composer").requestSubmit();
  }
}
