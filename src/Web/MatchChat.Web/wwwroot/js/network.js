// [network] "Your people": trusted contacts (hub: AddToNetwork, RemoveFromNetwork, ListNetwork) and
// "Ask <handle> again" (RequestListener with preferHandle). Contacts are known by handle only.
import { $, el, clear, refocus, refocusInList } from "./dom.js";
import { describeError } from "./errors.js";
import { state, load, save } from "./store.js";
import { invoke } from "./connection.js";
import { showView, showNotice, announce, topicTitle } from "./views.js";
import { setTicket, renderTalk } from "./talk.js";
import { isOpen, seekerConversationIds } from "./requests.js";

/** handle -> {handle, topics, available, lastTalkedAt} */
export const network = new Map();

/** Handles the server refused to add (AddToNetwork: forbidden, e.g. they deleted their data): no longer offered. */
const notAddable = new Set();

/** Peers this page heard delete their data (kept per member: a reload does not offer them again). */
const deletedPeers = () => new Set(load("deletedPeers", []) || []);

/**
 * `MessagesRedacted({channel, handle})` for a conversation of ours with `handle`: they deleted their data. A conversation
 * that had already ended hears no `ConversationEnded` (reason `deleted`), so this is how the page knows not to offer
 * "Add" for them (the server refuses it).
 */
export function onPeerDeleted({ channel, handle } = {}) {
  const ours = [...state.conversations.values()].some((c) => c.channel === channel && c.peerHandle === handle);
  if (!ours) return;
  const gone = deletedPeers();
  if (gone.has(handle)) return;
  gone.add(handle);
  save("deletedPeers", [...gone].slice(-200));
  renderNetwork();
}

export async function refreshNetwork() {
  if (!state.connected) return renderNetwork();
  try {
    network.clear();
    for (const contact of await invoke("ListNetwork")) network.set(contact.handle, contact);
  } catch { /* keep what we have */ }
  renderNetwork();
}

/** The topic to ask a contact on: the last one we talked about if they still listen on it, else their first one we may enter. */
export function topicFor(contact) {
  const mayEnter = (slug) => state.topics.some((t) => t.slug === slug);
  const talks = [...state.conversations.values()]
    .filter((c) => c.peerHandle === contact.handle)
    .sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)));
  const last = talks.find((c) => contact.topics.includes(c.topic) && mayEnter(c.topic));
  return last ? last.topic : contact.topics.find(mayEnter) || null;
}

/** RequestListener({topic, preferHandle}): the contact is offered it first; if they can't, the usual matching goes on. */
export async function askAgain(handle) {
  const contact = network.get(handle);
  const topic = contact && topicFor(contact);
  if (!topic) {
    showNotice(`${handle} isn't listening on a topic you can join right now. You can still ask for someone else under "Talk to someone".`);
    return;
  }
  const known = seekerConversationIds(state.conversations.values());
  try {
    const ticket = await invoke("RequestListener", { topic, experiences: [], note: null, preferHandle: handle });
    if (isOpen(ticket)) setTicket(ticket, known);
    renderTalk();
    showView("talk");
    announce(`We've asked ${handle} first. If they can't take it, we'll find someone else for "${topicTitle(topic)}".`);
  } catch (err) {
    showNotice(describeError(err).text);
  }
}

/** The place of `button` among the buttons like it in `listId` (where focus goes when its row is gone). */
const placeOf = (listId, selector, button) => [...$(listId).querySelectorAll(selector)].indexOf(button);

async function add(conversationId, handle, button) {
  const place = placeOf("network-candidates", "[data-testid=network-add]", button);
  button.disabled = true;
  try {
    await invoke("AddToNetwork", conversationId);
    await refreshNetwork();
    announce("Added to your people.");
    // The row is gone (focus fell to the page): the next person to add, else the trusted contacts, where they are now.
    refocusInList("network-candidates", "[data-testid=network-add]", place, "people-title");
  } catch (err) {
    const e = describeError(err);
    if (e.code !== "forbidden") {
      button.disabled = false;
      showNotice(e.text);
      return refocus(button);
    }
    notAddable.add(handle);
    renderNetwork();
    showNotice(`${handle} can no longer be added to your people, so they are no longer offered here.`);
    refocus("network-candidates-title");
  }
}

async function remove(handle, button) {
  const place = placeOf("network-list", "[data-testid=network-remove]", button);
  button.disabled = true;
  try {
    await invoke("RemoveFromNetwork", handle);
    network.delete(handle);
    renderNetwork();
    announce(`${handle} is no longer in your people.`);
    // The row is gone: the next contact's Remove, else the list's heading (focus fell to the page: an outside probe).
    refocusInList("network-list", "[data-testid=network-remove]", place, "people-title");
  } catch (err) {
    button.disabled = false;
    showNotice(describeError(err).text);
    refocus(button);
  }
}

function lastTalked(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : `Last talked ${d.toLocaleDateString([], { day: "numeric", month: "long" })}`;
}

export function renderNetwork() {
  const list = $("network-list");
  clear(list);
  for (const contact of network.values()) {
    const status = contact.topics.length === 0
      ? "Not listening at the moment"
      : `${contact.available ? "Available now" : "Not available right now"} · ${contact.topics.map(topicTitle).join(", ")}`;
    list.append(el("li", { className: "blocked-item", attrs: { "data-testid": "network-contact", "data-handle": contact.handle } }, [
      el("span", { className: "meta" }, [
        el("span", { className: "name", text: contact.handle }),
        el("span", { className: "hint", text: status, attrs: { "data-testid": "network-status" } }),
        el("span", { className: "hint", text: lastTalked(contact.lastTalkedAt) }),
      ]),
      contact.topics.length > 0 ? el("button", {
        className: "btn small primary",
        text: `Ask ${contact.handle}`,
        attrs: { type: "button", "data-testid": "network-ask" },
        on: { click: () => askAgain(contact.handle) },
      }) : null,
      el("button", {
        className: "btn small",
        text: "Remove",
        attrs: { type: "button", "aria-label": `Remove ${contact.handle} from your people`, "data-testid": "network-remove" },
        on: { click: (e) => remove(contact.handle, e.currentTarget) },
      }),
    ]));
  }
  $("network-empty").hidden = network.size > 0;

  // Peers of recent conversations who are not in the network yet (one row per person, newest talk). Someone who deleted
  // their data (a conversation that ended with reason `deleted`) cannot be added: their handle is gone for good.
  const gone = new Set([...state.conversations.values()].filter((c) => c.endReason === "deleted").map((c) => c.peerHandle));
  for (const handle of deletedPeers()) gone.add(handle);
  const candidates = new Map();
  for (const c of [...state.conversations.values()].sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)))) {
    const offered = !network.has(c.peerHandle) && !state.blocked.has(c.peerHandle) && !gone.has(c.peerHandle) && !notAddable.has(c.peerHandle);
    if (offered && !candidates.has(c.peerHandle)) candidates.set(c.peerHandle, c);
  }
  const candidateList = $("network-candidates");
  clear(candidateList);
  for (const [handle, c] of candidates) {
    candidateList.append(el("li", { className: "blocked-item", attrs: { "data-testid": "network-candidate", "data-handle": handle } }, [
      el("span", { className: "meta" }, [
        el("span", { className: "name", text: handle }),
        el("span", { className: "hint", text: topicTitle(c.topic) }),
      ]),
      el("button", {
        className: "btn small",
        text: `Add ${handle}`,
        attrs: { type: "button", "data-testid": "network-add" },
        on: { click: (e) => add(c.conversationId, handle, e.currentTarget) },
      }),
    ]));
  }
  $("network-candidates-empty").hidden = candidates.size > 0;

  const forSelect = $("checkin-for");
  const chosen = forSelect.value;
  clear(forSelect);
  forSelect.append(el("option", { text: "Me", attrs: { value: "" } }));
  for (const handle of network.keys()) forSelect.append(el("option", { text: handle, attrs: { value: handle } }));
  forSelect.value = network.has(chosen) ? chosen : "";
}

export function wireNetwork() {
  renderNetwork();
}
