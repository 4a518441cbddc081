// Views, topics, notices, announcements and the confirmation dialog.
import { $, el, clear, tagLabel } from "./dom.js";
import { state } from "./store.js";
import { renderRooms, refreshRooms } from "./rooms.js";
import { renderChatList } from "./chats.js";
import { getChannel } from "./channels.js";
import { isModerator } from "./trust.js";
import { renderCareElsewhere } from "./care.js";

export const VIEWS = ["talk", "listen", "rooms", "chats", "network", "safety", "moderate"];

/** What to refresh when a view opens: view name -> function (registered by the feature modules). */
export const viewHooks = {};

export function showView(name, { focus = true } = {}) {
  if (name === "moderate" && !isModerator(state.me)) name = "talk";
  state.view = name;
  renderCareElsewhere();
  if (VIEWS.includes(name)) sessionStorage.setItem("matchchat.view", name);
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
    getChannel(state.channels, state.openChannel).unread = 0;
    renderChatList();
  }
  viewHooks[name]?.();
  if (focus) {
    const heading = document.querySelector(`#view-${name} h1`);
    heading?.focus();
  }
}

export function showWelcome() {
  $("main-nav").hidden = true;
  $("identity").hidden = true;
  showView("welcome", { focus: false });
}

export function renderTopicControls() {
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

export function topicTitle(slug) {
  const t = state.topics.find((x) => x.slug === slug);
  return t ? t.title : tagLabel(slug || "");
}

/**
 * Shows `text` in the notice above the views. `focus`: a confirmation of what the person just did (a report, a block)
 * gets focus, which brings it into view: on a phone the notice sat above the chat, off screen, while focus went back to
 * "Report" or the chat's title, and nothing on screen said it was done (an outside probe).
 */
export function showNotice(text, { focus = false } = {}) {
  $("notice-text").textContent = text;
  $("notice").hidden = false;
  // Never taken from someone typing (a slow Block answered while they wrote in the room's composer: a review).
  const typing = document.activeElement?.matches?.("textarea, input[type=text], input:not([type])");
  if (focus && !typing) $("notice-text").focus();
}

/**
 * Shows `text` in the error line `node` (role="alert": read out as it appears). `field`: the field it is about, marked
 * invalid, described by the line and focused (an outside probe: errors were silent and focus stayed on the button).
 */
export function fieldError(node, text, field = null) {
  node.textContent = text;
  node.hidden = false;
  if (!field) return;
  // A choice of radios is marked whole: whichever one a screen reader lands on says the choice is missing.
  const group = field.type === "radio" && field.form ? [...field.form.querySelectorAll(`input[type=radio][name="${field.name}"]`)] : [field];
  for (const one of group) {
    one.setAttribute("aria-invalid", "true");
    const ids = (one.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    if (!ids.includes(node.id)) one.setAttribute("aria-describedby", [...ids, node.id].join(" "));
  }
  field.focus();
}

/** Hides the error line `node` and takes back what fieldError said of the fields in `form`. */
export function clearFieldError(node, form) {
  node.hidden = true;
  for (const field of form.querySelectorAll("[aria-invalid]")) {
    field.removeAttribute("aria-invalid");
    const ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && id !== node.id);
    if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
    else field.removeAttribute("aria-describedby");
  }
}

export function announce(text) {
  const node = $("announcer");
  node.textContent = "";
  setTimeout(() => { node.textContent = text; }, 50);
}

let lastUnread = 0;
let unseenAlerts = 0;
let unseenMatch = false;

/** "(2) MatchChat" while something is waiting for the person: unread messages, open offers, unseen crisis alerts, or
 *  a match made while the tab was in the background ("(1) You're connected — MatchChat" until the tab is seen again:
 *  the waiting screen promises to bring them to the chat, and the title said nothing: an outside probe). */
export function updateTitle(unread = lastUnread) {
  lastUnread = unread;
  const waiting = unread + state.offers.size + unseenAlerts + (unseenMatch ? 1 : 0);
  const what = unseenMatch ? "You're connected — MatchChat" : "MatchChat — someone who has been there";
  document.title = `${waiting ? `(${waiting}) ` : ""}${what}`;
}

/** A seeker's new conversation opened: counted in the title if the tab is not on screen. */
export function noteMatch() {
  if (!document.hidden) return;
  unseenMatch = true;
  updateTitle();
}

document.addEventListener("visibilitychange", () => {
  if (document.hidden || !unseenMatch) return;
  unseenMatch = false;
  updateTitle();
});

/** A moderator's crisis alerts that arrived while the console was not on screen (moderation-alerts.js). */
export function setUnseenAlerts(n) {
  unseenAlerts = n;
  updateTitle();
}

export function confirmDialog({ title, text, ok, cancel }) {
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

/** A moderator's warning (`Warned({reason})`): stays on screen until the member dismisses it. */
export function onWarned({ reason } = {}) {
  $("warning-text").textContent = reason ? `"${reason}"` : "Please read our community guidelines again.";
  $("warning").hidden = false;
  $("warning").scrollIntoView?.({ block: "nearest" });
}
