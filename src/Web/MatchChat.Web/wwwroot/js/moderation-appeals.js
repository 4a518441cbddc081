// Appeals in the moderator console: suspended or banned members asking for a review (ListAppeals, oldest first), each
// lifted or kept with an optional note the member reads (DecideAppeal). There is no event for a new appeal: the list is
// read when the console opens (moderation.js `loadReports`) and again every half minute while it is on screen. A read
// that finds the same list leaves it as it is, so a keyboard user's focus is never taken from them.
import { $, el, clear, localDateTime, setBadge } from "./dom.js";
import { describeError } from "./errors.js";
import { state } from "./store.js";
import { invoke } from "./connection.js";
import { isModerator } from "./trust.js";
import { announce, confirmDialog } from "./views.js";

export const NOTE_MAX = 500;
const REREAD_MS = 30_000;

let reads = 0;
let shown = "";

setInterval(() => {
  if (state.view === "moderate" && state.connected && document.visibilityState === "visible") refreshAppeals();
}, REREAD_MS);

function say(text, kind = "ok") {
  const node = $("appeals-status");
  node.textContent = text;
  node.dataset.kind = kind;
}

/** Reads the open appeals and shows them; resolves once the list on screen is the server's. */
export async function refreshAppeals() {
  if (!isModerator(state.me) || !state.connected) return;
  const read = ++reads;
  let appeals;
  try {
    appeals = (await invoke("ListAppeals")) || [];
  } catch (err) {
    if (read === reads) say(`The appeals could not be loaded just now: ${describeError(err).text}`, "error");
    return;
  }
  // An older read that answers last (opening the console, then a decision) must not put back what it listed.
  if (read !== reads) return;
  if ($("appeals-status").dataset.kind === "error" && $("appeals-status").textContent.startsWith("The appeals could not")) say("");
  const key = JSON.stringify(appeals);
  if (key === shown && $("appeal-list").childElementCount === appeals.length) return;
  shown = key;
  renderAppeals(appeals);
}

/** The moderator role was taken away: nothing of the list stays in the page. */
export function clearAppeals() {
  reads++;
  shown = "";
  clear($("appeal-list"));
  $("appeals-empty").hidden = false;
  setBadge($("moderate-appeals-badge"), 0);
  say("");
}

function renderAppeals(appeals) {
  const list = $("appeal-list");
  // Keep what a moderator is typing, and where they are, across a re-read that brings a new appeal.
  const drafts = new Map();
  let focused = null;
  for (const entry of list.querySelectorAll("li[data-appeal-id]")) {
    const note = entry.querySelector("[data-testid=appeal-note]");
    if (note?.value) drafts.set(entry.dataset.appealId, note.value);
    if (entry.contains(document.activeElement)) focused = { id: entry.dataset.appealId, testid: document.activeElement.dataset.testid };
  }
  clear(list);
  for (const appeal of appeals) list.append(appealEntry(appeal, drafts.get(appeal.appealId)));
  $("appeals-empty").hidden = appeals.length > 0;
  setBadge($("moderate-appeals-badge"), appeals.length, (k) => (k === 1 ? " appeal waiting" : " appeals waiting"));
  if (focused) {
    const entry = list.querySelector(`li[data-appeal-id="${CSS.escape(focused.id)}"]`);
    entry?.querySelector(`[data-testid="${focused.testid}"]`)?.focus();
  }
}

function when(iso) {
  return localDateTime(iso) || "an unknown time";
}

function appealEntry(appeal, draft) {
  const id = `appeal-${appeal.appealId}`;
  const handle = appeal.handle;
  const note = el("input", { attrs: { id: `${id}-note`, type: "text", maxlength: String(NOTE_MAX), autocomplete: "off", dir: "auto", "aria-describedby": `${id}-note-hint`, "data-testid": "appeal-note" } });
  if (draft) note.value = draft;
  const result = el("p", { className: "form-result", attrs: { role: "status", "data-testid": "appeal-decide-result" } });
  const lift = el("button", { className: "btn", text: "Lift suspension", attrs: { type: "button", "aria-label": `Lift suspension for ${handle}`, "data-testid": "appeal-lift" } });
  const uphold = el("button", { className: "btn", text: "Keep suspension", attrs: { type: "button", "aria-label": `Keep suspension for ${handle}`, "data-testid": "appeal-uphold" } });
  const entry = el("li", { className: "appeal-entry", attrs: { "data-testid": "appeal", "data-appeal-id": appeal.appealId, "data-handle": handle, "aria-labelledby": `${id}-title` } }, [
    el("h3", { text: handle, attrs: { id: `${id}-title` } }),
    el("p", { className: "hint", text: appeal.suspendedUntil ? `Suspended until ${when(appeal.suspendedUntil)}` : "Banned (no end date)", attrs: { "data-testid": "appeal-suspension" } }),
    el("h4", { text: "The reason they were given" }),
    el("blockquote", { className: "report-reason", text: appeal.suspensionReason || "No reason was given.", attrs: { dir: "auto", "data-testid": "appeal-reason" } }),
    el("h4", { text: "What they wrote" }),
    el("blockquote", { className: "report-reason", text: appeal.text, attrs: { dir: "auto", "data-testid": "appeal-message" } }),
    el("p", { className: "hint", text: `Sent ${when(appeal.createdAt)}`, attrs: { "data-testid": "appeal-sent" } }),
    el("div", { className: "field" }, [
      el("label", { text: `Note to ${handle} (optional)`, attrs: { for: note.id } }),
      note,
      el("p", { className: "hint", text: `${handle} reads it with your decision. Up to ${NOTE_MAX} characters; never say who reported them.`, attrs: { id: `${id}-note-hint` } }),
    ]),
    el("div", { className: "actions" }, [lift, uphold]),
    result,
  ]);
  lift.addEventListener("click", () => decide(appeal, "lift", { entry, note, result, buttons: [lift, uphold] }));
  uphold.addEventListener("click", () => decide(appeal, "uphold", { entry, note, result, buttons: [lift, uphold] }));
  return entry;
}

async function decide(appeal, decision, { entry, note, result, buttons }) {
  const handle = appeal.handle;
  const text = note.value.trim();
  if ([...text].length > NOTE_MAX) {
    result.textContent = `Please keep the note to ${NOTE_MAX} characters.`;
    result.dataset.kind = "error";
    note.focus();
    return;
  }
  const [lift] = buttons;
  if (decision === "lift") {
    const ok = await confirmDialog({
      title: `Lift ${handle}'s suspension?`,
      text: `${handle} can take part again at once, as the same member.${text ? " They read your note." : ""}`,
      ok: "Lift suspension",
      cancel: "Go back",
    });
    if (!ok) {
      lift.focus();
      return;
    }
  }
  // Where focus goes once this entry has left the list: the entry after it, else the section's heading.
  const nextId = entry.nextElementSibling?.dataset.appealId ?? null;
  for (const b of buttons) b.disabled = true;
  result.textContent = "";
  try {
    await invoke("DecideAppeal", text ? { appealId: appeal.appealId, decision, note: text } : { appealId: appeal.appealId, decision });
  } catch (err) {
    const { code, text: sentence } = describeError(err);
    for (const b of buttons) b.disabled = false;
    result.textContent = sentence;
    result.dataset.kind = "error";
    // Decided by another moderator meanwhile, or the suspension already over: the list is read again.
    if (code === "not_found" || code === "conflict") {
      say(sentence, "error");
      await refreshAppeals();
      focusAfter(nextId);
    } else {
      buttons[decision === "lift" ? 0 : 1].focus();
    }
    return;
  }
  const done = decision === "lift"
    ? `${handle}'s suspension is lifted. They can take part again.`
    : `${handle}'s suspension is kept.${text ? " They can read your note." : ""}`;
  say(done);
  announce(done);
  entry.remove(); // at once, even if the re-read below cannot answer
  shown = "";
  $("appeals-empty").hidden = $("appeal-list").childElementCount > 0;
  await refreshAppeals();
  focusAfter(nextId);
}

function focusAfter(nextId) {
  const list = $("appeal-list");
  const next = (nextId && list.querySelector(`li[data-appeal-id="${CSS.escape(nextId)}"]`)) || null;
  const target = next?.querySelector("button:not([disabled])") || $("appeals-title");
  target.focus();
}
