// [network] Check-ins (hub: ScheduleCheckIn, ListCheckIns, CancelCheckIn; event CheckInDue).
// The server may deliver a check-in again after a crash, always with the same checkInId: the page
// shows each id once (kept in this member's storage). After each connection ListCheckIns also lists
// check-ins delivered in the last days, so one whose event was lost on the way is shown then.
import { $, el, clear, formatTime, refocus, refocusInList } from "./dom.js";
import { describeError } from "./errors.js";
import { state, load, save } from "./store.js";
import { invoke } from "./connection.js";
import { fieldError, showNotice, announce, showView } from "./views.js";
import { network, refreshNetwork, askAgain } from "./network.js";
import { showArrival } from "./arrival.js";

const seen = () => new Set(load("checkinsSeen", []));
let scheduled = [];

/** Shows a due check-in unless this page has shown that id before. */
export function onCheckInDue(due) {
  const ids = seen();
  if (ids.has(due.checkInId)) return;
  ids.add(due.checkInId);
  save("checkinsSeen", [...ids].slice(-200));
  showDue(due);
  refreshNetwork().then(relabelDue);
  refreshCheckIns();
}

/**
 * Whether `handle` listens to this member: a contact with listener topics, or (before the network is read) the listener
 * of a conversation this member had as the seeker. Their check-in then offers to ask them to listen again; one from
 * someone this member listened to offers a check-in back (asking them to listen was wrong for them: they seek).
 */
function listensToMe(handle) {
  const contact = network.get(handle);
  if (contact) return contact.topics.length > 0;
  return [...state.conversations.values()].some((c) => c.peerHandle === handle && c.role === "seeker");
}

const dueActionText = (from) => (listensToMe(from) ? `Ask ${from} to listen again` : `Check in with ${from}`);

/** The due check-ins' buttons say what they do now that the network is read (it may have changed who listens). */
function relabelDue() {
  for (const button of document.querySelectorAll("#checkins-due-list [data-testid=checkin-ask-again]")) {
    button.textContent = dueActionText(button.dataset.handle);
  }
}

/** A check-in back: "Your people" with the check-in form set for them, or how to get there when they are not a contact. */
function checkInWith(handle) {
  if (!network.has(handle)) {
    return showNotice(`Add ${handle} to your people first (under "People you talked with"), then you can check in with them.`);
  }
  showView("network", { focus: false });
  $("checkin-for").value = handle;
  $("checkin-note").focus();
  announce(`Schedule a check-in for ${handle}: choose when, and add a note if you like.`);
}

async function onDueAction(from, item) {
  if (item.dataset.asking) return;
  item.dataset.asking = "yes";
  const gone = await withdrawn(item.dataset.checkin, item.dataset.due);
  delete item.dataset.asking;
  if (gone) {
    $("checkins-due").hidden = !removeDue(item);
    return showNotice(`This check-in is no longer there: you can't reach ${from} from it any more.`, { focus: true });
  }
  await refreshNetwork();
  if (!listensToMe(from)) return checkInWith(from);
  if (network.has(from)) await askAgain(from);
  else showNotice(`Add ${from} to your people first (under "Your people"), then you can ask them again.`);
}

function showDue(due) {
  const from = due.fromHandle;
  const item = el("li", { className: "care-resource", attrs: { "data-testid": "checkin-due", "data-checkin": due.checkInId, "data-due": due.dueAt } }, [
    el("p", { text: from ? `${from} is checking in on you.` : "You asked us to check in on you. How are you doing?" }),
    due.note ? el("p", { className: "care-call checkin-note", text: due.note, attrs: { "data-testid": "checkin-due-note", dir: "auto" } }) : null,
    from ? el("button", {
      className: "btn small primary",
      text: dueActionText(from),
      attrs: { type: "button", "data-testid": "checkin-ask-again", "data-handle": from },
      on: { click: (e) => onDueAction(from, e.currentTarget.closest("li")) },
    }) : null,
    el("button", {
      className: "btn small",
      text: "Thanks",
      attrs: { type: "button", "data-testid": "checkin-dismiss" },
      on: { click: (e) => dismissDue(e.currentTarget) },
    }),
  ]);
  $("checkins-due-list").append(item);
  $("checkins-due").hidden = false;
  const said = from ? `${from} is checking in on you.` : "A check-in you scheduled is here.";
  announce(said);
  showArrival(said, $("checkins-due"), $("checkins-due-title"));
}

/**
 * "Thanks" takes the card away; focus goes to the next card's Thanks, else back to where the person was (the open
 * chat's composer, else the view's heading): it fell to the page (an outside probe, pressed by keyboard).
 */
function dismissDue(button) {
  const place = [...$("checkins-due-list").querySelectorAll("[data-testid=checkin-dismiss]")].indexOf(button);
  button.closest("li").remove();
  $("checkins-due").hidden = !$("checkins-due-list").firstChild;
  refocusInList("checkins-due-list", "[data-testid=checkin-dismiss]", place, "composer-text", document.querySelector(`#view-${state.view} h1`));
}

/**
 * Whether a delivered check-in is gone from the server's list, which keeps them 7 days: its sender deleted their data,
 * or a block ended it (its card stayed, offering to check in with someone no longer there).
 */
async function withdrawn(checkInId, dueAt) {
  if (!(Date.now() - Date.parse(dueAt) < 6 * 86_400_000)) return false;
  try {
    return !(await invoke("ListCheckIns")).some((c) => c.checkInId === checkInId);
  } catch {
    return false;
  }
}

/** Removes a due card; whether any are left. */
function removeDue(item) {
  item.remove();
  return Boolean($("checkins-due-list").firstChild);
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
  relabelDue();
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
        c.note ? el("span", { className: "hint checkin-note", text: c.note, attrs: { dir: "auto", "data-testid": "checkin-scheduled-note" } }) : null,
      ]),
      el("button", {
        className: "btn small",
        text: "Cancel",
        // Each names its check-in: a list of "Cancel", "Cancel", "Cancel" said nothing of which (an outside probe).
        attrs: { type: "button", "data-testid": "checkin-cancel", "aria-label": `Cancel the check-in for ${c.forHandle || "you"}, ${day} at ${formatTime(c.dueAt)}` },
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
    button.disabled = false;
    showNotice(describeError(err).text);
  }
  await refreshCheckIns();
  // The row is gone (focus fell to the page: an outside probe): the section's heading, not the next check-in's Cancel,
  // where a second Enter would cancel another.
  refocus("checkins-title");
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
    // Disabled while it was sent, the button lost focus to the page: back to it (the list under it shows the new one).
    refocus(button);
  }
}

export function wireCheckIns() {
  $("checkin-form").addEventListener("submit", submit);
}
