// MatchChat browser client. Plain ES modules, no framework.
// Contract: docs/PROTOCOL.md (hub at /hubs/chat, camelCase JSON).
import { $, el, clear, PALETTE, initials, formatTime, formatWait, parseTags, tagLabel } from "./dom.js";
import { describeError } from "./errors.js";
import { storage } from "./storage.js";

const TYPING_SEND_EVERY_MS = 3000;
const TYPING_SHOW_FOR_MS = 5000;
const OUTBOX_RETRY_MS = 3000;
const HISTORY_PAGE = 200;
const HISTORY_MAX_PAGES = 10;

const state = {
  session: null,          // { memberId, handle, ageGroup, token, expiresAt }
  me: null,               // Member from GetMe()
  topics: [],             // topics this member may see
  rooms: new Map(),       // slug -> Room
  joinedRooms: new Set(), // slugs (persisted)
  conversations: new Map(), // conversationId -> Conversation
  channels: new Map(),    // channel -> ChannelState
  outbox: [],             // [{ channel, clientMessageId, text, createdAt, status, error }] (persisted)
  ticket: null,           // QueueTicket (persisted while open)
  offers: new Map(),      // offerId -> { offer, timer } (offers persisted)
  openChannel: null,
  view: null,
  connection: null,
  connected: false,
  flushing: false,
};

// ---------------------------------------------------------------------------
// Start

document.addEventListener("DOMContentLoaded", () => {
  wireStaticUi();
  const pendingNotice = sessionStorage.getItem("matchchat.notice");
  if (pendingNotice) {
    sessionStorage.removeItem("matchchat.notice");
    showNotice(pendingNotice);
  }
  const session = storage.loadSession();
  if (session && session.token && !isExpired(session)) {
    beginSession(session);
  } else {
    if (session) {
      storage.clearSession();
      showNotice("Your anonymous session has ended. Choose below to start a new one.");
    }
    showWelcome();
  }
});

function isExpired(session) {
  const t = Date.parse(session.expiresAt);
  return Number.isFinite(t) && t <= Date.now();
}

function showWelcome() {
  $("main-nav").hidden = true;
  $("identity").hidden = true;
  showView("welcome", { focus: false });
}

async function createMember(ageGroup) {
  const response = await fetch("/api/members", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ ageGroup }),
  });
  if (!response.ok) {
    let detail = "";
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || "";
    } catch { /* not JSON */ }
    throw new Error(detail || `We couldn't start your session (error ${response.status}). Please try again.`);
  }
  return response.json();
}

async function loadTopics() {
  const response = await fetch("/api/topics", { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`topics: ${response.status}`);
  const all = await response.json();
  const age = state.session.ageGroup;
  state.topics = all.filter((t) => t.audience === "all" || t.audience === age);
}

async function beginSession(session) {
  state.session = session;
  const id = session.memberId;
  state.joinedRooms = new Set(storage.load(id, "rooms", []));
  state.outbox = storage.load(id, "outbox", []).map((m) => ({ ...m, status: m.status === "failed" ? "failed" : "pending" }));
  state.ticket = storage.load(id, "ticket", null);
  for (const item of state.outbox) channelState(item.channel);

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
  for (const offer of storage.load(id, "offers", [])) addOffer(offer, { persist: false });
  persistOffers();
  renderTalk();
  renderListener();
  renderChatList();

  const saved = sessionStorage.getItem("matchchat.view");
  const savedChannel = sessionStorage.getItem("matchchat.openChannel");
  if (savedChannel && (state.joinedRooms.has(savedChannel.replace(/^room:/, "")) || savedChannel.startsWith("conversation:"))) {
    state.openChannel = savedChannel;
  }
  showView(["talk", "listen", "rooms", "chats"].includes(saved) ? saved : "talk", { focus: false });
  if (state.openChannel) openChannel(state.openChannel, { focus: false });

  connect();
}

// ---------------------------------------------------------------------------
// Connection

function connect() {
  const signalR = window.signalR;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/chat", { accessTokenFactory: () => state.session.token })
    .withAutomaticReconnect({
      // Keep trying for as long as the page is open: 0s, 1s, 2s, 4s, then every 8s.
      nextRetryDelayInMilliseconds: (ctx) => {
        state.lastRetryReason = ctx.retryReason;
        if (isUnauthorized(ctx.retryReason)) return null; // the token is no longer accepted: stop
        return [0, 1000, 2000, 4000][ctx.previousRetryCount] ?? 8000;
      },
    })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.serverTimeoutInMilliseconds = 30000;
  connection.keepAliveIntervalInMilliseconds = 10000;
  state.connection = connection;

  connection.on("QueueUpdated", onQueueUpdated);
  connection.on("OfferReceived", (offer) => addOffer(offer, { announce: true }));
  connection.on("OfferWithdrawn", onOfferWithdrawn);
  connection.on("Matched", onMatched);
  connection.on("MessageReceived", onMessage);
  connection.on("PeerTyping", onPeerTyping);
  connection.on("ConversationEnded", onConversationEnded);
  connection.on("RoomUpdated", onRoomUpdated);
  connection.on("CrisisResources", onCrisisResources);

  connection.onreconnecting(() => {
    state.connected = false;
    setStatus("reconnecting", "Connection lost. Reconnecting… your messages are safe and will be sent.");
    renderOutboxStates();
  });
  connection.onreconnected(() => {
    state.connected = true;
    setStatus("connected", "Connected");
    resync();
  });
  connection.onclose((error) => {
    state.connected = false;
    if (isUnauthorized(error) || isUnauthorized(state.lastRetryReason)) return expireSession();
    setStatus("disconnected", "Not connected. Trying again…");
    setTimeout(start, 5000);
  });

  start();
}

async function start() {
  const connection = state.connection;
  if (!connection || connection.state !== "Disconnected") return;
  setStatus("connecting", "Connecting…");
  try {
    await connection.start();
    state.connected = true;
    setStatus("connected", "Connected");
    await resync();
  } catch (err) {
    state.connected = false;
    if (isUnauthorized(err)) {
      expireSession();
      return;
    }
    setStatus("disconnected", "Not connected. Trying again…");
    setTimeout(start, 5000);
  }
}

function isUnauthorized(err) {
  return (err && err.statusCode === 401) || /\b401\b|Unauthorized/i.test(String(err && err.message));
}

function expireSession() {
  // The server no longer accepts this token (for example it restarted without a fixed signing key).
  // Start clean: a reload shows the welcome screen with an explanation.
  storage.clearSession();
  const connection = state.connection;
  state.connection = null;
  if (connection) connection.stop().catch(() => {});
  sessionStorage.setItem("matchchat.notice", "Your anonymous session is no longer valid, so we started a fresh page. Choose below to continue.");
  sessionStorage.removeItem("matchchat.openChannel");
  location.reload();
}

function setStatus(kind, text) {
  const node = $("connection-status");
  node.dataset.state = kind;
  node.textContent = text;
}

function invoke(method, ...args) {
  return state.connection.invoke(method, ...args);
}

/** After every (re)connection: refresh what we know and fetch whatever was missed, by seq. */
async function resync() {
  try {
    state.me = await invoke("GetMe");
    renderListener();
  } catch (err) {
    if (!describeError(err).transient) showNotice(describeError(err).text);
  }

  try {
    const conversations = await invoke("ListConversations");
    for (const c of conversations) upsertConversation(c);
    // A request we were waiting on may have been matched while this page was closed or offline.
    const t = state.ticket;
    const matched = t && conversations.find((c) => c.role === "seeker" && !c.endedAt && c.topic === t.topic && Date.parse(c.startedAt) >= Date.parse(t.requestedAt) - 60000);
    if (matched) {
      setTicket(null);
      renderTalk();
      showView("chats", { focus: false });
      openChannel(matched.channel, { focus: false });
    }
  } catch { /* next resync */ }

  for (const slug of [...state.joinedRooms]) {
    try {
      const room = await invoke("JoinRoom", slug);
      upsertRoom(room);
      channelState(room.channel, { kind: "room", slug });
    } catch (err) {
      const e = describeError(err);
      if (!e.transient) {
        state.joinedRooms.delete(slug);
        persistRooms();
      }
    }
  }
  try {
    const rooms = await invoke("ListRooms");
    for (const r of rooms) upsertRoom(r);
  } catch { /* next resync */ }
  renderRooms();
  renderChatList();

  // Send what is still pending first (same clientMessageId: the server answers the original if it
  // already stored it), then catch up every channel we follow by seq. Duplicates are dropped by seq.
  await flushOutbox();

  // Catch up every channel we follow: joined rooms and conversations (active or recently ended).
  const channels = new Set();
  for (const c of state.conversations.values()) {
    // Ended conversations get no new messages: load them only when opened.
    if (!c.endedAt || channelState(c.channel).loaded) channels.add(c.channel);
  }
  for (const slug of state.joinedRooms) channels.add(`room:${slug}`);
  if (state.openChannel) channels.add(state.openChannel);
  for (const channel of channels) await catchUp(channel);

  if (state.openChannel) renderOpenChat();
  flushOutbox();
}

// ---------------------------------------------------------------------------
// Channels and messages

function channelState(channel, extra = {}) {
  let ch = state.channels.get(channel);
  if (!ch) {
    ch = {
      channel,
      kind: channel.startsWith("room:") ? "room" : "conversation",
      id: channel.slice(channel.indexOf(":") + 1),
      messages: new Map(), // seq -> Message
      contiguous: 0,       // every seq <= contiguous is known
      maxSeq: 0,
      unread: 0,
      typingHandle: null,
      typingTimer: null,
      catchingUp: null,
    };
    state.channels.set(channel, ch);
  }
  Object.assign(ch, extra);
  return ch;
}

/** Adds a confirmed message. Returns false if we already had this seq (never doubled). */
function storeMessage(message) {
  const ch = channelState(message.channel);
  const seq = Number(message.seq);
  if (ch.messages.has(seq)) return false;
  ch.messages.set(seq, message);
  if (seq > ch.maxSeq) ch.maxSeq = seq;
  while (ch.messages.has(ch.contiguous + 1)) ch.contiguous++;
  // Our own message came back: it is no longer pending.
  if (isMine(message)) removeFromOutbox(message.channel, message.clientMessageId);
  return true;
}

function isMine(message) {
  return state.session && message.senderHandle === state.session.handle;
}

async function catchUp(channel) {
  const ch = channelState(channel);
  if (ch.catchingUp) return ch.catchingUp;
  ch.catchingUp = (async () => {
    try {
      for (let page = 0; page < HISTORY_MAX_PAGES; page++) {
        const after = ch.contiguous;
        // First load: the newest page (no afterSeq). Afterwards: everything after the last seq we hold.
        const afterSeq = after === 0 && !ch.loaded ? null : after;
        const batch = await invoke("GetHistory", channel, afterSeq, null, HISTORY_PAGE);
        let added = 0;
        for (const m of batch) if (storeMessage(m)) added++;
        // The server answered everything after `after` up to the batch's last seq (seq is gapless),
        // so even if older history was trimmed we now know every message up to there.
        if (batch.length) {
          ch.contiguous = Math.max(ch.contiguous, Number(batch[batch.length - 1].seq));
          while (ch.messages.has(ch.contiguous + 1)) ch.contiguous++;
        }
        if (added) renderChannelAdditions(channel);
        if (batch.length < HISTORY_PAGE) break;
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

function onMessage(message) {
  const ch = channelState(message.channel);
  const gap = Number(message.seq) > ch.contiguous + 1 && ch.loaded;
  if (!storeMessage(message)) return;
  if (ch.typingHandle === message.senderHandle) clearTyping(ch);
  const visible = state.openChannel === message.channel && state.view === "chats" && !document.hidden;
  if (!isMine(message) && !visible) {
    ch.unread++;
    const name = channelTitle(ch);
    announce(`New message in ${name}`);
  }
  renderChannelAdditions(message.channel);
  renderChatList();
  if (gap) catchUp(message.channel);
}

function onPeerTyping({ channel, handle }) {
  if (!state.session || handle === state.session.handle) return;
  const ch = channelState(channel);
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

// Outbox: a message is pending until the server returns its Message (durably stored).
// It is retried with the same clientMessageId, so the server never stores it twice.

function newClientMessageId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function queueMessage(channel, text) {
  const item = { channel, clientMessageId: newClientMessageId(), text, createdAt: new Date().toISOString(), status: "pending" };
  state.outbox.push(item);
  persistOutbox();
  renderChannelAdditions(channel);
  flushOutbox();
}

function removeFromOutbox(channel, clientMessageId) {
  const before = state.outbox.length;
  state.outbox = state.outbox.filter((m) => !(m.channel === channel && m.clientMessageId === clientMessageId));
  if (state.outbox.length !== before) {
    persistOutbox();
    const node = document.querySelector(`#messages li[data-cmid="${CSS.escape(clientMessageId)}"]`);
    if (node) node.remove();
  }
}

async function flushOutbox() {
  if (state.flushing || !state.connected) return;
  state.flushing = true;
  try {
    for (const item of [...state.outbox]) {
      if (item.status !== "pending" || !state.outbox.includes(item)) continue;
      if (!state.connected) break;
      try {
        const message = await invoke("SendMessage", item.channel, item.clientMessageId, item.text);
        storeMessage(message);
        removeFromOutbox(item.channel, item.clientMessageId);
        renderChannelAdditions(item.channel);
        renderChatList();
      } catch (err) {
        const e = describeError(err);
        if (e.transient) break; // keep it pending; retried on reconnect or by the timer
        item.status = "failed";
        item.error = e.text;
        persistOutbox();
        renderChannelAdditions(item.channel);
      }
    }
  } finally {
    state.flushing = false;
  }
}

setInterval(() => {
  if (state.connected && state.outbox.some((m) => m.status === "pending")) flushOutbox();
}, OUTBOX_RETRY_MS);

function persistOutbox() {
  if (!state.session) return;
  storage.save(state.session.memberId, "outbox", state.outbox.map(({ channel, clientMessageId, text, createdAt, status, error }) => ({ channel, clientMessageId, text, createdAt, status, error })));
}

function persistRooms() {
  if (state.session) storage.save(state.session.memberId, "rooms", [...state.joinedRooms]);
}

// ---------------------------------------------------------------------------
// Conversations

function upsertConversation(c) {
  const existing = state.conversations.get(c.conversationId);
  state.conversations.set(c.conversationId, { ...existing, ...c });
  channelState(c.channel, { kind: "conversation", id: c.conversationId });
}

function onMatched(conversation) {
  const isNew = !state.conversations.has(conversation.conversationId);
  upsertConversation(conversation);
  catchUp(conversation.channel);
  if (conversation.role === "seeker") {
    state.seekerMatches = (state.seekerMatches || 0) + 1;
    setTicket(null);
    renderTalk();
    if (isNew) {
      announce(`You're connected with ${conversation.peerHandle}.`);
      showView("chats", { focus: false });
      openChannel(conversation.channel);
    }
  } else if (isNew) {
    announce(`New conversation with ${conversation.peerHandle}.`);
  }
  renderChatList();
  refreshMe();
}

function onConversationEnded({ conversationId, endedBy }) {
  const c = state.conversations.get(conversationId);
  if (c) {
    c.endedAt = c.endedAt || new Date().toISOString();
    c.endedBy = endedBy;
  }
  renderChatList();
  if (c && state.openChannel === c.channel) renderOpenChat();
  if (c && endedBy !== state.session.handle) announce(`${c.peerHandle} ended the conversation.`);
  refreshMe();
}

async function refreshMe() {
  if (!state.connected) return;
  try {
    state.me = await invoke("GetMe");
    renderListener();
  } catch { /* shown next time */ }
}

// ---------------------------------------------------------------------------
// Seeker: Talk to someone

function onQueueUpdated(ticket) {
  if (state.ticket && ticket.requestId !== state.ticket.requestId && ticket.status !== "waiting" && ticket.status !== "offered") return;
  if (ticket.status === "expired") {
    setTicket(null);
    showNotice("We couldn't find a listener in time. That's not about you: please try again whenever you're ready.");
  } else if (ticket.status === "cancelled" || ticket.status === "matched") {
    setTicket(null);
  } else {
    setTicket(ticket);
  }
  renderTalk();
}

function setTicket(ticket) {
  if (ticket) ticket = { ...ticket, requestedAt: (state.ticket && state.ticket.requestId === ticket.requestId && state.ticket.requestedAt) || new Date().toISOString() };
  state.ticket = ticket;
  if (state.session) storage.save(state.session.memberId, "ticket", ticket);
}

function renderTalk() {
  const ticket = state.ticket;
  $("talk-form").hidden = !!ticket;
  $("talk-waiting").hidden = !ticket;
  if (!ticket) return;
  const status = $("queue-status");
  const topic = topicTitle(ticket.topic);
  if (ticket.status === "offered") {
    status.textContent = `We've found a listener for "${topic}" and asked them to join. This usually takes a few seconds…`;
  } else {
    const parts = [];
    parts.push(ticket.position ? `You're number ${ticket.position} in line for "${topic}".` : `You're in line for "${topic}".`);
    const wait = formatWait(ticket.estimatedWaitSeconds);
    parts.push(wait ? `Expected wait: ${wait}.` : "We'll connect you as soon as a listener is free.");
    status.textContent = parts.join(" ");
  }
}

async function submitTalk(event) {
  event.preventDefault();
  const error = $("talk-error");
  error.hidden = true;
  const topic = $("talk-topic").value;
  const note = $("talk-note").value.trim();
  if (!topic) return fieldError(error, "Please choose a topic.");
  if (note.length > 500) return fieldError(error, "Please keep the note to 500 characters.");
  const request = { topic, experiences: parseTags($("talk-experiences").value), note: note || null };
  const button = event.submitter || $("talk-form").querySelector("button[type=submit]");
  button.disabled = true;
  const matchesBefore = state.seekerMatches || 0;
  try {
    const ticket = await invoke("RequestListener", request);
    const alreadyMatched = (state.seekerMatches || 0) !== matchesBefore;
    if (!alreadyMatched && (ticket.status === "waiting" || ticket.status === "offered")) setTicket(ticket);
    renderTalk();
    $("queue-status").focus?.();
  } catch (err) {
    fieldError(error, describeError(err).text);
  } finally {
    button.disabled = false;
  }
}

async function cancelTalk() {
  const ticket = state.ticket;
  if (!ticket) return;
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
}

// ---------------------------------------------------------------------------
// Listener

function renderListener() {
  const me = state.me;
  const profile = me && me.listener;
  const teen = state.session && state.session.ageGroup === "teen";
  $("listen-teens-field").hidden = teen;
  $("listen-submit").textContent = profile ? "Save changes" : "Save and volunteer";
  $("listen-availability").hidden = !profile;
  if (!profile) return;

  const form = $("listen-form");
  if (!form.dataset.filled) {
    form.dataset.filled = "1";
    for (const box of $("listen-topics").querySelectorAll("input[type=checkbox]")) box.checked = profile.topics.includes(box.value);
    $("listen-experiences").value = profile.experiences.map(tagLabel).join(", ");
    $("listen-max").value = String(profile.maxConcurrentChats);
    $("listen-teens").checked = !!profile.acceptsTeens;
  }
  const sw = $("available-switch");
  sw.setAttribute("aria-checked", String(!!profile.available));
  const topics = profile.topics.map(topicTitle).join(", ");
  $("availability-text").textContent = profile.available
    ? `You're available. We'll offer you chats about ${topics}. ${profile.activeChats} of ${profile.maxConcurrentChats} chats in use.`
    : `You're not taking new chats right now. ${profile.activeChats} of ${profile.maxConcurrentChats} chats in use.`;
}

async function submitListener(event) {
  event.preventDefault();
  const error = $("listen-error");
  error.hidden = true;
  const topics = [...$("listen-topics").querySelectorAll("input:checked")].map((b) => b.value);
  const max = Number($("listen-max").value);
  if (!topics.length) return fieldError(error, "Please choose at least one topic.");
  if (!Number.isInteger(max) || max < 1 || max > 5) return fieldError(error, "Please choose between 1 and 5 chats at once.");
  const teen = state.session.ageGroup === "teen";
  const profile = {
    topics,
    experiences: parseTags($("listen-experiences").value),
    maxConcurrentChats: max,
    acceptsTeens: teen ? false : $("listen-teens").checked,
  };
  const button = $("listen-submit");
  button.disabled = true;
  try {
    const saved = await invoke("Volunteer", profile);
    state.me = { ...(state.me || {}), listener: saved };
    renderListener();
    announce("Thank you. Your listener profile is saved. Switch on availability when you're ready.");
    await refreshMe();
  } catch (err) {
    fieldError(error, describeError(err).text);
  } finally {
    button.disabled = false;
  }
}

async function toggleAvailable() {
  const sw = $("available-switch");
  const next = sw.getAttribute("aria-checked") !== "true";
  sw.disabled = true;
  try {
    const profile = await invoke("SetAvailable", next);
    state.me = { ...(state.me || {}), listener: profile };
    renderListener();
  } catch (err) {
    showNotice(describeError(err).text);
  } finally {
    sw.disabled = false;
    sw.focus();
  }
}

function addOffer(offer, { announce: say = false, persist = true } = {}) {
  if (state.offers.has(offer.offerId)) return;
  if (Date.parse(offer.expiresAt) <= Date.now()) return;
  const entry = { offer, timer: null, node: null };
  state.offers.set(offer.offerId, entry);
  if (persist) persistOffers();
  renderOffer(entry);
  if (say) announce(`Someone would like to talk about ${topicTitle(offer.topic)}. You have ${secondsLeft(offer)} seconds to accept.`);
}

function secondsLeft(offer) {
  return Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - Date.now()) / 1000));
}

function renderOffer(entry) {
  const { offer } = entry;
  const total = Math.max(1, secondsLeft(offer));
  const countdown = el("span", { className: "countdown", attrs: { "data-testid": "offer-countdown" } });
  const bar = el("span");
  const accept = el("button", { className: "btn primary", text: "Accept", attrs: { type: "button", "data-testid": "offer-accept" } });
  const decline = el("button", { className: "btn", text: "Not now", attrs: { type: "button", "data-testid": "offer-decline" } });
  const topic = topicTitle(offer.topic);
  const who = offer.seekerAgeGroup === "teen" ? "A 13 to 17 year old" : "Someone";
  const node = el("li", { className: "offer", attrs: { "data-testid": "offer", "data-offer-id": offer.offerId, "aria-labelledby": `offer-${offer.offerId}-title` } }, [
    el("h3", { text: `${who} would like to talk about ${topic}`, attrs: { id: `offer-${offer.offerId}-title` } }),
    offer.experiences && offer.experiences.length
      ? el("ul", { className: "tags", attrs: { "aria-label": "Experiences they mentioned" } }, offer.experiences.map((t) => el("li", { className: "tag", text: tagLabel(t) })))
      : null,
    offer.note ? el("p", { className: "note", text: offer.note }) : null,
    el("p", {}, [countdown]),
    el("div", { className: "countdown-bar", attrs: { "aria-hidden": "true" } }, [bar]),
    el("div", { className: "actions" }, [accept, decline]),
  ]);
  entry.node = node;
  const tick = () => {
    const left = secondsLeft(offer);
    countdown.textContent = left > 0 ? `${left} seconds left to accept` : "This request has timed out";
    bar.style.width = `${Math.min(100, (left / total) * 100)}%`;
    if (left <= 0) {
      accept.disabled = true;
      clearInterval(entry.timer);
      setTimeout(() => removeOffer(offer.offerId), 3000);
    }
  };
  tick();
  entry.timer = setInterval(tick, 500);
  accept.addEventListener("click", () => acceptOffer(offer.offerId, accept, decline));
  decline.addEventListener("click", () => declineOffer(offer.offerId, accept, decline));
  $("offer-list").append(node);
  $("offers").hidden = false;
  updateTitle();
}

function removeOffer(offerId) {
  const entry = state.offers.get(offerId);
  if (!entry) return;
  clearInterval(entry.timer);
  entry.node?.remove();
  state.offers.delete(offerId);
  persistOffers();
  updateTitle();
  $("offers").hidden = state.offers.size === 0;
}

function persistOffers() {
  if (state.session) storage.save(state.session.memberId, "offers", [...state.offers.values()].map((e) => e.offer));
}

async function acceptOffer(offerId, ...buttons) {
  buttons.forEach((b) => (b.disabled = true));
  try {
    const conversation = await invoke("AcceptOffer", offerId);
    removeOffer(offerId);
    upsertConversation(conversation);
    catchUp(conversation.channel);
    renderChatList();
    showView("chats", { focus: false });
    openChannel(conversation.channel);
    refreshMe();
  } catch (err) {
    const e = describeError(err);
    if (!e.transient) removeOffer(offerId);
    else buttons.forEach((b) => (b.disabled = false));
    showNotice(e.text);
  }
}

async function declineOffer(offerId, ...buttons) {
  buttons.forEach((b) => (b.disabled = true));
  try {
    await invoke("DeclineOffer", offerId);
  } catch { /* the offer is gone either way */ }
  removeOffer(offerId);
}

function onOfferWithdrawn({ offerId, reason }) {
  if (!state.offers.has(offerId)) return;
  removeOffer(offerId);
  const why = {
    expired: "A request timed out before it was accepted.",
    cancelled: "The person who asked stopped waiting.",
    taken: "Another listener is already with them.",
    unavailable: "A request was withdrawn because you're not available right now.",
  }[reason] || "A request is no longer open.";
  announce(why);
  const wasAvailable = !!(state.me && state.me.listener && state.me.listener.available);
  refreshMe().then(() => {
    const nowAvailable = !!(state.me && state.me.listener && state.me.listener.available);
    if (reason === "expired" && wasAvailable && !nowAvailable) {
      showNotice("We paused new chats for you because requests timed out before they were answered. Switch availability back on under \"Be a listener\" when you're ready.");
    }
  });
}

// ---------------------------------------------------------------------------
// Rooms

function upsertRoom(room) {
  state.rooms.set(room.slug, { ...state.rooms.get(room.slug), ...room });
}

function onRoomUpdated(room) {
  upsertRoom(room);
  renderRooms();
  renderChatList();
  if (state.openChannel === room.channel) renderChatHeader();
}

function renderRooms() {
  const list = $("room-list");
  clear(list);
  for (const room of state.rooms.values()) {
    const joined = state.joinedRooms.has(room.slug);
    const count = el("p", { className: "hint", text: peopleHere(room.memberCount), attrs: { "data-testid": "room-count" } });
    const actions = el("div", { className: "actions" });
    if (joined) {
      actions.append(
        el("button", { className: "btn primary small", text: "Open", attrs: { type: "button", "data-testid": "room-open", "aria-label": `Open ${room.title}` }, on: { click: () => { showView("chats", { focus: false }); openChannel(room.channel); } } }),
        el("button", { className: "btn small", text: "Leave", attrs: { type: "button", "data-testid": "room-leave", "aria-label": `Leave ${room.title}` }, on: { click: () => leaveRoom(room.slug) } }),
      );
    } else {
      actions.append(el("button", { className: "btn primary small", text: "Join", attrs: { type: "button", "data-testid": "room-join", "aria-label": `Join ${room.title}` }, on: { click: (e) => joinRoom(room.slug, e.currentTarget) } }));
    }
    list.append(el("li", { className: "room", attrs: { "data-testid": "room", "data-slug": room.slug } }, [
      el("div", {}, [el("h2", { text: room.title }), count]),
      actions,
    ]));
  }
  if (!state.rooms.size) list.append(el("li", { className: "hint", text: state.connected ? "No rooms are open right now." : "Loading rooms…" }));
}

async function refreshRooms() {
  if (!state.connected) return;
  try {
    for (const r of await invoke("ListRooms")) upsertRoom(r);
    renderRooms();
  } catch { /* keep what we have */ }
}

function peopleHere(n) {
  if (!n) return "No one here yet";
  return n === 1 ? "1 person here" : `${n} people here`;
}

async function joinRoom(slug, button) {
  if (button) button.disabled = true;
  try {
    const room = await invoke("JoinRoom", slug);
    upsertRoom(room);
    state.joinedRooms.add(slug);
    persistRooms();
    channelState(room.channel, { kind: "room", slug });
    renderRooms();
    renderChatList();
    showView("chats", { focus: false });
    openChannel(room.channel);
    await catchUp(room.channel);
  } catch (err) {
    showNotice(describeError(err).text);
    if (button) button.disabled = false;
  }
}

async function leaveRoom(slug) {
  try {
    await invoke("LeaveRoom", slug);
  } catch (err) {
    const e = describeError(err);
    if (e.transient) return showNotice(e.text);
  }
  state.joinedRooms.delete(slug);
  persistRooms();
  if (state.openChannel === `room:${slug}`) closeChannel();
  renderRooms();
  renderChatList();
  announce("You left the room.");
}

// ---------------------------------------------------------------------------
// Chat list and chat view

function followedChannels() {
  const items = [];
  const conversations = [...state.conversations.values()].sort((a, b) => {
    if (!a.endedAt !== !b.endedAt) return a.endedAt ? 1 : -1;
    return Date.parse(b.startedAt) - Date.parse(a.startedAt);
  });
  for (const c of conversations) items.push(c.channel);
  for (const slug of state.joinedRooms) items.push(`room:${slug}`);
  return items;
}

function channelTitle(ch) {
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
    return `Room · ${peopleHere(room ? room.memberCount : 0)}`;
  }
  const c = state.conversations.get(ch.id);
  if (!c) return "";
  const role = c.role === "listener" ? "You're listening" : "Your listener";
  const shared = c.sharedExperiences && c.sharedExperiences.length ? ` · both know: ${c.sharedExperiences.map(tagLabel).join(", ")}` : "";
  return `${role} · ${topicTitle(c.topic)}${c.endedAt ? " · ended" : ""}${shared}`;
}

function renderChatList() {
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
}

/** "(2) MatchChat" while something is waiting for the person: unread messages or open offers. */
function updateTitle(unread = 0) {
  const waiting = unread + state.offers.size;
  document.title = `${waiting ? `(${waiting}) ` : ""}MatchChat — someone who has been there`;
}

function openChannel(channel, { focus = true } = {}) {
  state.openChannel = channel;
  sessionStorage.setItem("matchchat.openChannel", channel);
  const ch = channelState(channel);
  ch.unread = 0;
  if (state.view !== "chats") showView("chats", { focus: false });
  $("view-chats").classList.add("has-open-chat");
  $("chat").hidden = false;
  renderOpenChat();
  renderChatList();
  if (!ch.loaded && state.connected) catchUp(channel).then(() => state.openChannel === channel && renderOpenChat());
  if (focus) $("chat-title").focus();
}

function closeChannel() {
  state.openChannel = null;
  sessionStorage.removeItem("matchchat.openChannel");
  $("chat").hidden = true;
  $("view-chats").classList.remove("has-open-chat");
  renderChatList();
}

function renderChatHeader() {
  const ch = channelState(state.openChannel);
  const colour = colourFor(ch.channel);
  $("chat").style.setProperty("--chat-color", colour);
  const avatar = $("chat-avatar");
  avatar.style.setProperty("--chat-color", colour);
  avatar.textContent = ch.kind === "room" ? "#" : initials(channelTitle(ch));
  $("chat-title").textContent = channelTitle(ch);
  $("chat-subtitle").textContent = channelSubtitle(ch);
}

function renderOpenChat() {
  if (!state.openChannel) return;
  const ch = channelState(state.openChannel);
  renderChatHeader();
  const conversation = ch.kind === "conversation" ? state.conversations.get(ch.id) : null;
  const ended = !!(conversation && conversation.endedAt);
  $("chat-end").hidden = ch.kind !== "conversation" || ended;
  $("chat-leave").hidden = ch.kind !== "room";
  const endedNote = $("chat-ended");
  endedNote.hidden = !ended;
  if (ended) {
    const by = conversation.endedBy;
    const who = by === state.session.handle ? "You ended this conversation." : by && by !== "system" ? `${by} ended this conversation.` : "This conversation has ended.";
    endedNote.textContent = `${who} Take care of yourself. You can ask to talk again any time.`;
  }
  $("composer").hidden = ended;

  // Rebuild the list (a channel switch); later additions are incremental.
  const list = $("messages");
  // Switching chats rebuilds the list: keep screen readers from reading all of it out again.
  list.setAttribute("aria-live", "off");
  list.dataset.channel = ch.channel;
  clear(list);
  setTimeout(() => list.setAttribute("aria-live", "polite"), 100);
  if (ch.unreadable) list.append(el("li", { className: "system-note", text: ch.unreadable }));
  else if (!ch.messages.size && !pendingFor(ch.channel).length) {
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
  const first = Math.min(...ch.messages.keys());
  if (!Number.isFinite(first) || first <= 1) return;
  const button = el("button", { className: "link-btn", text: "Show earlier messages", attrs: { type: "button", "data-testid": "messages-earlier" } });
  button.addEventListener("click", async () => {
    button.disabled = true;
    const channel = ch.channel;
    const previousHeight = list.scrollHeight;
    try {
      const older = await invoke("GetHistory", channel, null, first, 50);
      for (const m of older) storeMessage(m);
      list.dataset.scrolled = "1"; // keep the reader where they were
      renderChannelAdditions(channel);
      list.scrollTop += list.scrollHeight - previousHeight;
      renderEarlierButton();
    } catch (err) {
      showNotice(describeError(err).text);
      button.disabled = false;
    }
  });
  list.prepend(el("li", { className: "system-note", dataset: { earlier: "1" } }, [button]));
}

/**
 * Each chat gets its own colour, handed out in the order chats appear and remembered, so open
 * conversations never share one (up to ten) and keep it after a reload.
 */
function colourFor(channel) {
  if (!state.colours) state.colours = (state.session && storage.load(state.session.memberId, "colours", null)) || {};
  if (state.colours[channel] === undefined) {
    const inUse = new Set(followedChannels().filter((c) => c !== channel).map((c) => state.colours[c]));
    let index = 0;
    const taken = Object.values(state.colours);
    // Prefer a colour no followed chat uses; among those, the least used so far.
    const candidates = PALETTE.map((_, i) => i).filter((i) => !inUse.has(i));
    const pool = candidates.length ? candidates : PALETTE.map((_, i) => i);
    index = pool.reduce((best, i) => (taken.filter((t) => t === i).length < taken.filter((t) => t === best).length ? i : best), pool[0]);
    state.colours[channel] = index;
    if (state.session) storage.save(state.session.memberId, "colours", state.colours);
  }
  return PALETTE[state.colours[channel]];
}

function pendingFor(channel) {
  return state.outbox.filter((m) => m.channel === channel);
}

/** Brings the open message list up to date without re-rendering existing rows. */
function renderChannelAdditions(channel) {
  if (state.openChannel !== channel) {
    renderChatList();
    return;
  }
  const list = $("messages");
  if (list.dataset.channel !== channel) return;
  const ch = channelState(channel);
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  const shown = new Set([...list.querySelectorAll("li[data-seq]")].map((n) => Number(n.dataset.seq)));
  const sorted = [...ch.messages.keys()].sort((a, b) => a - b);
  for (const seq of sorted) {
    if (shown.has(seq)) continue;
    const node = messageNode(ch.messages.get(seq));
    // Insert before the first shown message with a larger seq, else before pending ones.
    let before = null;
    for (const other of list.querySelectorAll("li[data-seq]")) {
      if (Number(other.dataset.seq) > seq) { before = other; break; }
    }
    list.insertBefore(node, before || list.querySelector("li[data-cmid]"));
  }
  if (sorted.length || pendingFor(channel).length) list.querySelector("li[data-placeholder]")?.remove();
  // Pending (not yet acknowledged) messages stay at the end, in the order written.
  for (const item of pendingFor(channel)) {
    let node = list.querySelector(`li[data-cmid="${CSS.escape(item.clientMessageId)}"]`);
    const fresh = pendingNode(item);
    if (node) node.replaceWith(fresh);
    else list.append(fresh);
  }
  if (atBottom || list.dataset.scrolled !== "1") {
    list.scrollTop = list.scrollHeight;
  }
}

function messageNode(message) {
  const mine = isMine(message);
  const who = mine ? "You" : message.senderHandle;
  return el("li", {
    className: `msg${mine ? " mine" : ""}`,
    attrs: { "data-testid": "message", "data-seq": message.seq, "data-state": "sent" },
  }, [
    el("span", { className: "who", text: who }),
    el("p", { className: "text", text: message.text, attrs: { "data-testid": "message-text" } }),
    el("span", { className: "when", text: formatTime(message.sentAt) }),
  ]);
}

function pendingNode(item) {
  const failed = item.status === "failed";
  const children = [
    el("span", { className: "who", text: "You" }),
    el("p", { className: "text", text: item.text, attrs: { "data-testid": "message-text" } }),
  ];
  if (failed) {
    children.push(
      el("span", { className: "state failed-note", text: `Not sent: ${item.error || "please try again."}` }),
      el("div", { className: "actions" }, [
        el("button", { className: "link-btn", text: "Try again", attrs: { type: "button" }, on: { click: () => { item.status = "pending"; item.error = null; persistOutbox(); renderChannelAdditions(item.channel); flushOutbox(); } } }),
        el("button", { className: "link-btn", text: "Remove", attrs: { type: "button" }, on: { click: () => removeFromOutbox(item.channel, item.clientMessageId) } }),
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

function renderOutboxStates() {
  if (state.openChannel) renderChannelAdditions(state.openChannel);
}

function renderTyping() {
  const node = $("typing");
  const ch = state.openChannel ? channelState(state.openChannel) : null;
  node.textContent = ch && ch.typingHandle ? `${ch.typingHandle} is typing…` : "";
}

let lastTypingSent = { channel: null, at: 0 };
function onComposerInput() {
  const channel = state.openChannel;
  if (!channel || !state.connected || !$("composer-text").value.trim()) return;
  const now = Date.now();
  if (lastTypingSent.channel === channel && now - lastTypingSent.at < TYPING_SEND_EVERY_MS) return;
  lastTypingSent = { channel, at: now };
  invoke("Typing", channel).catch(() => { /* best effort */ });
}

function submitComposer(event) {
  event.preventDefault();
  const box = $("composer-text");
  const text = box.value.replace(/[^\S\n\t]+$/g, "").replace(/^\s+/, "");
  if (!text.trim() || !state.openChannel) return;
  if (text.length > 4000) return showNotice("That message is too long. Please split it into parts of up to 4000 characters.");
  box.value = "";
  lastTypingSent = { channel: null, at: 0 };
  queueMessage(state.openChannel, text.trim());
  box.focus();
}

function onComposerKey(event) {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $("composer").requestSubmit();
  }
}

async function endOpenConversation() {
  const ch = channelState(state.openChannel);
  const c = state.conversations.get(ch.id);
  if (!c) return;
  const ok = await confirmDialog({
    title: "End this conversation?",
    text: `You won't be able to send more messages to ${c.peerHandle}. It's okay to end a chat whenever you need to.`,
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
    $("chat-title").focus();
  } catch (err) {
    showNotice(describeError(err).text);
  }
}

function confirmDialog({ title, text, ok, cancel }) {
  const dialog = $("confirm-dialog");
  $("confirm-title").textContent = title;
  $("confirm-text").textContent = text;
  dialog.querySelector('[value="ok"]').textContent = ok;
  dialog.querySelector('[value="cancel"]').textContent = cancel;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
    dialog.querySelector('[value="cancel"]').focus();
  });
}

// ---------------------------------------------------------------------------
// Safety: crisis resources pushed by the server (later capability; harmless now)

function onCrisisResources({ resources }) {
  const box = $("notice");
  const text = $("notice-text");
  clear(text);
  text.append("It sounds like things are really hard right now. You can reach someone straight away: ");
  (resources || []).forEach((r, i) => {
    if (i) text.append(", ");
    const url = String(r.url || "");
    if (/^https:\/\//i.test(url)) text.append(el("a", { text: r.name, attrs: { href: url, target: "_blank", rel: "noopener noreferrer" } }));
    else text.append(r.name);
    if (r.contact) text.append(` (${r.contact})`);
  });
  box.hidden = false;
}

// ---------------------------------------------------------------------------
// Views, topics, notices

function showView(name, { focus = true } = {}) {
  state.view = name;
  if (name !== "welcome") sessionStorage.setItem("matchchat.view", name);
  for (const section of document.querySelectorAll("main > .view")) section.hidden = section.id !== `view-${name}`;
  for (const button of document.querySelectorAll(".nav-btn")) {
    if (button.dataset.view === name) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  }
  if (name === "rooms") {
    renderRooms();
    refreshRooms();
  }
  if (name === "chats" && state.openChannel) {
    channelState(state.openChannel).unread = 0;
    renderChatList();
  }
  if (focus) {
    const heading = document.querySelector(`#view-${name} h1`);
    heading?.focus();
  }
}

function renderTopicControls() {
  const select = $("talk-topic");
  clear(select);
  select.append(el("option", { text: "Choose a topic", attrs: { value: "" } }));
  for (const t of state.topics) select.append(el("option", { text: t.title, attrs: { value: t.slug } }));
  const grid = $("listen-topics");
  clear(grid);
  for (const t of state.topics) {
    grid.append(el("label", { className: "choice" }, [
      el("input", { attrs: { type: "checkbox", value: t.slug, name: "topics", "data-testid": `listen-topic-${t.slug}` } }),
      document.createTextNode(` ${t.title}`),
    ]));
  }
}

function topicTitle(slug) {
  const t = state.topics.find((x) => x.slug === slug);
  return t ? t.title : tagLabel(slug || "");
}

function showNotice(text) {
  $("notice-text").textContent = text;
  $("notice").hidden = false;
}

function fieldError(node, text) {
  node.textContent = text;
  node.hidden = false;
}

function announce(text) {
  const node = $("announcer");
  node.textContent = "";
  setTimeout(() => { node.textContent = text; }, 50);
}

function wireStaticUi() {
  $("notice-close").addEventListener("click", () => { $("notice").hidden = true; });

  $("welcome-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = $("welcome-error");
    error.hidden = true;
    const choice = document.querySelector('input[name="ageGroup"]:checked');
    if (!choice) return fieldError(error, "Please choose your age group.");
    const button = event.submitter || $("welcome-form").querySelector("button");
    button.disabled = true;
    try {
      const member = await createMember(choice.value);
      storage.saveSession(member);
      $("notice").hidden = true;
      await beginSession(member);
      showView("talk");
    } catch (err) {
      fieldError(error, err.message || "We couldn't start your session. Please try again.");
    } finally {
      button.disabled = false;
    }
  });

  for (const button of document.querySelectorAll(".nav-btn")) {
    button.addEventListener("click", () => showView(button.dataset.view));
  }

  $("talk-form").addEventListener("submit", submitTalk);
  $("talk-cancel").addEventListener("click", cancelTalk);
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
    if (!document.hidden && state.openChannel && state.view === "chats") {
      channelState(state.openChannel).unread = 0;
      renderChatList();
    }
  });
}
