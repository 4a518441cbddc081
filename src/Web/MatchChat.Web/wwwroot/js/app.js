// MatchChat browser client. Plain ES modules, no framework.
// Contract: docs/PROTOCOL.md (hub at /hubs/chat, camelCase JSON).
//
// This entry module starts the page and wires the others together:
//   store.js       the one shared state and per-member persistence
//   session.js     identity and token          connection.js  SignalR, reconnect, status line
//   channels.js    seq bookkeeping (pure)      outbox.js      pending sends, retries (pure)
//   requests.js    the open request by requestId (pure)
//   talk.js        seeker                      listen.js      listener profile and offers
//   rooms.js       rooms                       chats.js       conversations and the chat list
//   messages.js    the open chat and composer  views.js       views, notices, dialogs
//   trust.js       report/block/ended rules (pure)   report.js  the report dialog
//   blocks.js      block, unblock, blocked list      deletion.js "Delete my data"
//   standing.js    a suspension or ban: why, until when; the token is kept
//   moderation-alerts.js  crisis alerts in the console
//   care.js        crisis care cards, "Help now", urgent offers; care-pin.js keeps the other-chat care alert in sight
//   network.js     trusted contacts           checkins.js    check-ins, CheckInDue, "Ask again"
//   moderation-model.js  console rules (pure)  moderation.js / moderation-tools.js  the moderator console
//   appeal.js      a suspended member asks for a review   moderation-appeals.js  appeals in the console
//   quick-exit.js  "Leave quickly"             offer-bar.js   an offer or its expiry kept in sight during a chat
//   reading.js     reading back in a chat: "New messages", focus after "Show earlier messages"
import { $, refocus } from "./dom.js";
import { describeError, errorMessage } from "./errors.js";
import { state, load } from "./store.js";
import { restoreSession, createMember, takePendingNotice, keepSessionFresh } from "./session.js";
import { connect, invoke } from "./connection.js";
import { VIEWS, showView, showWelcome, showNotice, fieldError, clearFieldError, renderTopicControls, onWarned, viewHooks } from "./views.js";
import { renderTalk, submitTalk, cancelTalk, onQueueUpdated, onQueueProgress, resolveTicket, clearTalkOfflineError } from "./talk.js";
import { renderListener, submitListener, toggleAvailable, addOffer, persistOffers, onOfferWithdrawn, refreshMe, clearListenOfflineNotice, keepListenerStats } from "./listen.js";
import { renderRooms, refreshRooms, rejoinRooms, onRoomUpdated, leaveRoom } from "./rooms.js";
import { channelState, catchUpChannel, upsertConversation, onMatched, onConversationEnded, renderChatList, openChannel, closeChannel, endOpenConversation } from "./chats.js";
import { openReport, wireReportDialog } from "./report.js";
import { blockPerson, refreshBlocked } from "./blocks.js";
import { wireDeletion } from "./deletion.js";
import { renderModeratorAccess, onMemberUpdated, onReportFiled, loadReports, wireModeration } from "./moderation.js";
import { wireModerationTools } from "./moderation-tools.js";
import { onCrisisResources, onPeerNeedsCare, prunePeerCare, wireCare, showLocalCrisisLine } from "./care.js";
import { onAlertUpdated, onCrisisAlert } from "./moderation-alerts.js";
import { onThanked, wireGratitude } from "./gratitude.js";
import { wireGuide } from "./guide.js";
import { refreshNetwork, wireNetwork, onPeerDeleted } from "./network.js";
import { onMutedInRoom } from "./room-mutes.js";
import { onCheckInDue, refreshCheckIns, wireCheckIns } from "./checkins.js";
import { wireSuggestions } from "./suggest.js";
import { onSuspended, wireStanding } from "./standing.js";
import { outbox, startOutboxTimer, onMessage, onMessagesRedacted, onMessageRemoved, onPeerTyping, renderOpenChat, renderOutboxStates, submitComposer, onComposerKey, onComposerInput } from "./messages.js";
import { onPeerPresence, onListedPresence, forgetPeerPresence } from "./presence.js";
import { wireQuickExit } from "./quick-exit.js";
import { wireOfferBar } from "./offer-bar.js";
import { wireNewBelow } from "./reading.js";
import { wireChatAbout } from "./meaning.js";
import { wireArrival } from "./arrival.js";
import { wireWaitHelp } from "./wait-help.js";
import { isModerator } from "./trust.js";

// ---------------------------------------------------------------------------
// Start

document.addEventListener("DOMContentLoaded", () => {
  wireStaticUi();
  const pendingNotice = takePendingNotice();
  if (pendingNotice) showNotice(pendingNotice);
  const { session, expired } = restoreSession();
  if (session) {
    beginSession(session);
  } else {
    if (expired) showNotice("Your anonymous session has ended. Choose below to start a new one.");
    showWelcome();
  }
});

startOutboxTimer();

async function loadTopics() {
  const response = await fetch("/api/topics", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`topics: ${response.status}`);
  const all = await response.json();
  const age = state.session.ageGroup;
  state.topics = all.filter((t) => t.audience === "all" || t.audience === age);
}

async function beginSession(session) {
  state.session = session;
  keepSessionFresh();
  state.joinedRooms = new Set(load("rooms", []));
  for (const item of outbox.restore()) channelState(item.channel);
  state.ticket = load("ticket", null);
  state.requests = load("requests", {}) || {};

  $("my-handle").textContent = session.handle;
  $("identity").hidden = false;
  $("main-nav").hidden = false;

  try {
    await loadTopics();
  } catch {
    showNotice("We couldn't load the list of topics. Please reload the page in a moment.");
  }
  renderTopicControls();
  // Offers still open when the page was reloaded (expired ones are dropped by addOffer).
  for (const offer of load("offers", [])) addOffer(offer, { persist: false });
  persistOffers();
  renderTalk();
  renderListener();
  renderChatList();

  const saved = sessionStorage.getItem("matchchat.view");
  // A fresh tab (nothing saved in it) goes back to an open conversation once the server lists one (first resync).
  returnToOpenChat = !saved;
  const savedChannel = sessionStorage.getItem("matchchat.openChannel");
  if (savedChannel && (state.joinedRooms.has(savedChannel.replace(/^room:/, "")) || savedChannel.startsWith("conversation:"))) {
    state.openChannel = savedChannel;
  }
  showView(VIEWS.includes(saved) ? saved : "talk", { focus: false });
  // A moderator reloading the console: their roles are not known yet, so it waits for GetMe (resync).
  backToConsole = saved === "moderate" && state.view !== "moderate";
  if (state.openChannel) openChannel(state.openChannel, { focus: false });

  connect({
    handlers: {
      QueueUpdated: onQueueUpdated,
      QueueProgress: onQueueProgress,
      OfferReceived: (offer) => addOffer(offer, { announce: true }),
      OfferWithdrawn: onOfferWithdrawn,
      Matched: onMatched,
      MessageReceived: onMessage,
      MessagesRedacted: (redacted) => { onMessagesRedacted(redacted); onPeerDeleted(redacted); },
      MessageRemoved: onMessageRemoved,
      MutedInRoom: (muted) => onMutedInRoom(muted, renderOpenChat),
      PeerTyping: onPeerTyping,
      ConversationEnded: onConversationEnded,
      PeerPresence: onPeerPresence,
      RoomUpdated: onRoomUpdated,
      CrisisResources: onCrisisResources,
      PeerNeedsCare: onPeerNeedsCare,
      CrisisAlert: onCrisisAlert,
      AlertUpdated: onAlertUpdated,
      Warned: onWarned,
      Suspended: onSuspended,
      MemberUpdated: (member) => onMemberUpdated(keepListenerStats(member)), // also this member's change in another tab
      ReportFiled: onReportFiled,
      Thanked: onThanked,
      CheckInDue: onCheckInDue,
    },
    onConnected: resync,
    onReconnecting: renderOutboxStates,
  });
}

let returnToOpenChat = false;
let backToConsole = false;

/** After every (re)connection: refresh what we know and fetch whatever was missed, by seq. */
async function resync() {
  forgetPeerPresence();
  clearTalkOfflineError();
  try {
    state.me = await invoke("GetMe");
    renderListener();
    clearListenOfflineNotice();
    renderModeratorAccess();
    // Back to the console after a reload (it landed on "Talk to someone": an outside probe), unless they moved on.
    if (backToConsole && state.view === "talk" && isModerator(state.me)) showView("moderate", { focus: false });
  } catch (err) {
    if (!describeError(err).transient) showNotice(describeError(err).text);
  } finally {
    // Only the first answer after the reload decides (a review: a later reconnect pulled a moderator off "Talk").
    backToConsole = false;
  }

  try {
    const conversations = await invoke("ListConversations");
    for (const c of conversations) upsertConversation(c);
    prunePeerCare(conversations);
    // A peer who was already away when this page (re)connected: shown as for a live PeerPresence (after a few seconds).
    for (const c of conversations) onListedPresence(c);
    // A request we were waiting on may have been matched while this page was closed or offline.
    resolveTicket(conversations);
    // Reopened during a conversation: back to it (an outside probe landed on "Talk to someone" with no sign of it).
    const active = returnToOpenChat && !state.openChannel && conversations.find((c) => !c.endedAt);
    returnToOpenChat = false;
    if (active) openChannel(active.channel, { focus: false });
  } catch { /* next resync */ }

  await refreshBlocked();
  await rejoinRooms();
  renderRooms();
  renderChatList();

  // Send what is still pending first (same clientMessageId: the server answers the original if it
  // already stored it), then catch up every channel we follow by seq. Duplicates are dropped by seq.
  await outbox.flush();

  // Catch up every channel we follow: joined rooms and conversations (active or recently ended).
  const channels = new Set();
  for (const c of state.conversations.values()) {
    // Ended conversations get no new messages: load them only when opened.
    if (!c.endedAt || channelState(c.channel).loaded) channels.add(c.channel);
  }
  for (const slug of state.joinedRooms) channels.add(`room:${slug}`);
  if (state.openChannel) channels.add(state.openChannel);
  for (const channel of channels) await catchUpChannel(channel);

  if (state.openChannel) renderOpenChat();
  outbox.flush();
  loadReports();
  refreshCheckIns();
}

// ---------------------------------------------------------------------------
// Static controls

function wireStaticUi() {
  wireQuickExit();
  wireOfferBar();
  wireNewBelow();
  wireChatAbout();
  wireArrival();
  wireWaitHelp();
  $("notice-close").addEventListener("click", () => {
    $("notice").hidden = true;
    // Focus was on the notice or its Dismiss: back to the chat, else the page's main part (not to <body>: a review).
    refocus("composer-text", "chat-title", "main");
  });

  $("welcome-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = $("welcome-error");
    clearFieldError(error, $("welcome-form"));
    const choice = document.querySelector('input[name="ageGroup"]:checked');
    if (!choice) return fieldError(error, "Please choose your age group.", document.querySelector('input[name="ageGroup"]'));
    const button = event.submitter || $("welcome-form").querySelector("button");
    button.disabled = true;
    try {
      const member = await createMember(choice.value);
      $("notice").hidden = true;
      await beginSession(member);
      showView("talk");
    } catch (err) {
      // "rate_limited: Too many new members…" was shown with its code: the sentence only.
      fieldError(error, errorMessage(err) || "We couldn't start your session. Please try again.");
    } finally {
      button.disabled = false;
      // Disabled while it was sent, the button lost focus to the page: back to it, to try again.
      refocus(button);
    }
  });

  for (const button of document.querySelectorAll(".nav-btn")) {
    button.addEventListener("click", () => {
      backToConsole = false;
      showView(button.dataset.view);
    });
  }

  $("talk-form").addEventListener("submit", submitTalk);
  $("talk-cancel").addEventListener("click", cancelTalk);
  wireSuggestions();
  $("talk-note").addEventListener("input", () => {
    $("talk-note-count").textContent = `${$("talk-note").value.length} of 500 characters`;
  });
  $("talk-topic").addEventListener("change", () => {
    const t = state.topics.find((x) => x.slug === $("talk-topic").value);
    $("talk-topic-desc").textContent = t ? t.description : "";
  });

  $("listen-form").addEventListener("submit", submitListener);
  $("available-switch").addEventListener("click", toggleAvailable);

  $("composer").addEventListener("submit", submitComposer);
  $("composer-text").addEventListener("keydown", onComposerKey);
  $("composer-text").addEventListener("input", onComposerInput);
  $("chat-end").addEventListener("click", endOpenConversation);
  $("chat-report").addEventListener("click", (e) => {
    const c = state.conversations.get(channelState(state.openChannel).id);
    if (c) openReport({ channel: c.channel, handle: c.peerHandle, returnFocus: e.currentTarget });
  });
  $("chat-block").addEventListener("click", (e) => {
    const c = state.conversations.get(channelState(state.openChannel).id);
    if (c) blockPerson(c.peerHandle, { returnFocus: e.currentTarget });
  });
  $("warning-close").addEventListener("click", () => { $("warning").hidden = true; });
  wireReportDialog();
  wireDeletion();
  wireStanding();
  wireGratitude();
  wireGuide();
  wireModeration();
  wireModerationTools();
  wireCare();
  showLocalCrisisLine();
  wireNetwork();
  wireCheckIns();
  viewHooks.network = () => refreshNetwork().then(refreshCheckIns);
  viewHooks.safety = refreshBlocked;
  viewHooks.listen = () => refreshMe().then(renderModeratorAccess);
  viewHooks.chats = refreshRooms; // a room joined or left in another tab (rooms.js)
  $("chat-leave").addEventListener("click", () => {
    const ch = channelState(state.openChannel);
    if (ch.kind === "room") leaveRoom(ch.id);
  });
  $("chat-back").addEventListener("click", () => {
    closeChannel();
    $("chats-title").focus();
  });
  $("messages").addEventListener("scroll", (e) => {
    const list = e.currentTarget;
    list.dataset.scrolled = list.scrollHeight - list.scrollTop - list.clientHeight > 80 ? "1" : "0";
  });
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) refreshRooms();
    if (!document.hidden && state.openChannel && state.view === "chats") {
      channelState(state.openChannel).unread = 0;
      renderChatList();
    }
  });
}
