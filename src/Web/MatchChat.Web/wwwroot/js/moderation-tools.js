// Moderator tools beside the reports: suspend and unsuspend by handle, room actions, teen-listener
// approvals. Each form checks its input first (moderation-model.js) and says what happened in its own
// status line.
import { $, el, clear, refocus, refocusInList } from "./dom.js";
import { describeError } from "./errors.js";
import { state } from "./store.js";
import { invoke } from "./connection.js";
import { suspendArgs, moderateArgs, cleanHandle } from "./moderation-model.js";
import { refreshRooms } from "./rooms.js";
import { fieldError, clearFieldError } from "./views.js";

function say(id, text, kind = "ok") {
  const node = $(id);
  node.textContent = text;
  node.dataset.kind = kind;
  node.hidden = false;
}

/** A form's input error: said in its result line, and tied to the field it is about (marked invalid, described by the
 *  line, focused), not only a status message while focus stayed on the button (an outside probe). */
function formError(resultId, error, field) {
  const node = $(resultId);
  node.dataset.kind = "error";
  fieldError(node, error, field ? $(field) : null);
}

/** Takes back what formError said of `form`'s fields before the form is checked again. */
function clearFormError(resultId, form) {
  clearFieldError($(resultId), form);
  $(resultId).hidden = false;
}

/** Runs `call` with `button` disabled and reports success or the server's sentence in `resultId`. */
async function act(button, resultId, call, done) {
  button.disabled = true;
  try {
    await call();
    say(resultId, done);
  } catch (err) {
    say(resultId, describeError(err).text, "error");
  } finally {
    button.disabled = false;
    // The button lost focus when it was disabled: it gets it back (its result line says what happened), not <body>.
    refocus(button);
  }
}

/** Suggestions for the room field: every room the moderator's page knows (any slug can be typed, teen rooms too). */
export async function fillRoomChoices() {
  await refreshRooms();
  const list = $("room-mod-rooms");
  clear(list);
  for (const room of state.rooms.values()) list.append(el("option", { text: room.title, attrs: { value: room.slug } }));
}

/** The adult listeners waiting for teen approval, oldest first, each with an Approve button (handles are set as text). */
let teenListRead = 0;
let teenListShown = "";

/** While the console is on screen, the waiting list is read again every half minute: a listener who offers to hear
 * teens appears without the moderator reopening the console (there is no event for it). */
const TEEN_LIST_EVERY_MS = 30_000;
setInterval(() => {
  if (state.view === "moderate" && state.connected && document.visibilityState === "visible") refreshTeenApprovals();
}, TEEN_LIST_EVERY_MS);

export async function refreshTeenApprovals() {
  const read = ++teenListRead;
  let waiting;
  try {
    waiting = await invoke("ListTeenApprovals");
  } catch {
    if (read !== teenListRead) return;
    clear($("teen-waiting"));
    $("teen-waiting-empty").textContent = "The list could not be loaded just now. It is read again when you open the console.";
    $("teen-waiting-empty").hidden = false;
    return;
  }
  // An older read that answers last (opening the console, then an approval) must not put back whom it listed.
  if (read !== teenListRead) return;
  $("teen-waiting-empty").textContent = "Nobody is waiting.";
  // Unchanged since the last read: the list stays as it is (a re-read every half minute must not take the focus
  // from an Approve button a keyboard user is on).
  const shown = JSON.stringify(waiting);
  if (shown === teenListShown && $("teen-waiting").childElementCount === waiting.length) return;
  teenListShown = shown;
  const list = $("teen-waiting");
  clear(list);
  for (const { handle, since } of waiting) {
    const approve = el("button", { className: "btn", text: "Approve", attrs: { type: "button", "data-testid": "teen-waiting-approve", "aria-label": `Approve ${handle} for teens` } });
    approve.addEventListener("click", async () => {
      const place = [...$("teen-waiting").querySelectorAll("[data-testid=teen-waiting-approve]")].indexOf(approve);
      await act(approve, "teen-result", () => invoke("ApproveTeenListener", handle).then(refreshTeenApprovals), `${handle} may now be offered chats with 13 to 17 year olds.`);
      // Their row is gone with the button (focus fell to the page: an outside probe): the next one's Approve, else the
      // list's heading (its result line, just above, says what happened).
      refocusInList("teen-waiting", "[data-testid=teen-waiting-approve]", place, "teen-waiting-title");
    });
    const asked = new Date(since);
    list.append(el("li", { attrs: { "data-testid": "teen-waiting-entry", "data-handle": handle } }, [
      el("strong", { text: handle }),
      el("span", { className: "hint", text: ` asked ${asked.toLocaleString([], { dateStyle: "medium", timeStyle: "short" })} ` }),
      approve,
    ]));
  }
  $("teen-waiting-empty").hidden = waiting.length > 0;
}

const ROOM_DONE = {
  mute: (h, r, m) => `${h} is muted in ${r}${m ? ` for ${m} minutes` : ""}.`,
  unmute: (h, r) => `${h} can write in ${r} again.`,
  remove: (h, r) => `${h} was removed from ${r}.`,
  ban: (h, r, m) => `${h} is banned from ${r}${m ? ` for ${m} minutes` : ""}.`,
  unban: (h, r) => `${h} may join ${r} again.`,
};

export function wireModerationTools() {
  $("suspend-form").addEventListener("submit", (event) => {
    event.preventDefault();
    clearFormError("suspend-result", $("suspend-form"));
    const { args, error, field } = suspendArgs({ handle: $("suspend-handle").value, minutes: $("suspend-minutes").value, reason: $("suspend-reason").value });
    if (error) return formError("suspend-result", error, `suspend-${field}`);
    const done = args.minutes ? `${args.handle} is suspended for ${args.minutes} minutes.` : `${args.handle} is banned until a moderator lifts it.`;
    act(event.submitter || $("suspend-form").querySelector("[type=submit]"), "suspend-result", () => invoke("Suspend", args), done);
  });

  $("unsuspend").addEventListener("click", (event) => {
    clearFormError("suspend-result", $("suspend-form"));
    const handle = cleanHandle($("suspend-handle").value);
    if (!handle) return formError("suspend-result", "Enter the member's handle, for example QuietHarbor-417.", "suspend-handle");
    act(event.currentTarget, "suspend-result", () => invoke("Unsuspend", handle), `${handle}'s suspension is lifted.`);
  });

  $("room-mod-form").addEventListener("submit", (event) => {
    event.preventDefault();
    clearFormError("room-mod-result", $("room-mod-form"));
    const { args, error, field } = moderateArgs({ room: $("room-mod-room").value, handle: $("room-mod-handle").value, action: $("room-mod-action").value, minutes: $("room-mod-minutes").value });
    if (error) return formError("room-mod-result", error, `room-mod-${field}`);
    const title = state.rooms.get(args.room)?.title ?? args.room;
    $("room-mod-room").value = args.room;
    const done = ROOM_DONE[args.action](args.handle, `the ${title} room`, args.minutes);
    act(event.submitter || $("room-mod-form").querySelector("[type=submit]"), "room-mod-result", () => invoke("Moderate", args), done);
  });

  $("teen-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const handle = cleanHandle($("teen-handle").value);
    if (!handle) return say("teen-result", "Enter the listener's handle, for example QuietHarbor-417.", "error");
    act(event.submitter || $("teen-form").querySelector("[type=submit]"), "teen-result", () => invoke("ApproveTeenListener", handle).then(refreshTeenApprovals), `${handle} may now be offered chats with 13 to 17 year olds.`);
  });

  $("teen-revoke").addEventListener("click", (event) => {
    const handle = cleanHandle($("teen-handle").value);
    if (!handle) return say("teen-result", "Enter the listener's handle, for example QuietHarbor-417.", "error");
    act(event.currentTarget, "teen-result", () => invoke("RevokeTeenListener", handle).then(refreshTeenApprovals), `${handle} will no longer be offered chats with 13 to 17 year olds.`);
  });
}
