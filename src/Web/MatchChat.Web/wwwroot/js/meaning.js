// [network] Matching by meaning on the page: why two people were matched, and the listener's own words.
import { $, el } from "./dom.js";

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
export function renderPeerBio(conversation) {
  const box = $("chat-peer-bio");
  if (!box) return;
  const mine = conversation && conversation.role === "seeker";
  const reason = mine ? matchReasonText(conversation.matchReason) : null;
  const bio = mine ? conversation.peerBio : null;
  box.hidden = !reason && !bio;
  $("chat-peer-bio-reason").textContent = reason ?? "";
  $("chat-peer-bio-reason").hidden = !reason;
  $("chat-peer-bio-text").textContent = bio ? `In their words: “${bio}”` : "";
  $("chat-peer-bio-text").hidden = !bio;
}
