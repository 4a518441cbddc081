// Listener: profile, availability and offers.
import { $, el, parseTags, tagLabel } from "./dom.js";
import { describeError } from "./errors.js";
import { state, save } from "./store.js";
import { invoke } from "./connection.js";
import { showView, showNotice, fieldError, announce, topicTitle, updateTitle } from "./views.js";
import { upsertConversation, catchUpChannel, renderChatList, openChannel } from "./chats.js";
import { teenApprovalText } from "./trust.js";
import { urgentBadge } from "./care.js";
import { needsGuide, askGuide } from "./guide.js";
import { renderScheduleEditor, fillSchedule, readSchedule } from "./schedule.js";
import { renderListening, availabilityText } from "./listening.js";
import { offerReason, rememberAcceptedOffer } from "./meaning.js";
import { keepNoticeInSight } from "./offer-bar.js";
import { onListedPresence } from "./presence.js";

/**
 * The form is filled from the profile the server last told (GetMe, MemberUpdated), unless the person is editing it or
 * saving it: `MemberUpdated` now comes for this page's own saves too, the first one (Volunteer's) before the schedule
 * is set, and filling the form from it once showed a saved schedule as off.
 */
let filledFrom = null;
let editing = false;
let saving = false;
const formKey = (p) => JSON.stringify([p.topics, p.experiences, p.maxConcurrentChats, !!p.acceptsTeens, p.schedule ?? null, p.bio ?? ""]);

export function renderListener() {
  const me = state.me;
  const profile = me && me.listener;
  const teen = state.session && state.session.ageGroup === "teen";
  $("listen-teens-field").hidden = teen;
  $("listen-submit").textContent = profile ? "Save changes" : "Save and volunteer";
  $("listen-availability").hidden = !profile;
  const teenStatus = teenApprovalText(profile);
  $("teen-approval").hidden = !teenStatus;
  $("teen-approval").textContent = teenStatus ?? "";
  $("teen-approval").dataset.state = profile?.teenApproval ?? "none";
  renderScheduleEditor();
  renderListening(profile);
  if (!profile) return;

  const form = $("listen-form");
  if (!form.dataset.filled) {
    form.dataset.filled = "1";
    form.addEventListener("input", () => { editing = true; });
  }
  if (!editing && !saving && formKey(profile) !== filledFrom) {
    filledFrom = formKey(profile);
    for (const box of $("listen-topics").querySelectorAll("input[type=checkbox]")) box.checked = profile.topics.includes(box.value);
    $("listen-experiences").value = profile.experiences.map(tagLabel).join(", ");
    $("listen-max").value = String(profile.maxConcurrentChats);
    $("listen-teens").checked = !!profile.acceptsTeens;
    fillSchedule(profile.schedule);
    $("listen-bio").value = profile.bio ?? "";
  }
  const sw = $("available-switch");
  sw.setAttribute("aria-checked", String(!!profile.available));
  const topics = profile.topics.map(topicTitle).join(", ");
  $("availability-text").textContent = availabilityText(profile, topics);
}

export async function refreshMe() {
  if (!state.connected) return;
  try {
    state.me = await invoke("GetMe");
    renderListener();
  } catch { /* shown next time */ }
}

export async function submitListener(event) {
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
    bio: $("listen-bio").value.trim(), // empty removes a stored bio; left out would keep it
  };
  const schedule = readSchedule();
  if (schedule.error) return fieldError(error, schedule.error);
  if (schedule.value) profile.schedule = schedule.value;
  const hadSchedule = !!state.me?.listener?.schedule;
  if (needsGuide(state.me)) {
    if (!(await askGuide())) return announce("That's okay. Read the guide whenever you're ready, then volunteer.");
    profile.agreedToGuide = true;
  }
  const button = $("listen-submit");
  button.disabled = true;
  saving = true;
  try {
    let saved = await invoke("Volunteer", profile);
    if (!schedule.value && hadSchedule) saved = await invoke("SetSchedule", null);
    state.me = { ...(state.me || {}), listener: saved };
    saving = false;
    editing = false;
    filledFrom = formKey(saved); // what the form shows is what was saved
    renderListener();
    announce("Thank you. Your listener profile is saved. Switch on availability when you're ready.");
    // The guide's "Agree and volunteer" closed the dialog while the saved button was disabled: focus fell to <body>.
    // The switch is what comes next (it is shown now that a profile exists).
    if (profile.agreedToGuide) $("available-switch").focus();
    await refreshMe();
  } catch (err) {
    fieldError(error, describeError(err).text);
  } finally {
    saving = false;
    button.disabled = false;
  }
}

/** The notice this page showed because a change could not be made offline (cleared when the connection is back). */
let offlineNotice = null;

/** What is true while a change was not made: the listener's availability as the server last told it. */
function stillText() {
  return state.me?.listener?.available
    ? "You are still available. Try again when connected."
    : "You are still not taking new chats. Try again when connected.";
}

export async function toggleAvailable() {
  const sw = $("available-switch");
  const next = sw.getAttribute("aria-checked") !== "true";
  // Not connected: the change cannot be made, and nothing makes it later. The switch keeps the server's state and
  // the listener is told so (an outside probe read "We'll keep trying" while offers kept coming after the reconnect).
  if (!state.connected) return notMade(sw);
  sw.disabled = true;
  try {
    const profile = await invoke("SetAvailable", next);
    state.me = { ...(state.me || {}), listener: profile };
    renderListener();
  } catch (err) {
    const e = describeError(err);
    if (e.code === "network" || !state.connected) notMade(sw);
    else showNotice(e.text);
  } finally {
    sw.disabled = false;
    sw.focus();
  }
}

function notMade(sw) {
  renderListener();
  offlineNotice = stillText();
  showNotice(offlineNotice);
  sw.focus();
}

/** Back online: the "still available" notice goes (the switch shows the server's state from GetMe). */
export function clearListenOfflineNotice() {
  if (offlineNotice && $("notice-text").textContent === offlineNotice) $("notice").hidden = true;
  offlineNotice = null;
}

/** `MemberUpdated` carries no listener stats (only GetMe does): the ones shown are kept. */
export function keepListenerStats(member) {
  const stats = state.me?.listener?.stats;
  if (!member?.listener || member.listener.stats || !stats) return member;
  return { ...member, listener: { ...member.listener, stats } };
}

// ---------------------------------------------------------------------------
// Offers

export function addOffer(offer, { announce: say = false, persist = true } = {}) {
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
    el("h3", { attrs: { id: `offer-${offer.offerId}-title` } }, [`${who} would like to talk about ${topic} `, urgentBadge(offer)]),
    offer.experiences && offer.experiences.length
      ? el("ul", { className: "tags", attrs: { "aria-label": "Experiences they mentioned" } }, offer.experiences.map((t) => el("li", { className: "tag", text: tagLabel(t) })))
      : null,
    offer.note ? el("p", { className: "note", text: offer.note, attrs: { dir: "auto" } }) : null,
    offerReason(offer),
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

export function persistOffers() {
  save("offers", [...state.offers.values()].map((e) => e.offer));
}

async function acceptOffer(offerId, ...buttons) {
  buttons.forEach((b) => (b.disabled = true));
  try {
    const offer = state.offers.get(offerId)?.offer;
    const conversation = await invoke("AcceptOffer", offerId);
    rememberAcceptedOffer(conversation.conversationId, offer);
    removeOffer(offerId);
    upsertConversation(conversation);
    catchUpChannel(conversation.channel);
    renderChatList();
    showView("chats", { focus: false });
    openChannel(conversation.channel);
    refreshMe();
    awayAtAccept(conversation);
  } catch (err) {
    const e = describeError(err);
    if (!e.transient) removeOffer(offerId);
    else buttons.forEach((b) => (b.disabled = false));
    showNotice(e.text);
  }
}

/** A seeker whose page closed while they waited: the answer has no `peerOnline` (nor has Matched), so it is read as
 *  after a reload (ListConversations), and the away note follows the same 8 s rule (presence.js). "Say hello" alone,
 *  until a reload, told the listener nothing (an outside probe). */
function awayAtAccept({ conversationId }) {
  invoke("ListConversations")
    .then((list) => list.find((c) => c.conversationId === conversationId))
    .then((c) => c && onListedPresence(c))
    .catch(() => { /* not known: PeerPresence still tells of a later change */ });
}

async function declineOffer(offerId, ...buttons) {
  const node = state.offers.get(offerId)?.node;
  const place = Math.max(0, [...$("offer-list").children].indexOf(node));
  buttons.forEach((b) => (b.disabled = true));
  try {
    await invoke("DeclineOffer", offerId);
  } catch { /* the offer is gone either way */ }
  removeOffer(offerId);
  focusAfterDecline(place);
}

/** After "Not now" (its offer is gone): the next offer's Accept, else the open chat's composer, the availability
 *  switch or the view's heading. Focus fell to <body> after a click, to <main> after Enter (an outside probe). */
function focusAfterDecline(place) {
  const current = document.activeElement;
  const lost = !current || current === document.body || current.tagName === "MAIN" || !current.isConnected || !current.getClientRects().length;
  if (!lost) return;
  const accepts = [...$("offer-list").querySelectorAll("[data-testid=offer-accept]")].filter((b) => !b.disabled);
  const chatOpen = state.view === "chats" && state.openChannel;
  const heading = document.querySelector(`#view-${state.view} h1`);
  for (const node of [accepts[Math.min(place, accepts.length - 1)], chatOpen && $("composer-text"), $("available-switch"), heading]) {
    if (!node?.isConnected || !node.getClientRects().length) continue;
    node.focus();
    if (document.activeElement === node) return;
  }
}

export function onOfferWithdrawn({ offerId, reason }) {
  if (!state.offers.has(offerId)) return;
  removeOffer(offerId);
  const why = {
    expired: "A request timed out before it was accepted.",
    cancelled: "The person who asked stopped waiting.",
    taken: "Another listener is already with them.",
    unavailable: "A request was withdrawn because you're not available right now.",
    busy: "A request went back to the queue because it would take you past your chat limit.",
  }[reason] || "A request is no longer open.";
  announce(why);
  if (reason === "expired") {
    // Seen, not only announced: an offer that ran out and came back looked like a timer that reset itself.
    showNotice("A request timed out before you answered, so it went back to the queue (it may come to you again). If two time out in a row, we pause new chats for you.");
    keepNoticeInSight(); // a listener in a chat has the chat on screen, not the notice above it
  }
  const wasAvailable = !!(state.me && state.me.listener && state.me.listener.available);
  refreshMe().then(() => {
    const nowAvailable = !!(state.me && state.me.listener && state.me.listener.available);
    if (reason === "expired" && wasAvailable && !nowAvailable) {
      showNotice("We paused new chats for you because requests timed out before they were answered. Switch availability back on under \"Be a listener\" when you're ready.");
      keepNoticeInSight();
    }
  });
}
