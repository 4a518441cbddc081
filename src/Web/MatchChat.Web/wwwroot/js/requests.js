// The seeker's open request, kept by its requestId, and which conversation answered it.
// Pure: no DOM, no SignalR.
//
// This server's seeker `Conversation` carries `requestId`, the request it answered (an addition to the
// contract, docs/PROTOCOL.md): when it is there, it alone decides (before any binding or list below). The contract's own `Matched(Conversation)`
// carries no requestId (nor do records stored before that addition); `QueueUpdated(QueueTicket)` does, and
// says `matched` for the request that was matched. A member has at most one open request. So:
// - the page keeps the open request's ticket (requestId, topic) and the seeker conversations it
//   already knew when the request was made (`knownConversations`);
// - `QueueUpdated {requestId, status: "matched"}` for that requestId marks the ticket matched;
// - the seeker conversation that answers it is one on the request's topic that the page did not
//   know when the request was made and that no other request is bound to; it is then bound to the
//   requestId (`bindings`, persisted), so the same match is never opened twice.
// This works the same live (Matched) and after the page was closed or offline (ListConversations).

/** Waiting or offered: the request is still open. */
export function isOpen(ticket) {
  return !!ticket && (ticket.status === "waiting" || ticket.status === "offered");
}

/** The terminal statuses of a QueueTicket. */
export function isClosedStatus(status) {
  return status === "matched" || status === "cancelled" || status === "expired";
}

/**
 * The ticket to keep after `update` (a QueueTicket from the server), given the one kept now.
 * Keeps `knownConversations` for the same requestId; a request new to this page records the
 * seeker conversations known now (`knownIds`).
 */
export function nextTicket(current, update, knownIds = []) {
  if (!update) return null;
  const same = current && current.requestId === update.requestId;
  return {
    ...update,
    knownConversations: same && Array.isArray(current.knownConversations) ? current.knownConversations : [...knownIds],
  };
}

/** Seeker conversation ids among `conversations` (an iterable). */
export function seekerConversationIds(conversations) {
  const ids = [];
  for (const c of conversations) if (c && c.role === "seeker") ids.push(c.conversationId);
  return ids;
}

/**
 * The conversation (from `conversations`) that answered `ticket`'s request, or null.
 * `bindings` maps requestId -> conversationId for matches already recognised.
 */
export function conversationFor(ticket, conversations, bindings = {}) {
  if (!ticket || !ticket.requestId) return null;
  const list = [...conversations];
  // A conversation that names this request answers it, whatever was bound or known before.
  const named = list.find((c) => c && c.role === "seeker" && c.requestId === ticket.requestId);
  if (named) return named;
  const bound = bindings[ticket.requestId];
  if (bound) return list.find((c) => c.conversationId === bound) || null;
  // A ticket saved by an older page has no list: it is only resolved by QueueUpdated.
  if (!Array.isArray(ticket.knownConversations)) return null;
  const known = new Set(ticket.knownConversations || []);
  const taken = new Set(Object.values(bindings));
  // One that names another request never answers this one.
  return list.find((c) => c && c.role === "seeker" && !c.requestId && c.topic === ticket.topic
    && !known.has(c.conversationId) && !taken.has(c.conversationId)) || null;
}

/** Records that `requestId` was answered by `conversationId`; keeps the newest `max` bindings. */
export function bind(bindings, requestId, conversationId, max = 20) {
  const next = { ...bindings };
  delete next[requestId];
  next[requestId] = conversationId;
  const keys = Object.keys(next);
  for (const key of keys.slice(0, Math.max(0, keys.length - max))) delete next[key];
  return next;
}
