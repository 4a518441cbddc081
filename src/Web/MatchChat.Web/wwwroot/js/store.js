// The page's one shared state, and per-member persistence. No DOM, no SignalR.
import { storage } from "./storage.js";

export const state = {
  session: null,            // { memberId, handle, ageGroup, token, expiresAt }
  me: null,                 // Member from GetMe()
  topics: [],               // topics this member may see
  rooms: new Map(),         // slug -> Room
  joinedRooms: new Set(),   // slugs (persisted)
  conversations: new Map(), // conversationId -> Conversation
  channels: new Map(),      // channel -> channel record (channels.js)
  ticket: null,             // the open request's QueueTicket + knownConversations (persisted; requests.js)
  requests: {},             // requestId -> conversationId that answered it (persisted; requests.js)
  offers: new Map(),        // offerId -> { offer, timer, node } (offers persisted)
  colours: null,            // channel -> palette index (persisted)
  openChannel: null,
  view: null,
  connection: null,
  connected: false,
  lastRetryReason: null,
  seekerMatches: 0,
  blocked: new Map(),       // handle -> blockedAt (ListBlocked; trust.js)
  reports: new Map(),       // reportId -> Report (moderators only; moderation-model.js)
  reportFilter: "open",
  leaving: false,           // "Delete my data" is under way or done: the page no longer reconnects
};

/** Reads `name` from this member's saved state (localStorage). */
export function load(name, fallback) {
  return state.session ? storage.load(state.session.memberId, name, fallback) : fallback;
}

/** Saves `name` for this member; does nothing before a session exists. */
export function save(name, value) {
  if (!state.session) return;
  // Another tab deleted this member's data and wiped what the browser kept: nothing of theirs is written again (an
  // outside probe found an end reason, with the member's and a conversation's ids, saved after the wipe).
  if (storage.loadSession()?.memberId !== state.session.memberId) return;
  storage.save(state.session.memberId, name, value);
}

/** True when the message was sent by this member. */
export function isMine(message) {
  return !!state.session && message.senderHandle === state.session.handle;
}
