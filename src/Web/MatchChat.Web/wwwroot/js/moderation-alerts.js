// The moderator console's crisis alerts: ListAlerts when the console opens (this also turns on live
// `CrisisAlert` events for the connection), new alerts live, Acknowledge, and the alert's context
// (GetAlertContext, audited by the server) shown as text. Open alerts are counted on the Moderation nav item, and
// the ones that arrived while the console was not on screen in the page title, until the console is opened.
import { $, el, clear, formatTime, refocus, setBadge } from "./dom.js";
import { describeError } from "./errors.js";
import { state } from "./store.js";
import { invoke } from "./connection.js";
import { isModerator } from "./trust.js";
import { channelLabel } from "./moderation-model.js";
import { announce, setUnseenAlerts } from "./views.js";

const alerts = new Map(); // alertId -> Alert
const contexts = new Map(); // alertId -> Message[] | {error}
const unseen = new Set(); // alertIds of open alerts that arrived live while the console was not on screen
// Kept across redraws (another moderator's acknowledgement redraws the list mid-request): an Acknowledge on its way stays
// disabled, and its error is shown in the card as it is now.
const pending = new Set();
const failures = new Map(); // alertId -> error text

export async function loadAlerts() {
  if (!isModerator(state.me) || !state.connected) return;
  const status = $("alerts-status");
  try {
    const list = await invoke("ListAlerts", {});
    for (const a of list || []) alerts.set(a.alertId, { ...alerts.get(a.alertId), ...a });
    status.textContent = "";
  } catch (err) {
    status.textContent = describeError(err).text;
  }
  renderAlerts();
}

/** `CrisisAlert(Alert)`: a new alert at the top without a reload. */
export function onCrisisAlert(alert) {
  if (!alert || !isModerator(state.me)) return;
  const isNew = !alerts.has(alert.alertId);
  alerts.set(alert.alertId, { ...alerts.get(alert.alertId), ...alert });
  const away = state.view !== "moderate";
  if (isNew && away && alert.status !== "acknowledged") unseen.add(alert.alertId);
  renderAlerts();
  if (isNew) announce(`New crisis alert about ${alert.handle}.${away ? " It is in Moderation." : ""}`);
}

/** `AlertUpdated(Alert)`: another moderator acknowledged an alert (or this one did in another tab); only known alerts. */
export function onAlertUpdated(alert) {
  if (!alert || !isModerator(state.me) || !alerts.has(alert.alertId)) return;
  const was = alerts.get(alert.alertId);
  alerts.set(alert.alertId, { ...was, ...alert });
  renderAlerts();
  const byOther = alert.acknowledgedBy && alert.acknowledgedBy !== state.session?.handle;
  if (was.status === "open" && alert.status === "acknowledged" && byOther && state.view === "moderate") {
    announce(`Alert about ${alert.handle} acknowledged by ${alert.acknowledgedBy}.`);
  }
}

/** The console is on screen: what arrived meanwhile has been seen (the title drops its count; the badge stays). */
export function seeAlerts() {
  unseen.clear();
  renderAlertBadge();
}

export function clearAlerts() {
  alerts.clear();
  contexts.clear();
  unseen.clear();
  failures.clear();
  renderAlerts();
}

/** The nav badge counts the open alerts, as the reports badge counts open reports; the title counts the unseen ones. */
function renderAlertBadge() {
  const open = [...alerts.values()].filter((a) => a.status === "open");
  for (const id of unseen) if (alerts.get(id)?.status !== "open") unseen.delete(id);
  setBadge($("moderate-alerts-badge"), open.length, (k) => (k === 1 ? " open crisis alert" : " open crisis alerts"));
  setUnseenAlerts(unseen.size);
}

function renderAlerts() {
  renderAlertBadge();
  const list = $("alert-list");
  if (!list) return;
  // A list redrawn under a moderator (a new alert, another's acknowledgement) keeps the notes they were typing and their
  // place: the same control of the same alert, else that alert's card heading's Context button.
  const notes = new Map([...list.querySelectorAll("[data-testid=alert-note]")].map((n) => [n.closest("[data-alert-id]")?.dataset.alertId, n.value]));
  const active = document.activeElement && list.contains(document.activeElement) ? document.activeElement : null;
  const focusId = active?.closest("[data-alert-id]")?.dataset.alertId;
  const focusKind = active?.dataset.testid;
  clear(list);
  const sorted = [...alerts.values()].sort((a, b) =>
    (a.status === "open" ? 0 : 1) - (b.status === "open" ? 0 : 1) || String(b.createdAt).localeCompare(String(a.createdAt)));
  for (const a of sorted) {
    const card = alertCard(a);
    const note = card.querySelector("[data-testid=alert-note]");
    if (note && notes.get(a.alertId)) note.value = notes.get(a.alertId);
    list.append(card);
  }
  if (!sorted.length) list.append(el("li", { className: "hint", text: "No alerts. New ones appear here as they happen." }));
  if (focusId) {
    const card = list.querySelector(`[data-alert-id="${CSS.escape(focusId)}"]`);
    refocus(card?.querySelector(`[data-testid="${focusKind}"]`) || card?.querySelector("[data-testid=alert-context]"), "alerts-title");
  }
}

function alertCard(a) {
  const open = a.status === "open";
  // A note with a channel is one given with thanks at a conversation's end; without, a request's or a check-in's note.
  const where = a.source === "note" ? (a.channel ? "in a note given with thanks" : "in a request note or a check-in note") : a.channel ? channelLabel(a.channel) : "in a message";
  const card = el("li", { className: `alert-card${open ? " open" : ""}`, attrs: { "data-testid": "alert", "data-alert-id": a.alertId } }, [
    el("h3", { text: `${a.level === "crisis" ? "Crisis" : "Concern"}: ${a.handle}` }),
    el("p", { className: "hint", text: `${where} · ${formatTime(a.createdAt)} · ${open ? "open" : `acknowledged${a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : ""}`}`, attrs: { "data-testid": "alert-status" } }),
  ]);
  const result = el("p", { className: "form-result", text: failures.get(a.alertId) || "", attrs: { role: "status", "data-kind": failures.has(a.alertId) ? "error" : null } });
  const actions = el("div", { className: "actions" });
  if (open) {
    // An optional note for the other moderators (kept with the alert, at most 500 characters).
    const noteId = `alert-note-${a.alertId}`;
    const note = el("input", { attrs: { id: noteId, type: "text", maxlength: "500", autocomplete: "off", "data-testid": "alert-note" } });
    actions.append(
      el("label", { className: "visually-hidden", text: `Note about the alert on ${a.handle} (optional)`, attrs: { for: noteId } }),
      note,
      el("button", { className: "btn primary small", text: "Acknowledge", attrs: { type: "button", "aria-label": `Acknowledge the alert about ${a.handle}`, "data-testid": "alert-acknowledge", disabled: pending.has(a.alertId) ? "" : null }, on: { click: (e) => acknowledge(a, e.currentTarget, note.value) } }));
    note.placeholder = "Note (optional)";
  }
  // Every card has these buttons: their names say whose alert (a list of "Context, Context, Context" said nothing).
  actions.append(el("button", { className: "btn small", text: "Context", attrs: { type: "button", "aria-label": `Show context of the alert about ${a.handle}`, "data-testid": "alert-context", "aria-expanded": String(contexts.has(a.alertId)) }, on: { click: () => toggleContext(a) } }));
  card.append(actions, result);
  const context = contexts.get(a.alertId);
  if (context) card.append(contextList(a, context));
  return card;
}

function contextList(a, context) {
  if (context.error) return el("p", { className: "hint", text: context.error });
  // A request note alert's context is the note itself, readable while that request still waits; a note given with
  // thanks is not kept, and its context is the conversation's last messages.
  const note = a.source === "note" && !a.channel;
  const thanks = a.source === "note" && !!a.channel;
  const label = note ? `Note of ${a.handle}` : thanks ? `The conversation's last messages before ${a.handle}'s note given with thanks` : `Messages before the alert about ${a.handle}`;
  const none = note
    ? "The note can no longer be read: that request is no longer open, or that check-in has come due."
    : "No messages were kept with this alert.";
  return el("ol", { className: "evidence", attrs: { "data-testid": "alert-context-list", "aria-label": label } }, context.length
    ? context.map((m) => {
      // The message that raised the alert (a note alert: the note) is marked in words, not by its border alone.
      const flagged = isFlagged(a, m);
      return el("li", { className: `evidence-msg${flagged ? " reported flagged" : ""}`, attrs: { "data-testid": "alert-context-message", "data-seq": m.seq, "data-flagged": flagged ? "true" : null } }, [
        flagged ? el("span", { className: "flag-label", attrs: { "data-testid": "alert-context-flag" } }, [
          document.createTextNode("Flagged"),
          el("span", { className: "visually-hidden", text: note ? ": this note raised the alert." : ": this message raised the alert." }),
        ]) : null,
        el("span", { className: "who", text: `${m.senderHandle} · ${note ? "note · " : ""}${formatTime(m.sentAt)}` }),
        el("p", { className: `text${m.redacted ? " removed" : ""}`, text: m.redacted ? "Message removed" : m.text, attrs: { dir: "auto" } }),
      ]);
    })
    : [el("li", { className: "hint", text: none })]);
}

/** Whether `m` is what raised alert `a`: the message with the alert's seq, or a note alert's note (channel "", seq 0). */
function isFlagged(a, m) {
  if (a.source === "note") return !a.channel;
  return a.seq !== null && a.seq !== undefined && Number(m.seq) === Number(a.seq);
}

async function acknowledge(a, button, note) {
  button.disabled = true;
  pending.add(a.alertId);
  failures.delete(a.alertId);
  try {
    const text = String(note || "").trim();
    const updated = await invoke("AcknowledgeAlert", text ? { alertId: a.alertId, note: text } : { alertId: a.alertId });
    alerts.set(a.alertId, { ...a, ...(updated || { status: "acknowledged", acknowledgedBy: state.session.handle }) });
    announce(`Alert about ${a.handle} acknowledged.`);
    renderAlerts();
    // Its "Acknowledge" is gone: this alert's "Context" (never another alert's button, pressed by mistake), else the heading.
    const card = $("alert-list").querySelector(`[data-alert-id="${CSS.escape(a.alertId)}"]`);
    refocus(card?.querySelector("[data-testid=alert-context]"), "alerts-title");
  } catch (err) {
    pending.delete(a.alertId);
    failures.set(a.alertId, describeError(err).text);
    renderAlerts();
    const card = $("alert-list").querySelector(`[data-alert-id="${CSS.escape(a.alertId)}"]`);
    refocus(card?.querySelector("[data-testid=alert-acknowledge]"), card?.querySelector("[data-testid=alert-context]"), "alerts-title");
  } finally {
    pending.delete(a.alertId);
  }
}

async function toggleContext(a) {
  if (contexts.has(a.alertId)) contexts.delete(a.alertId);
  else {
    try {
      contexts.set(a.alertId, (await invoke("GetAlertContext", a.alertId)) || []);
    } catch (err) {
      contexts.set(a.alertId, { error: describeError(err).text });
    }
  }
  // The list is rebuilt, and the pressed button with it: focus goes to this alert's new "Context", not to <body>.
  const had = document.activeElement;
  const pressed = !had || had === document.body || !had.isConnected || had.closest?.(`[data-alert-id="${CSS.escape(a.alertId)}"]`);
  renderAlerts();
  const card = $("alert-list").querySelector(`[data-alert-id="${CSS.escape(a.alertId)}"]`);
  if (pressed) card?.querySelector("[data-testid=alert-context]")?.focus();
  // Up to 21 messages, the flagged one last: it is brought into view (focus stays on "Context", which closes them again).
  card?.querySelector("[data-flagged=true]")?.scrollIntoView({ block: "nearest" });
}
