// [network] Matching by meaning on the page: why two people were matched, and the listener's own words.
import { $, el } from "./dom.js";
import { load, save } from "./store.js";

/** The server's matchReason in a sentence: "shared: a, b" or "similar experience"; null when there is none. */
export function matchReasonText(reason) {
  if (!reason) return null;
  if (reason.startsWith("shared: ")) return `Matched because you both chose: ${reason.slice(8).split(", ").map((t) => t.replaceAll("-", " ")).join(", ")}`;
  if (reason === "similar experience") return "Matched because what they wrote sounds like what you've been through";
  return reason;
}

/** A line under an offer saying why it came to this listener, or null. */
export function offerReason(offer) {
  const text = matchReasonText(offer.matchReason);
  return text ? el("p", { className: "hint match-reason", text, attrs: { "data-testid": "offer-match-reason" } }) : null;
}

/** The seeker's conversation header: why they were matched and their listener's bio (hidden for rooms and listeners). */
/**
 * What a listener saw on the offer they accepted (the seeker's note, and whether the seeker is a teen), kept by
 * conversation: the conversation itself does not carry them, and the listener should not lose the note once they accept.
 */
export function rememberAcceptedOffer(conversationId, offer) {
  if (!conversationId || !offer) return;
  const kept = load("acceptedOffers", {});
  kept[conversationId] = { note: offer.note || null, teen: offer.seekerAgeGroup === "teen" };
  const ids = Object.keys(kept);
  for (const old of ids.slice(0, Math.max(0, ids.length - 50))) delete kept[old];
  save("acceptedOffers", kept);
}

export function forgetAcceptedOffer(conversationId) {
  const kept = load("acceptedOffers", null);
  if (kept && kept[conversationId]) {
    delete kept[conversationId];
    save("acceptedOffers", kept);
  }
}

export function acceptedOffer(conversationId) {
  return (load("acceptedOffers", {}) || {})[conversationId] || null;
}

export function renderPeerBio(conversation) {
  const box = $("chat-peer-bio");
  if (!box) return;
  const mine = conversation && conversation.role === "seeker";
  const reason = mine ? matchReasonText(conversation.matchReason) : null;
  // A seeker sees why they were matched and their listener's words; a listener sees the seeker's note from the offer.
  const offer = conversation && conversation.role === "listener" ? acceptedOffer(conversation.conversationId) : null;
  // The listener's words are shared for the time of the chat (the server drops them at its end).
  const bio = mine && !conversation.endedAt ? conversation.peerBio : null;
  const words = bio ? `In their words: “${bio}”` : offer && offer.note ? `Their note: “${offer.note}”` : "";
  box.hidden = !reason && !words;
  $("chat-about").hidden = box.hidden; // shown only on short screens, where the words are folded away (small-screens.css)
  $("chat-peer-bio-reason").textContent = reason ?? "";
  $("chat-peer-bio-reason").hidden = !reason;
  $("chat-peer-bio-text").textContent = words;
  $("chat-peer-bio-text").hidden = !words;
  // Another conversation opens with its words folded again.
  const id = conversation?.conversationId ?? null;
  if (id !== shownBioFor) setBioOpen(false);
  shownBioFor = id;
  updateBioMore();
}

let shownBioFor = null;

function setBioOpen(open) {
  $("chat").classList.toggle("bio-open", open);
  const more = $("chat-peer-bio-more");
  more.setAttribute("aria-expanded", String(open));
  more.textContent = open ? "Show less" : "Show all";
}

/** "Show all" only while the words are cut short (or opened): on a phone they are clamped to two lines. */
function updateBioMore() {
  const more = $("chat-peer-bio-more");
  if (!more) return;
  const text = $("chat-peer-bio-text");
  const reason = $("chat-peer-bio-reason");
  const cut = (node) => !node.hidden && (node.scrollHeight > node.clientHeight + 1 || node.scrollWidth > node.clientWidth + 1);
  more.hidden = !$("chat").classList.contains("bio-open") && !cut(text) && !cut(reason);
}

/** "About" in a short screen's chat header opens (and closes) why they were matched and their words. */
export function wireChatAbout() {
  $("chat-about").addEventListener("click", () => {
    const open = $("chat").classList.toggle("about-open");
    $("chat-about").setAttribute("aria-expanded", String(open));
  });
  $("chat-peer-bio-more").addEventListener("click", () => {
    setBioOpen(!$("chat").classList.contains("bio-open"));
    updateBioMore();
  });
  // A turned phone or a resized window clamps the words, or no longer does.
  if (typeof ResizeObserver === "function") {
    const watch = new ResizeObserver(() => updateBioMore());
    watch.observe($("chat-peer-bio-text"));
    watch.observe($("chat-peer-bio"));
  }
}
