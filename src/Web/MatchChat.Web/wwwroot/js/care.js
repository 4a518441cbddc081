// Crisis care on the page: the calm "Help now" card for the writer (`CrisisResources`), the guidance
// card for a listener whose conversation peer may need care (`PeerNeedsCare`), and the urgent mark on
// offers. Every text from the server is set as text; links only for tel: numbers and https: addresses.
import { $, el, clear } from "./dom.js";
import { state, load, save } from "./store.js";
import { announce } from "./views.js";
import { renderChatList, openChannel } from "./chats.js";
import { placeCareElsewhere, wireCarePin } from "./care-pin.js";

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

/**
 * A tap-to-reach link for a contact as the resource list writes it: "Call 116 123" or "116 123" (tel:),
 * "Text SHOUT to 85258" (sms: with the keyword as the message), or null when it is not a number.
 */
export function contactHref(contact) {
  const text = String(contact || "").trim();
  const sms = /^text\s+(\S+)\s+to\s+(\+?[\d\s\-]{3,})$/i.exec(text);
  if (sms) {
    const number = sms[2].replace(/[^\d+]/g, "");
    return number.replace(/\+/g, "").length >= 3 ? `sms:${number}?body=${encodeURIComponent(sms[1])}` : null;
  }
  const call = CALL_CONTACT.exec(text);
  return phoneHref(call ? call[1] : text);
}

/** How the resource lists say "call" ("Call 116 123", "Appelez le 3114", "Llame al 024", "Ligue 188"). */
const CALL_VERB = "(?:call|phone|dial|appelez(?:\\s+le)?|llam[ae]\\s+al|ligue(?:\\s+para)?|anrufen)";
const CALL_CONTACT = new RegExp(`^${CALL_VERB}(?:\\s+or\\s+text)?\\s*:?\\s*(\\+?[\\d\\s\\-().]{3,})$`, "i");
const SAYS_HOW = new RegExp(`^(?:${CALL_VERB}|text)\\b`, "i");

/** A tappable contact as the link reads: as written when it already says how ("Appelez le 3114"), else "Call 988". */
export const spelledContact = (contact) => (SAYS_HOW.test(String(contact).trim()) ? contact : `Call ${contact}`);

/**
 * The language a resource's own words are written in (its name, a contact as written, its hours): the first of its
 * `languages` (`/api/resources` lists the catalogue's, the text's own first: "TelefonSeelsorge" ["de"], Canada's 9-8-8
 * ["en", "fr"]), or null when it names none. Set as `lang` on those words only, so a screen reader reads "Appelez le
 * 3114" with a French voice and the page's English around it with an English one.
 */
export function resourceLanguage(r) {
  const first = Array.isArray(r?.languages) ? r.languages[0] : null;
  return typeof first === "string" && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(first) ? first : null;
}

/** A contact link's words: as written (in the resource's language) when it says how, else the page's "Call 988". */
const contactLang = (r) => (SAYS_HOW.test(String(r.contact).trim()) ? resourceLanguage(r) : null);

/** One resource as a list item: name, call or text link (or the contact), website link, hours and where. */
export function resourceItem(r) {
  const href = contactHref(r.contact);
  const url = safeUrl(r.url);
  const name = r.name || "Support line";
  const lang = r.name ? resourceLanguage(r) : null;
  const parts = [el("strong", { className: "care-name", text: name, attrs: { lang } })];
  if (href) {
    parts.push(el("a", { className: "care-call", text: spelledContact(r.contact), attrs: { href, lang: contactLang(r), "data-testid": "care-call" } }));
  } else if (r.contact) parts.push(el("span", { text: r.contact, attrs: { lang: resourceLanguage(r) } }));
  if (url) parts.push(el("a", { text: "Website", attrs: { href: url, target: "_blank", rel: "noopener noreferrer", "aria-label": `${name} website (opens in a new tab)`, "data-testid": "care-link" } }));
  const where = r.region === "*" ? "Worldwide" : r.region;
  if (r.hours || where) {
    const hours = r.hours ? el("span", { text: r.hours, attrs: { lang: resourceLanguage(r) } }) : null;
    parts.push(el("span", { className: "hint" }, [hours, hours && where ? " · " : null, where || null]));
  }
  return el("li", { className: "care-resource", attrs: { "data-testid": "care-resource" } }, parts);
}

/** `CrisisResources({level, resources, message})`: shown to the writer until dismissed. */
export function onCrisisResources(care) {
  if (!care) return;
  // A crisis reading is never folded away, not even by a later gentler one.
  const compact = care.level === "concern" && !(lastCare?.level === "crisis" && !$("care").hidden);
  lastCare = care;
  renderCare();
  setCompact(compact);
  $("care").hidden = false;
  $("help-now").hidden = false;
  $("care").scrollIntoView?.({ block: "nearest" });
  announce(compact
    ? "Support lines are there if you need them: \"See lines\" at the top of the page."
    : "Some support you can reach right now is shown at the top of the page.");
}

/**
 * A "concern" reading ("I moved to a new city and know nobody.") gets one line, "Support is there if you need it",
 * that opens on request: the full card filled a phone's screen and pushed the chat below it (an outside probe).
 */
function setCompact(compact) {
  $("care").classList.toggle("care-compact", compact);
  $("care-summary").hidden = !compact;
  $("care-details").hidden = compact;
  $("care-more").setAttribute("aria-expanded", "false");
  $("care-more").textContent = "See lines";
}

function renderCare() {
  const care = lastCare || {};
  const message = $("care-message");
  message.textContent = care.message || "You don't have to go through this alone. These people are there to listen, any time.";
  // The server writes it in the writer's language where it can: a screen reader reads it in that language.
  if (care.message && care.language) message.lang = care.language; else message.removeAttribute("lang");
  const list = $("care-resources");
  clear(list);
  for (const r of care.resources || []) list.append(resourceItem(r));
}

function showHelpNow() {
  if (!lastCare) lastCare = { resources: [] };
  renderCare();
  setCompact(false);
  $("care").hidden = false;
  $("care-title").focus();
}

// ---------------------------------------------------------------------------
// A listener's guidance card: kept per conversation and shown in that conversation, under its header;
// the conversation's entry in "Your chats" carries a mark until the card is closed.

/**
 * conversationId → {guidance, resources, language}, for the conversations whose peer may need care. Kept in this
 * member's storage, not only in memory: the server sends `PeerNeedsCare` once, and a reload wiped the note, the mark
 * and the alert while the crisis message was still in the history (an outside probe). Gone when the note is closed,
 * the chat ends (forgetPeerCare) or the member's data is deleted (storage.forgetMember).
 */
const peerCare = {
  all: () => load("peerCare", {}) || {},
  has: (id) => Object.hasOwn(peerCare.all(), id),
  get: (id) => peerCare.all()[id],
  keys: () => Object.keys(peerCare.all()),
  set: (id, care) => save("peerCare", { ...peerCare.all(), [id]: care }),
  delete: (id) => {
    const kept = peerCare.all();
    if (!Object.hasOwn(kept, id)) return;
    delete kept[id];
    save("peerCare", kept);
  },
};

/** The conversation ended: its guidance goes (the server will not send it again, and an ended chat needs none). */
export const forgetPeerCare = (conversationId) => peerCare.delete(conversationId);

/** After ListConversations: guidance of chats that ended while this page was away, or that are no longer listed, goes. */
export function prunePeerCare(listed) {
  const open = new Set(listed.filter((c) => !c.endedAt).map((c) => c.conversationId));
  for (const id of peerCare.keys()) if (!open.has(id)) peerCare.delete(id);
}

/** Guidance still applies to a conversation while it is open: an ended chat needs neither the banner nor the mark. */
const stillCaring = (c) => !!c && !c.endedAt;

/** Whether a guidance card is waiting for this conversation (the chat list marks it). */
export function needsCare(conversationId) {
  return peerCare.has(conversationId) && stillCaring(state.conversations.get(conversationId));
}

/** `PeerNeedsCare({conversationId, guidance, resources})` to the other person in a conversation. */
export function onPeerNeedsCare({ conversationId, guidance, resources, language } = {}) {
  if (!conversationId) return;
  const c = state.conversations.get(conversationId);
  // Screening runs after the message: the chat may have ended first. Nothing is kept for an ended one (a review).
  if (c && !stillCaring(c)) return;
  peerCare.set(conversationId, { guidance, resources, language });
  renderPeerCare();
  renderChatList();
  const open = c && state.view === "chats" && state.openChannel === c.channel;
  if (open) announce("A note about the person you are talking with is shown above your messages.");
  // Otherwise the banner at the top says it (an alert): a listener with two chats must not miss it.
}

/**
 * Above every view: each conversation whose peer may need care while another chat (or none) is on screen, with a
 * button that opens it. A small mark in "Your chats" was all a listener looking at another chat had before.
 */
export function renderCareElsewhere() {
  const box = $("care-elsewhere");
  if (!box) return;
  const waiting = state.leaving || state.view === "goodbye" ? [] : [...peerCare.keys()]
    .map((id) => state.conversations.get(id))
    .filter((c) => stillCaring(c) && !(state.view === "chats" && state.openChannel === c.channel));
  // Rebuilt only when what it says changes: it is an alert, and screen readers announce every rebuild.
  const key = waiting.map((c) => c.conversationId).join(",");
  if (box.dataset.key === key) return placeCareElsewhere();
  box.dataset.key = key;
  clear(box);
  box.hidden = waiting.length === 0;
  for (const c of waiting) {
    box.append(el("p", {}, [
      el("strong", { text: `${c.peerHandle || "Someone you are talking with"} may be going through a very hard time. ` }),
      el("button", { className: "btn small primary", text: `Open the chat with ${c.peerHandle || "them"}`, attrs: { type: "button", "data-testid": "care-elsewhere-open" }, on: { click: () => openChannel(c.channel) } }),
    ]));
  }
  placeCareElsewhere();
}

/** Shows the guidance card of the open conversation, if it has one, between its header and its messages. */
export function renderPeerCare() {
  renderCareElsewhere();
  const box = $("peer-care");
  clear(box);
  const c = state.openChannel ? [...state.conversations.values()].find((x) => x.channel === state.openChannel) : null;
  const care = stillCaring(c) ? peerCare.get(c.conversationId) : null;
  box.hidden = !care;
  if (!care) return;
  const who = c.peerHandle ? `the person you are talking with (${c.peerHandle})` : "the person you are talking with";
  const id = `peer-care-${c.conversationId}`;
  box.append(el("section", { className: "care peer-care", attrs: { "data-testid": "peer-care", "data-conversation-id": c.conversationId, "aria-labelledby": id } }, [
    el("h3", { text: `A note for you: ${who} may be going through a very hard time`, attrs: { id } }),
    el("p", { text: care.guidance || "Stay calm and kind, listen, and gently share the support below.", attrs: care.guidance && care.language ? { lang: care.language } : {} }),
    el("ul", { className: "care-list" }, (care.resources || []).map(resourceItem)),
    el("div", { className: "actions" }, [
      el("button", { className: "btn small", text: "Close this note", attrs: { type: "button", "data-testid": "peer-care-close" }, on: { click: () => { peerCare.delete(c.conversationId); renderPeerCare(); renderChatList(); $("composer-text").focus(); } } }),
    ]),
  ]));
}

/** The "urgent" mark for an offer whose priority is urgent (null otherwise). */
export function urgentBadge(offer) {
  return offer && offer.priority === "urgent"
    ? el("span", { className: "badge urgent", text: "urgent", attrs: { "data-testid": "offer-urgent" } })
    : null;
}

/**
 * The browser's region from its language tags ("en-GB" → GB, "pt-BR" → BR), or null when none names one: a bare "de"
 * says nothing of where someone is, and the server's default region's line (988) would be wrong for them.
 */
export function browserRegion(languages, timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone) {
  for (const tag of languages || []) {
    const match = /^([a-z]{2,3})-([a-z]{2})$/i.exec(String(tag));
    if (!match) continue;
    const region = match[2].toUpperCase();
    // "en-US" is many browsers' default far from the US (India, Nigeria, the Philippines): 988 is named only when the
    // clock is set to a US time zone too.
    if (region === "US" && !isUsTimeZone(timeZone)) return null;
    return { region, language: match[1].toLowerCase() };
  }
  return null;
}

const US_ZONES = /^(America\/(New_York|Detroit|Chicago|Denver|Phoenix|Los_Angeles|Anchorage|Juneau|Sitka|Nome|Yakutat|Metlakatla|Adak|Boise|Menominee|Indiana\/.+|Kentucky\/.+|North_Dakota\/.+|Puerto_Rico)|Pacific\/Honolulu|US\/.+)$/;
const isUsTimeZone = (zone) => US_ZONES.test(String(zone || ""));

/** The footer names the local crisis line, before anyone joins: "In danger now? Call 116 123 (Samaritans) or find a crisis line near you". */
export async function showLocalCrisisLine(languages = navigator.languages || [navigator.language]) {
  const where = browserRegion(languages);
  if (!where) return;
  try {
    const response = await fetch(`/api/resources?region=${where.region}&language=${where.language}`, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const line = (await response.json()).find((r) => r.kind === "crisis" && r.region !== "*" && r.contact);
    if (!line) return;
    const href = contactHref(line.contact);
    const slot = $("footer-local");
    clear(slot);
    // The line's own words carry its language (`lang`); the English around them ("In danger now?", "or") stays English.
    const lang = resourceLanguage(line);
    if (href) {
      slot.append(
        el("a", { text: spelledContact(line.contact), attrs: { href, lang: contactLang(line), "data-testid": "footer-call" } }),
        " (", el("span", { text: line.name, attrs: { lang, "data-testid": "footer-line-name" } }), ") or",
      );
    } else {
      // A contact that is not one number ("0800 111 0 111 oder 0800 111 0 222"): as written, with the service's name.
      slot.append(el("span", { text: `${line.name}: ${line.contact}`, attrs: { lang, "data-testid": "footer-call" } }), " or");
    }
    slot.hidden = false;
  } catch { /* the directory link stays */ }
}

export function wireCare() {
  wireCarePin();
  $("help-now").addEventListener("click", showHelpNow);
  $("care-more").addEventListener("click", () => {
    const open = $("care-details").hidden;
    $("care-details").hidden = !open;
    $("care-more").setAttribute("aria-expanded", String(open));
    $("care-more").textContent = open ? "Hide lines" : "See lines";
  });
  $("care-close").addEventListener("click", () => {
    $("care").hidden = true;
    $("help-now").focus();
  });
}
