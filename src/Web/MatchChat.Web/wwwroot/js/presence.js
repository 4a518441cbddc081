// presence.js: whether the other person in an open conversation is still there (PeerPresence, an addition to the
// contract). A peer whose last connection went is shown as away only after AWAY_AFTER_MS, so a reload or a short
// network blip does not flicker; when they come back (or a message or typing from them arrives) the note goes. After
// this page's own reconnection it forgets what it heard and takes the state from ListConversations (`peerOnline` of
// each open conversation, an addition). Messages sent meanwhile are stored either way.
import { $ } from "./dom.js";
import { state } from "./store.js";
import { announce } from "./views.js";

export const AWAY_AFTER_MS = 8000;

/** conversationId → { handle, shown, timer } for peers whose last connection went. */
const away = new Map();

/** Conversations whose peer this page heard of live (an event, a message, typing) since its last (re)connection. */
const heardLive = new Set();

/**
 * `peerOnline` from `ListConversations` after a (re)connection: `false` is taken as a `PeerPresence(false)`, unless
 * something live about that peer arrived since the reconnection (the list may have been read before their return).
 */
export function onListedPresence({ conversationId, peerHandle, peerOnline, endedAt }) {
  if (endedAt || peerOnline !== false || heardLive.has(conversationId)) return;
  applyPresence({ conversationId, handle: peerHandle, online: false });
}

export function onPeerPresence(presence) {
  heardLive.add(presence.conversationId);
  applyPresence(presence);
}

function applyPresence({ conversationId, handle, online }) {
  const current = away.get(conversationId);
  if (online) {
    if (!current) return;
    clearTimeout(current.timer);
    away.delete(conversationId);
    if (current.shown) {
      renderPeerAway();
      if (isOpen(conversationId)) announce(`${handle} is back.`);
    }
    return;
  }
  if (current) return;
  const entry = { handle, shown: false, timer: null };
  entry.timer = setTimeout(() => {
    entry.shown = true;
    renderPeerAway();
    const conversation = state.conversations.get(conversationId);
    if (isOpen(conversationId) && conversation && !conversation.endedAt) announce(awayText(handle));
  }, AWAY_AFTER_MS);
  away.set(conversationId, entry);
}

/** Something from the peer arrived (a message, typing): they are here, whatever this page last heard. */
export function peerIsHere(conversationId) {
  heardLive.add(conversationId);
  const current = away.get(conversationId);
  if (!current) return;
  clearTimeout(current.timer);
  away.delete(conversationId);
  if (current.shown) renderPeerAway();
}

/** After this page's own reconnection: what it heard before may be stale (a return it missed), so it forgets it. */
export function forgetPeerPresence() {
  heardLive.clear();
  for (const entry of away.values()) clearTimeout(entry.timer);
  away.clear();
  renderPeerAway();
}

const isOpen = (conversationId) => state.openChannel === `conversation:${conversationId}`;

const awayText = (handle) => `${handle} seems to have lost their connection. Your messages are kept, and they will see them when they are back.`;

/** The note under the open conversation: shown while its peer has been away a while and the conversation is open. */
export function renderPeerAway() {
  const note = $("chat-peer-away");
  const open = state.openChannel && state.openChannel.startsWith("conversation:") ? state.openChannel.slice("conversation:".length) : null;
  const conversation = open && state.conversations.get(open);
  const entry = open && away.get(open);
  const show = !!(conversation && !conversation.endedAt && entry && entry.shown);
  note.hidden = !show;
  note.textContent = show ? awayText(entry.handle) : "";
}
