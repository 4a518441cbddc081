// "Your chats": conversations, the chat list, opening and closing a chat, ending a conversation.
import { $, el, clear, PALETTE, initials, tagLabel } from "./dom.js";
import { describeError } from "./errors.js";
import { state, load, save } from "./store.js";
import { invoke } from "./connection.js";
import { getChannel, catchUp } from "./channels.js";
import { showView, showNotice, announce, topicTitle, updateTitle, confirmDialog } from "./views.js";
import { roomCount } from "./rooms.js";
import { refreshMe } from "./listen.js";
import { onSeekerMatched } from "./talk.js";
import { afterStored, renderOpenChat, renderChannelAdditions } from "./messages.js";
import { needsCare, renderCareElsewhere, forgetPeerCare } from "./care.js";
import { renderPeerBio, acceptedOffer, forgetAcceptedOffer } from "./meaning.js";
import { renderNetwork } from "./network.js";
import { endedNote } from "./trust.js";

/** The channel record (channels.js) for `channel`, created on first use. */
export const channelState = (channel, extra) => getChannel(state.channels, channel, extra);

/** Fetches whatever this page is missing in `channel`, and shows it if the chat is open. */
export function catchUpChannel(channel) {
  const ch = channelState(channel);
  return catchUp(ch, (...args) => invoke("GetHistory", ...args), {
    onAdded: afterStored,
    onPage: () => renderChannelAdditions(channel),
  });
}

export function upsertConversation(c) {
  const existing = state.conversations.get(c.conversationId);
  // Why it ended is only told live (ConversationEnded.reason): remembered per member across reloads.
  const endReason = existing?.endReason ?? load("endReasons", {})?.[c.conversationId];
  // An end is final: a repeated Matched (sent again after a lost registration) does not reopen it.
  const endedAt = existing?.endedAt ?? c.endedAt ?? null;
  state.conversations.set(c.conversationId, { ...existing, ...c, endedAt, ...(endReason ? { endReason } : {}) });
  channelState(c.channel, { kind: "conversation", id: c.conversationId });
}

export function onMatched(conversation) {
  const isNew = !state.conversations.has(conversation.conversationId);
  upsertConversation(conversation);
  catchUpChannel(conversation.channel);
  if (conversation.role === "seeker") {
    onSeekerMatched(conversation, isNew);
  } else if (isNew && !conversation.endedAt) {
    announce(`New conversation with ${conversation.peerHandle}.`);
  }
  renderChatList();
  // A re-sent Matched may carry a listener's edited or removed bio.
  if (state.openChannel === conversation.channel) renderChatHeader();
  refreshMe();
}

export function onConversationEnded({ conversationId, endedBy, reason, endedAt }) {
  const c = state.conversations.get(conversationId);
  if (c) {
    c.endedAt = c.endedAt || endedAt || new Date().toISOString();
    c.endedBy = endedBy;
    c.peerBio = null;
    if (reason && reason !== "ended") {
      c.endReason = reason;
      rememberEndReason(conversationId, reason);
    }
  } else if (reason && reason !== "ended") {
    // An end that arrived before this page knew the conversation (its Matched comes after, with endedAt).
    rememberEndReason(conversationId, reason);
  }
  // The listener's copy of the offer's note goes with the conversation; an ended chat needs no care banner.
  forgetAcceptedOffer(conversationId);
  forgetPeerCare(conversationId);
  renderCareElsewhere();
  renderChatList();
  // "People you talked with" offers no "Add" for someone who deleted their data.
  if (state.view === "network") renderNetwork();
  if (c && state.openChannel === c.channel) {
    // Focus in the chat (the message box, which goes, or End) moves to the note, as when this member ends it; it fell
    // to the page's body when the peer ended it (an outside probe).
    const had = document.activeElement;
    const inChat = !!had && had !== document.body && $("chat").contains(had);
    renderOpenChat();
    if (inChat && (document.activeElement === document.body || !had.isConnected || !had.getClientRects().length)) showEndNotice();
  }
  // Said as the note under the chat says it (an outside probe heard "X ended the conversation" for a suspension or a
  // deletion, and a member being suspended heard it of the peer who had reported them: their page is closing anyway).
  if (c && endedBy !== state.session.handle && reason !== "blocked" && !state.suspended) {
    announce(endedNote({ reason: c.endReason ?? reason, endedBy, peer: c.peerHandle, me: state.session.handle, role: c.role }));
  }
  refreshMe();
}

export function rememberEndReason(conversationId, reason) {
  const saved = load("endReasons", {}) || {};
  saved[conversationId] = reason;
  const keys = Object.keys(saved);
  for (const key of keys.slice(0, Math.max(0, keys.length - 50))) delete saved[key];
  save("endReasons", saved);
}

/** Conversations (active first, newest first), then joined rooms. */
export function followedChannels() {
  const items = [];
  const conversations = [...state.conversations.values()].sort((a, b) => {
    if (!a.endedAt !== !b.endedAt) return a.endedAt ? 1 : -1;
    return Date.parse(b.startedAt) - Date.parse(a.startedAt);
  });
  for (const c of conversations) items.push(c.channel);
  for (const slug of state.joinedRooms) items.push(`room:${slug}`);
  return items;
}

export function channelTitle(ch) {
  if (ch.kind === "room") {
    const room = state.rooms.get(ch.id);
    return room ? `${room.title} room` : `${ch.id} room`;
  }
  const c = state.conversations.get(ch.id);
  return c ? c.peerHandle : "Conversation";
}

function channelSubtitle(ch) {
  if (ch.kind === "room") {
    const room = state.rooms.get(ch.id);
    return `Room · ${roomCount(room)}`;
  }
  const c = state.conversations.get(ch.id);
  if (!c) return "";
  const role = c.role === "listener"
    ? `You're listening${acceptedOffer(c.conversationId)?.teen ? " to a teen (13 to 17)" : ""}`
    : "Your listener";
  const shared = c.sharedExperiences && c.sharedExperiences.length ? ` · both know: ${c.sharedExperiences.map(tagLabel).join(", ")}` : "";
  return `${role} · ${topicTitle(c.topic)}${c.endedAt ? " · ended" : ""}${shared}`;
}

export function renderChatList() {
  const list = $("chat-list");
  clear(list);
  let unread = 0;
  for (const channel of followedChannels()) {
    const ch = channelState(channel);
    unread += ch.unread;
    const ended = ch.kind === "conversation" && state.conversations.get(ch.id)?.endedAt;
    const label = channelTitle(ch);
    const button = el("button", {
      className: `chat-item${ended ? " ended" : ""}`,
      attrs: { type: "button", "aria-current": state.openChannel === channel ? "true" : "false", "data-testid": "chat-item", "data-channel": channel },
      style: { "--chat-color": colourFor(channel) },
      on: { click: () => { openChannel(channel); } },
    }, [
      el("span", { className: "avatar", text: ch.kind === "room" ? "#" : initials(label), attrs: { "aria-hidden": "true" } }),
      el("span", { className: "meta" }, [
        el("span", { className: "name", text: label }),
        el("span", { className: "sub", text: channelSubtitle(ch) }),
      ]),
      ch.kind === "conversation" && needsCare(ch.id)
        ? el("span", { className: "badge care-mark", text: "needs care", attrs: { "data-testid": "chat-care-mark", "aria-label": `needs care: ${label} may be going through a very hard time` } })
        : null,
      ch.unread ? el("span", { className: "badge", text: ch.unread, attrs: { "aria-label": `${ch.unread} unread` } }) : null,
    ]);
    list.append(el("li", {}, [button]));
  }
  $("chat-list-empty").hidden = list.children.length > 0;
  const badge = $("chats-badge");
  badge.hidden = unread === 0;
  badge.textContent = unread ? String(unread) : "";
  badge.setAttribute("aria-label", `${unread} unread`);
  updateTitle(unread);
  // Conversations known again after a reload bring back their care alert (the guidance is kept: care.js).
  renderCareElsewhere();
}

export function openChannel(channel, { focus = true } = {}) {
  state.openChannel = channel;
  sessionStorage.setItem("matchchat.openChannel", channel);
  const ch = channelState(channel);
  ch.unread = 0;
  if (state.view !== "chats") showView("chats", { focus: false });
  $("view-chats").classList.add("has-open-chat");
  $("chat").hidden = false;
  renderOpenChat();
  renderChatList();
  if (!ch.loaded && state.connected) catchUpChannel(channel).then(() => state.openChannel === channel && renderOpenChat());
  if (focus) $("chat-title").focus();
  // On a phone held upright, or on its side, the chat is one screen tall (small-screens.css): brought to the top, its
  // composer is on screen.
  if (window.matchMedia?.(PHONE_CHAT).matches) $("chat").scrollIntoView({ block: "start" });
}

const PHONE_CHAT = "(max-width: 519px) and (min-height: 701px), (max-height: 500px)";

export function closeChannel() {
  state.openChannel = null;
  sessionStorage.removeItem("matchchat.openChannel");
  $("chat").hidden = true;
  $("view-chats").classList.remove("has-open-chat");
  renderChatList();
  renderCareElsewhere();
}

export function renderChatHeader() {
  const ch = channelState(state.openChannel);
  const colour = colourFor(ch.channel);
  $("chat").style.setProperty("--chat-color", colour);
  const avatar = $("chat-avatar");
  avatar.style.setProperty("--chat-color", colour);
  avatar.textContent = ch.kind === "room" ? "#" : initials(channelTitle(ch));
  $("chat-title").textContent = channelTitle(ch);
  $("chat-subtitle").textContent = channelSubtitle(ch);
  renderPeerBio(ch.kind === "conversation" ? state.conversations.get(ch.id) : null);
}

/**
 * Each chat gets its own colour, handed out in the order chats appear and remembered, so open
 * conversations never share one (up to ten) and keep it after a reload.
 */
function colourFor(channel) {
  if (!state.colours) state.colours = load("colours", null) || {};
  if (state.colours[channel] === undefined) {
    const inUse = new Set(followedChannels().filter((c) => c !== channel).map((c) => state.colours[c]));
    const taken = Object.values(state.colours);
    // Prefer a colour no followed chat uses; among those, the least used so far.
    const candidates = PALETTE.map((_, i) => i).filter((i) => !inUse.has(i));
    const pool = candidates.length ? candidates : PALETTE.map((_, i) => i);
    const index = pool.reduce((best, i) => (taken.filter((t) => t === i).length < taken.filter((t) => t === best).length ? i : best), pool[0]);
    state.colours[channel] = index;
    save("colours", state.colours);
  }
  return PALETTE[state.colours[channel]];
}

/**
 * After this member ended the open conversation: the notice that says so (and "Say thanks" under it) brought into view,
 * and focus on the notice. They sit under the messages: on a phone both were below the fold while focus went back up
 * to the peer's name (an outside browser probe).
 */
function showEndNotice() {
  const note = $("chat-ended");
  const thanks = $("thanks-prompt");
  (thanks.hidden ? note : thanks).scrollIntoView({ block: "nearest" });
  note.scrollIntoView({ block: "nearest" });
  note.focus({ preventScroll: true });
}

export async function endOpenConversation() {
  const ch = channelState(state.openChannel);
  const c = state.conversations.get(ch.id);
  if (!c) return;
  // While the care note about this person is up, the listener hears what a hand-over needs, not only that ending is okay
  // (an outside probe: the same words right after the peer wrote of killing themself).
  const caring = needsCare(c.conversationId);
  const ok = await confirmDialog({
    title: "End this conversation?",
    text: caring
      ? `${c.peerHandle} may be in crisis. If you can, stay a little longer, or make sure they have the crisis lines from the note above before you go: a moderator knows. If you need to stop, it's okay to end the chat.`
      : `You won't be able to send more messages to ${c.peerHandle}. It's okay to end a chat whenever you need to.`,
    ok: "End conversation",
    cancel: "Keep talking",
  });
  if (!ok) return $("chat-end").focus();
  try {
    await invoke("EndConversation", c.conversationId);
    c.endedAt = c.endedAt || new Date().toISOString();
    c.endedBy = c.endedBy || state.session.handle;
    renderOpenChat();
    renderChatList();
    refreshMe();
    showEndNotice();
  } catch (err) {
    showNotice(describeError(err).text);
  }
}
