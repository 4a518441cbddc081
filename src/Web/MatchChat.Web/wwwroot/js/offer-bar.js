// An offer, or the notice that one timed out, kept in sight. Offers are listed above every view (#offers), but a
// listener reading a chat has that chat on screen: on a phone the offer sat above the screen and ran out unseen (an
// outside probe; two in a row pause the listener). While the newest offer's "Accept" (or the offer's notice) is out of
// view, a bar fixed near the top of the screen (under the headers on screen: placeBar) says so, with the topic, the
// time left, Accept, Not now and View. It is not a live region: the offer is announced once when it arrives
// (listen.js), and the notice is an alert (#notice).
import { $, el, clear, refocus } from "./dom.js";
import { state } from "./store.js";
import { topicTitle } from "./views.js";
import { placeCareElsewhere } from "./care-pin.js";

/** The text of the notice about an offer that is to be kept in sight (null: none). */
let flaggedNotice = null;
let timer = null;
let key = "";

/** After `showNotice(text)` about an offer (it timed out, or availability was paused): kept in sight until dismissed. */
export function keepNoticeInSight() {
  flaggedNotice = $("notice-text").textContent;
  renderOfferBar();
}

const secondsLeft = (offer) => Math.max(0, Math.ceil((Date.parse(offer.expiresAt) - Date.now()) / 1000));

/** On screen: all of it inside the viewport, or (`start`) at least its first lines; a hidden element never is. */
function inView(node, { start = false } = {}) {
  if (!node || !node.getClientRects().length) return false;
  const r = node.getBoundingClientRect();
  return start ? r.top >= 0 && r.top < innerHeight - 24 : r.top >= 0 && r.bottom <= innerHeight;
}

/** Enough of it on screen to be seen and pressed: its first 16 px, or all of a smaller one. The card's Accept a few
 *  pixels short of the screen's bottom, with the card itself in full view, brought the bar over the nav (an outside
 *  probe at 360×740). */
function shownEnough(node) {
  if (!node || !node.getClientRects().length) return false;
  const r = node.getBoundingClientRect();
  return Math.min(r.bottom, innerHeight) - Math.max(r.top, 0) >= Math.min(16, r.height);
}

/** The open offer the bar speaks of: the one that runs out first. */
function firstOffer() {
  if ($("offers").hidden) return null;
  const open = [...state.offers.values()].filter((e) => e.node?.isConnected && secondsLeft(e.offer) > 0);
  return open.sort((a, b) => Date.parse(a.offer.expiresAt) - Date.parse(b.offer.expiresAt))[0] ?? null;
}

function noticeShown() {
  return !!flaggedNotice && !$("notice").hidden && $("notice-text").textContent === flaggedNotice;
}

export function renderOfferBar() {
  const bar = $("offer-bar");
  const entry = firstOffer();
  const accept = entry?.node.querySelector("[data-testid=offer-accept]");
  const showOffer = !!entry && !shownEnough(accept);
  if (!noticeShown()) flaggedNotice = null;
  // The notice that one timed out and the offer that came next (often the same request, again) may both be out of view.
  const showNotice = !!flaggedNotice && !inView($("notice"), { start: true });
  const hadFocus = bar.contains(document.activeElement);
  const next = `${showNotice ? `notice:${flaggedNotice}` : ""}|${showOffer ? `offer:${entry.offer.offerId}:${state.offers.size}` : ""}`;
  if (next !== key) {
    key = next;
    clear(bar);
    if (showNotice) bar.append(noticeContent());
    if (showOffer) bar.append(offerContent(entry));
    bar.hidden = !showOffer && !showNotice;
    if (hadFocus && !bar.contains(document.activeElement)) refocus("composer-text", "chat-title", "main");
  }
  if (!bar.hidden) placeBar(bar);
  makeRoom(bar);
  // The alert about another chat pinned under the headers goes under the bar (a review: the bar covered it).
  placeCareElsewhere();
  if (showOffer) {
    const left = secondsLeft(entry.offer);
    bar.querySelector("[data-testid=offer-bar-countdown]").textContent = `${left} ${left === 1 ? "second" : "seconds"} left`;
  }
  tick();
}

/** What the bar must never cover: the way out and the chat's safety actions (Back, "Exit site", the name, Report,
 *  Block, End). It sits under whichever of the page header and the open chat's header is on screen, not over them (it
 *  hid all of them for 30 s on a 360×740 phone: an outside probe). */
const KEEP_CLEAR = [".site-header", "#chat .chat-header"];

function placeBar(bar) {
  let top = 0;
  for (const selector of KEEP_CLEAR) {
    const node = document.querySelector(selector);
    if (!node || !node.getClientRects().length) continue;
    const r = node.getBoundingClientRect();
    if (r.bottom > top && r.top < innerHeight / 2) top = r.bottom;
  }
  bar.style.setProperty("top", `${Math.round(Math.max(0, Math.min(top, innerHeight / 2)))}px`);
}

/**
 * The bar lies over the top of the open chat's messages (under its header on a phone): they are pushed below it while
 * it shows. It hid the chat's only message, which could not be scrolled out from under it, for up to 30 s, and
 * Shift+Tab from the composer went to that message's Report and Block under it (an outside probe at 390×844).
 */
function makeRoom(bar) {
  const list = $("messages");
  let room = 0;
  if (!bar.hidden && list.getClientRects().length) {
    const b = bar.getBoundingClientRect();
    const m = list.getBoundingClientRect();
    const top = Math.max(m.top, 0);
    if (b.top <= top + 1 && b.bottom > top && m.bottom > b.bottom) room = Math.min(Math.ceil(b.bottom - top), Math.max(0, m.height - 64));
  }
  if (String(room) === (list.dataset.barRoom ?? "0")) return;
  list.dataset.barRoom = String(room);
  list.style.paddingTop = room ? `calc(0.75rem + ${room}px)` : "";
}

/** While something may need the bar, it is checked twice a second (the countdown, and what scrolled into view). */
function tick() {
  const needed = state.offers.size > 0 || noticeShown();
  if (needed && !timer) timer = setInterval(renderOfferBar, 500);
  if (!needed && timer) {
    clearInterval(timer);
    timer = null;
  }
}

function offerContent(entry) {
  const { offer } = entry;
  const who = offer.seekerAgeGroup === "teen" ? "A 13 to 17 year old" : "Someone";
  const more = state.offers.size > 1 ? ` (${state.offers.size} requests)` : "";
  const press = (testid) => () => entry.node.querySelector(`[data-testid=${testid}]`)?.click();
  return el("div", { className: "offer-bar-row", attrs: { "data-testid": "offer-bar-offer" } }, [
    el("p", { className: "offer-bar-text" }, [
      el("strong", { text: `New request: ${who} would like to talk about ${topicTitle(offer.topic)}${more}.` }),
      " ",
      el("span", { className: "countdown", attrs: { "data-testid": "offer-bar-countdown" } }),
    ]),
    el("div", { className: "actions" }, [
      el("button", { className: "btn small primary", text: "Accept", attrs: { type: "button", "aria-label": `Accept the request about ${topicTitle(offer.topic)}`, "data-testid": "offer-bar-accept" }, on: { click: press("offer-accept") } }),
      el("button", { className: "btn small", text: "Not now", attrs: { type: "button", "aria-label": `Not now: decline the request about ${topicTitle(offer.topic)}`, "data-testid": "offer-bar-decline" }, on: { click: press("offer-decline") } }),
      el("button", { className: "btn small", text: "View", attrs: { type: "button", "aria-label": "View the request in full", "data-testid": "offer-bar-view" }, on: { click: () => viewOffer(entry) } }),
    ]),
  ]);
}

function noticeContent() {
  return el("div", { className: "offer-bar-row" }, [
    el("p", { className: "offer-bar-text", text: flaggedNotice, attrs: { "data-testid": "offer-bar-notice" } }),
    el("div", { className: "actions" }, [
      el("button", { className: "btn small", text: "Dismiss", attrs: { type: "button", "data-testid": "offer-bar-dismiss" }, on: { click: dismissNotice } }),
    ]),
  ]);
}

/** "View": the offer itself, with its note and why it came to them, and focus on its Accept. */
function viewOffer(entry) {
  entry.node.scrollIntoView({ block: "center" });
  entry.node.querySelector("[data-testid=offer-accept]")?.focus({ preventScroll: true });
  renderOfferBar();
}

function dismissNotice() {
  $("notice").hidden = true;
  flaggedNotice = null;
  renderOfferBar();
}

export function wireOfferBar() {
  // Whatever changes the offers or the notice (listen.js, views.js, app.js) is seen here without being told.
  const observer = new MutationObserver(() => renderOfferBar());
  observer.observe($("offers"), { attributes: true, attributeFilter: ["hidden"], childList: true, subtree: true });
  observer.observe($("notice"), { attributes: true, attributeFilter: ["hidden"], childList: true, subtree: true, characterData: true });
  addEventListener("scroll", () => renderOfferBar(), { passive: true });
  addEventListener("resize", () => renderOfferBar());
}
