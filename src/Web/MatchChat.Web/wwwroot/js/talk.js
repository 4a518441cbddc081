// Seeker: "Talk to someone". The open request is kept by its requestId (requests.js explains how a
// match is recognised, live or after the page was away).
import { $, formatWait, parseTags, refocus } from "./dom.js";
import { describeError } from "./errors.js";
import { state, save } from "./store.js";
import { invoke } from "./connection.js";
import { isOpen, isClosedStatus, nextTicket, seekerConversationIds, conversationFor, bind } from "./requests.js";
import { showView, showNotice, fieldError, clearFieldError, announce, topicTitle, noteMatch } from "./views.js";
import { openChannel } from "./chats.js";
import { withSupportKind, clearSupportKind } from "./support.js";
import { noteProgress, currentPlace, nobodyAvailable, forgetProgress } from "./queue.js";
import { renderWaitHelp } from "./wait-help.js";

/** The newest QueueProgress per topic and priority (queue.js); memory only: a reconnect's GetMe gives a fresh ticket. */
const progress = new Map();

export function onQueueProgress(update) {
  if (noteProgress(progress, update) && state.ticket && state.ticket.topic === update.topic) renderTalk();
}

/** Keeps `ticket` (a QueueTicket) as the open request, or forgets it (null). */
export function setTicket(ticket, knownIds = seekerConversationIds(state.conversations.values())) {
  // A new request: the broadcasts heard for an earlier one (the page left the topic's group since) may be stale.
  if (ticket && ticket.requestId !== state.ticket?.requestId) forgetProgress(progress, ticket.topic);
  state.ticket = ticket ? nextTicket(state.ticket, ticket, knownIds) : null;
  save("ticket", state.ticket);
}

function bindRequest(requestId, conversationId) {
  state.requests = bind(state.requests, requestId, conversationId);
  save("requests", state.requests);
}

export function onQueueUpdated(ticket) {
  if (state.ticket && ticket.requestId !== state.ticket.requestId && !isOpen(ticket)) return;
  if (state.requests[ticket.requestId]) {
    // Already answered by a conversation we opened: nothing is waiting any more.
    if (state.ticket && state.ticket.requestId === ticket.requestId) setTicket(null);
  } else if (ticket.status === "expired") {
    setTicket(null);
    showNotice("We couldn't find a listener in time. That's not about you: please try again whenever you're ready.");
  } else if (ticket.status === "matched" && state.ticket && state.ticket.requestId === ticket.requestId) {
    // Keep the requestId until its conversation is known (Matched, or ListConversations after a reconnect).
    setTicket(ticket);
    resolveTicket(state.conversations.values(), { open: false });
  } else if (isClosedStatus(ticket.status)) {
    setTicket(null);
  } else {
    setTicket(ticket);
  }
  renderTalk();
}

/**
 * The seeker side of `Matched`. The conversation answers the open request if it is the one
 * `conversationFor` recognises for the ticket's requestId; then the ticket is done.
 */
export function onSeekerMatched(conversation, isNew) {
  // Only a match new to this page counts (a node re-sends Matched for open conversations after a lost registration),
  // and only one that names no request: one that does is recognised by its requestId (submitTalk).
  if (isNew && !conversation.requestId) state.seekerMatches++;
  const ticket = state.ticket;
  const answers = !!ticket && !!conversationFor(ticket, [conversation], state.requests);
  if (answers) {
    bindRequest(ticket.requestId, conversation.conversationId);
    setTicket(null);
  }
  renderTalk();
  // A conversation that ended before this page heard it started answers the request, but is not opened.
  if (isNew && conversation.endedAt) {
    showNotice(`Your conversation with ${conversation.peerHandle} ended before it opened here. You can ask again whenever you're ready.`);
  } else if (isNew && !answers && isOpen(state.ticket) && conversation.requestId) {
    // An older conversation of theirs that this page learns of only now, while their request still waits: they are
    // told, and stay in line.
    showNotice(`Your earlier conversation with ${conversation.peerHandle} is still open: you'll find it in your chats.`);
  } else if (isNew) {
    announce(`You're connected with ${conversation.peerHandle}.`);
    showView("chats", { focus: false });
    openChannel(conversation.channel);
    noteMatch();
  }
}

/**
 * After ListConversations: a request we were waiting on may have been matched while this page was
 * closed or offline. If so, forget the ticket and (if still going) open the conversation.
 */
export function resolveTicket(conversations, { open = true } = {}) {
  const ticket = state.ticket;
  const conversation = conversationFor(ticket, conversations, state.requests);
  if (!conversation) return false;
  bindRequest(ticket.requestId, conversation.conversationId);
  setTicket(null);
  renderTalk();
  if (open && !conversation.endedAt) {
    showView("chats", { focus: false });
    openChannel(conversation.channel, { focus: false });
    noteMatch();
  }
  return true;
}

/** After this long offered, the page stops saying "a few seconds". */
const OFFER_SLOW_MS = 10_000;
let offered = { requestId: null, since: 0, timer: null };

/** When this page first saw the request offered (re-rendered once it has been a while). */
function offeredSince(ticket) {
  if (offered.requestId !== ticket.requestId) {
    clearTimeout(offered.timer);
    offered = { requestId: ticket.requestId, since: Date.now(), timer: setTimeout(renderTalk, OFFER_SLOW_MS + 50) };
  }
  return offered.since;
}

/** While a request waits, what it says is read again every 15 s: a stall grows between the queue's broadcasts. */
let waitClock = null;

export function renderTalk() {
  const ticket = isOpen(state.ticket) ? currentPlace(state.ticket, progress) : null;
  if (ticket && !waitClock) waitClock = setInterval(renderTalk, 15_000);
  else if (!ticket && waitClock) waitClock = void clearInterval(waitClock);
  $("talk-form").hidden = !!ticket;
  $("talk-waiting").hidden = !ticket;
  const nobody = !!ticket && ticket.status !== "offered" && nobodyAvailable(progress, ticket.topic, state.session?.ageGroup === "teen");
  renderWaitHelp(ticket, nobody);
  if (!ticket) return;
  const status = $("queue-status");
  if (ticket.status !== "offered" && offered.requestId) {
    clearTimeout(offered.timer);
    offered = { requestId: null, since: 0, timer: null };
  }
  const topic = topicTitle(ticket.topic);
  if (ticket.status === "offered") {
    // An offer waits up to half a minute for its listener: after a while the page says so, rather than "a few seconds".
    const since = offeredSince(ticket);
    status.textContent = Date.now() - since < OFFER_SLOW_MS
      ? `We've found a listener for "${topic}" and asked them to join. This usually takes a few seconds…`
      : `We've asked a listener for "${topic}" to join and are waiting for their answer. If they can't, we'll ask someone else — you keep your place.`;
  } else {
    const parts = [];
    parts.push(ticket.position ? `You're number ${ticket.position} in line for "${topic}".` : `You're in line for "${topic}".`);
    const wait = formatWait(ticket.estimatedWaitSeconds);
    if (nobody) {
      // Honest: nobody can take it now, so no estimate (an outside browser probe saw one that only grew).
      parts.push("No listener for this topic is available right now. You keep your place, and we'll connect you as soon as one is.");
    } else {
      // No estimate yet (a topic's first minutes, or a page that has heard nothing since it loaded): said plainly,
      // without implying that listeners are there and busy.
      parts.push(wait ? `Expected wait: ${wait}.` : "We're looking for a listener for this topic and will connect you as soon as one can take your request.");
    }
    // Unchanged text is not set again: the status is read out when it changes.
    const text = parts.join(" ");
    if (status.textContent !== text) status.textContent = text;
  }
}

export async function submitTalk(event) {
  event.preventDefault();
  const error = $("talk-error");
  clearFieldError(error, $("talk-form"));
  const topic = $("talk-topic").value;
  const note = withSupportKind($("talk-note").value.trim());
  if (!topic) return fieldError(error, "Please choose a topic.", $("talk-topic"));
  if (note.length > 500) return fieldError(error, "Please keep the note to 500 characters, with the kind of support you chose.", $("talk-note"));
  const request = { topic, experiences: parseTags($("talk-experiences").value), note: note || null };
  // Not connected: nothing would be sent, and nothing retries a request later. Said so plainly (an outside probe read
  // "We'll keep trying", and the error stayed after "Connected" with no request made).
  if (!state.connected) return notSent(error);
  const button = event.submitter || $("talk-form").querySelector("button[type=submit]");
  button.disabled = true;
  const matchesBefore = state.seekerMatches;
  // The seeker conversations that exist before this request: none of them can answer it.
  const known = seekerConversationIds(state.conversations.values());
  try {
    const ticket = await invoke("RequestListener", request);
    // Matched while the call was answered: a conversation naming this request, or (from a server that names none) any
    // new seeker match.
    const named = [...state.conversations.values()].some((c) => c.role === "seeker" && c.requestId === ticket.requestId);
    const alreadyMatched = named || state.seekerMatches !== matchesBefore || !!state.requests[ticket.requestId];
    // QueueUpdated may have told us more about this request while the call was answered.
    const newer = state.ticket && state.ticket.requestId === ticket.requestId && !isOpen(state.ticket);
    if (!alreadyMatched && !newer && isOpen(ticket)) setTicket(ticket, known);
    clearSupportKind();
    renderTalk();
    // The button that was pressed is hidden now: the waiting card's heading (its status line is read out politely).
    refocus("talk-waiting-title");
  } catch (err) {
    const e = describeError(err);
    if (e.code === "network" || !state.connected) notSent(error);
    else fieldError(error, e.text);
  } finally {
    button.disabled = false;
    // Disabled while it was sent, the button lost focus to the page: back to it when it is still there (refused).
    refocus(button);
  }
}

const NOT_SENT = "Your request was not sent: we can't reach MatchChat right now. Press \"Find a listener\" again once you're connected.";

function notSent(error) {
  fieldError(error, NOT_SENT);
  error.dataset.offline = "1";
}

/** Back online: the "not sent" error is no longer true of the connection (the person presses again). */
export function clearTalkOfflineError() {
  const error = $("talk-error");
  if (error.dataset.offline && error.textContent === NOT_SENT && !error.hidden) {
    error.hidden = true;
    announce("You're connected again. You can ask for a listener now.");
  }
  delete error.dataset.offline;
}

export async function cancelTalk() {
  const ticket = state.ticket;
  if (!isOpen(ticket)) return;
  try {
    await invoke("CancelRequest", ticket.requestId);
    setTicket(null);
    announce("You've stopped waiting. You can ask again whenever you like.");
  } catch (err) {
    const e = describeError(err);
    if (e.code === "not_found" || e.code === "conflict") setTicket(null);
    else showNotice(e.text);
  }
  renderTalk();
  refocus("talk-title");
}
