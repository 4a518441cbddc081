// Crisis care on the page: the calm "Help now" card for the writer (`CrisisResources`), the guidance
// card for a listener whose conversation peer may need care (`PeerNeedsCare`), and the urgent mark on
// offers. Every text from the server is set as text; links only for tel: numbers and https: addresses.
import { $, el, clear } from "./dom.js";
import { state } from "./store.js";
import { announce } from "./views.js";
import { openChannel } from "./chats.js";

let lastCare = null;

/** A phone number such as "988", "+44 116 123" or "0800 1111": digits, spaces, +, -, (). */
export function phoneHref(contact) {
  const text = String(contact || "").trim();
  if (!/^\+?[\d\s\-().]{3,}$/.test(text)) return null;
  const digits = text.replace(/[^\d+]/g, "");
  return digits.replace(/\+/g, "").length >= 3 ? `tel:${digits}` : null;
}

function safeUrl(url) {
  const text = String(url || "");
  return /^https:\/\//i.test(text) ? text : null;
}

/** One resource as a list item: name, call link or contact, website link, hours. */
export function resourceItem(r) {
  const tel = phoneHref(r.contact);
  const url = safeUrl(r.url);
  const parts = [el("strong", { className: "care-name", text: r.name || "Support line" })];
  if (tel) parts.push(el("a", { className: "care-call", text: `Call ${r.contact}`, attrs: { href: tel, "data-testid": "care-call" } }));
  else if (r.contact) parts.push(el("span", { text: r.contact }));
  if (url) parts.push(el("a", { text: "Website", attrs: { href: url, target: "_blank", rel: "noopener noreferrer", "data-testid": "care-link" } }));
  const details = [r.hours, r.region].filter(Boolean).join(" · ");
  if (details) parts.push(el("span", { className: "hint", text: details }));
  return el("li", { className: "care-resource", attrs: { "data-testid": "care-resource" } }, parts);
}

/** `CrisisResources({level, resources, message})`: shown to the writer until dismissed. */
export function onCrisisResources(care) {
  if (!care) return;
  lastCare = care;
  renderCare();
  $("care").hidden = false;
  $("help-now").hidden = false;
  $("care").scrollIntoView?.({ block: "nearest" });
  announce("Some support you can reach right now is shown at the top of the page.");
}

function renderCare() {
  const care = lastCare || {};
  $("care-message").textContent = care.message || "You don't have to go through this alone. These people are there to listen, any time.";
  const list = $("care-resources");
  clear(list);
  for (const r of care.resources || []) list.append(resourceItem(r));
}

function showHelpNow() {
  if (!lastCare) lastCare = { resources: [] };
  renderCare();
  $("care").hidden = false;
  $("care-title").focus();
}

// ---------------------------------------------------------------------------
// A listener's guidance card

/** `PeerNeedsCare({conversationId, guidance, resources})` to the other person in a conversation. */
export function onPeerNeedsCare({ conversationId, guidance, resources } = {}) {
  if (!conversationId) return;
  const box = $("peer-care");
  box.querySelector(`[data-conversation-id="${CSS.escape(conversationId)}"]`)?.remove();
  const c = state.conversations.get(conversationId);
  const who = c?.peerHandle ? `the person you are talking with (${c.peerHandle})` : "the person you are talking with";
  const id = `peer-care-${conversationId}`;
  const card = el("section", { className: "care peer-care", attrs: { "data-testid": "peer-care", "data-conversation-id": conversationId, "aria-labelledby": id } }, [
    el("h2", { text: `A note for you: ${who} may be going through a very hard time`, attrs: { id } }),
    el("p", { text: guidance || "Stay calm and kind, listen, and gently share the support below." }),
    el("ul", { className: "care-list" }, (resources || []).map(resourceItem)),
    el("div", { className: "actions" }, [
      c ? el("button", { className: "btn small", text: "Open the chat", attrs: { type: "button" }, on: { click: () => openChannel(c.channel) } }) : null,
      el("button", { className: "btn small", text: "Close", attrs: { type: "button" }, on: { click: () => card.remove() } }),
    ]),
  ]);
  box.append(card);
  box.hidden = false;
  announce("A note about the person you are talking with is shown at the top of the page.");
}

/** The "urgent" mark for an offer whose priority is urgent (null otherwise). */
export function urgentBadge(offer) {
  return offer && offer.priority === "urgent"
    ? el("span", { className: "badge urgent", text: "urgent", attrs: { "data-testid": "offer-urgent" } })
    : null;
}

export function wireCare() {
  $("help-now").addEventListener("click", showHelpNow);
  $("care-close").addEventListener("click", () => {
    $("care").hidden = true;
    $("help-now").focus();
  });
}
