// [network] Check-ins (hub: ScheduleCheckIn, ListCheckIns, CancelCheckIn; event CheckInDue).
// The server may deliver a check-in again after a crash, always with the same checkInId: the page
// shows each id once (kept in this member's storage). After each connection ListCheckIns also lists
// check-ins delivered in the last days, so one whose event was lost on the way is shown then.
import { $, el, clear, formatTime } from "./dom.js";
import { describeError } from "./errors.js";
import { state, load, save } from "./store.js";
import { invoke } from "./connection.js";
import { fieldError, showNotice, announce } from "./views.js";
import { network, refreshNetwork, askAgain } from "./network.js";

const seen = () => new Set(load("checkinsSeen", []));
let scheduled = [];

/** Shows a due check-in unless this page has shown that id before. */
export function onCheckInDue(due) {
  const ids = seen();
  if (ids.has(due.checkInId)) return;
  ids.add(due.checkInId);
  save("checkinsSeen", [...ids].slice(-200));
  showDue(due);
  refreshNetwork();
  refreshCheckIns();
}

function showDue(due) {
  const from = due.fromHandle;
  const item = el("li", { className: "care-resource", attrs: { "data-testid": "checkin-due", "data-checkin": due.checkInId } }, [
    el("p", { text: from ? `${from} is checking in on you.` : "You asked us to check in on you. How are you doing?" }),
    due.note ? el("p", { className: "care-call", text: due.note, attrs: { "data-testid": "checkin-due-note" } }) : null,
    from ? el("button", {
      className: "btn small primary",
      text: `Ask ${from} again`,
      attrs: { type: "button", "data-testid": "checkin-ask-again" },
      on: { click: async () => { await refreshNetwork(); if (network.has(from)) await askAgain(from); else showNotice(`Add ${from} to your people first (under "Your people"), then you can ask them again.`); } },
    }) : null,
    el("button", {
      className: "btn small",
      text: "Thanks",
      attrs: { type: "button", "data-testid": "checkin-dismiss" },
      on: { click: (e) => { e.currentTarget.closest("li").remove(); $("checkins-due").hidden = !$("checkins-due-list").firstChild; } },
    }),
  ]);
  $("checkins-due-list").append(item);
  $("checkins-due").hidden = false;
  announce(from ? `${from} is checking in on you.` : "A check-in you scheduled is here.");
}

export async function refreshCheckIns() {
  if (!state.connected) return;
  try {
    const all = await invoke("ListCheckIns");
    scheduled = all.filter((c) => c.status === "scheduled");
    // Delivered while the event could not reach this page: show it now, once.
    for (const c of all.filter((x) => x.status === "delivered")) {
      onCheckInDueQuiet({ checkInId: c.checkInId, fromHandle: c.fromHandle, note: c.note, dueAt: c.dueAt });
    }
  } catch { /* next time */ }
  renderCheckIns();
}

function onCheckInDueQuiet(due) {
  const ids = seen();
  if (ids.has(due.checkInId)) return;
  ids.add(due.checkInId);
  save("checkinsSeen", [...ids].slice(-200));
  showDue(due);
}

function renderCheckIns() {
  const list = $("checkin-list");
  clear(list);
  for (const c of scheduled) {
    const when = new Date(c.dueAt);
    const day = when.toDateString() === new Date().toDateString() ? "today" : when.toLocaleDateString([], { day: "numeric", month: "long" });
    list.append(el("li", { className: "blocked-item", attrs: { "data-testid": "checkin-scheduled", "data-checkin": c.checkInId } }, [
      el("span", { className: "meta" }, [
        el("span", { className: "name", text: `${c.forHandle ? `For ${c.forHandle}` : "For me"}, ${day} at ${formatTime(c.dueAt)}` }),
        c.note ? el("span", { className: "hint", text: c.note, attrs: { dir: "auto" } }) : null,
      ]),
      el("button", {
        className: "btn small",
        text: "Cancel",
        attrs: { type: "button", "data-testid": "checkin-cancel" },
        on: { click: (e) => cancel(c.checkInId, e.currentTarget) },
      }),
    ]));
  }
}

async function cancel(checkInId, button) {
  button.disabled = true;
  try {
    await invoke("CancelCheckIn", checkInId);
    announce("Check-in cancelled.");
  } catch (err) {
    showNotice(describeError(err).text);
  }
  await refreshCheckIns();
}

async function submit(event) {
  event.preventDefault();
  const error = $("checkin-error");
  error.hidden = true;
  const note = $("checkin-note").value.trim();
  if (note.length > 500) return fieldError(error, "Please keep the note to 500 characters.");
  const forHandle = $("checkin-for").value || null;
  const button = event.submitter || $("checkin-form").querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const result = await invoke("ScheduleCheckIn", { inMinutes: Number($("checkin-when").value), note: note || null, forHandle });
    $("checkin-note").value = "";
    announce(`Check-in scheduled for ${formatTime(result.dueAt)}.`);
    await refreshCheckIns();
  } catch (err) {
    fieldError(error, describeError(err).text);
  } finally {
    button.disabled = false;
  }
}

export function wireCheckIns() {
  $("checkin-form").addEventListener("submit", submit);
}
