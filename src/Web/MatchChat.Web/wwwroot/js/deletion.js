// "Delete my data": a confirmation that says exactly what is erased, then the hub's DeleteMe().
// Afterwards this browser forgets the member too (token, saved chats, pending messages) and the page
// says goodbye; it does not reconnect.
import { $ } from "./dom.js";
import { describeError } from "./errors.js";
import { state } from "./store.js";
import { invoke, disconnect, reconnectIfStopped } from "./connection.js";
import { storage } from "./storage.js";
import { showView, showNotice } from "./views.js";
import { accessToken } from "./session.js";

function askFirst() {
  const dialog = $("delete-dialog");
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
    dialog.querySelector('[value="cancel"]').focus();
  });
}

async function deleteMyData() {
  const start = $("delete-start");
  if (!(await askFirst())) return start.focus();
  if (!state.connected) return showNotice("You're not connected right now. Please try again once the page says Connected.");
  start.disabled = true;
  state.leaving = true;
  try {
    await invoke("DeleteMe");
  } catch (err) {
    // The answer can be lost with the connection the deletion closes: ask whether the member is gone before saying no.
    if (await deletedAnyway()) return leave();
    state.leaving = false;
    start.disabled = false;
    // The socket may have dropped during the call, and nothing retried it while the page was leaving.
    reconnectIfStopped();
    return showNotice(describeError(err).text);
  }
  leave();
}

function leave() {
  forgetThisMember();
  showGoodbye();
}

/** Whether the server no longer knows this page's member (a deletion whose answer was lost); false when it cannot tell. */
async function deletedAnyway() {
  try {
    const response = await fetch("/api/members/me/standing", { method: "POST", headers: { Authorization: `Bearer ${accessToken()}` } });
    return response.status === 401 && (await memberIsGone(response));
  } catch {
    return false;
  }
}

/**
 * "Delete my data" from the suspension screen: the hub refuses a suspended member, so this asks the same question and
 * deletes through `DELETE /api/members/me`, which a suspended or banned member may still call.
 */
async function deleteWhileSuspended() {
  const button = $("suspended-delete");
  const result = $("suspended-delete-result");
  if (!(await askFirst())) return button.focus();
  button.disabled = true;
  result.textContent = "Deleting…";
  try {
    const response = await fetch("/api/members/me", { method: "DELETE", headers: { Authorization: `Bearer ${accessToken()}` } });
    if (response.status === 401 && !(await memberIsGone(response))) {
      // The token itself is refused (expired, or signed with a key this server no longer has): nothing was deleted, and
      // the token stays, so the page does not claim otherwise.
      button.disabled = false;
      result.textContent = "This page's session can no longer be used to delete your data (it has expired). Nothing was deleted.";
      return;
    }
    // 401 for a member that is gone: a deletion whose answer was lost, or another tab's. Nothing is left to keep.
    if (response.status !== 204 && response.status !== 401) throw new Error(`delete: ${response.status}`);
  } catch {
    button.disabled = false;
    result.textContent = "Your data could not be deleted just now. Please try again in a moment.";
    return;
  }
  result.textContent = "";
  state.leaving = true;
  forgetThisMember();
  showGoodbye();
}

/** Whether a 401 says the member no longer exists (rather than that the token is not valid here). */
async function memberIsGone(response) {
  try {
    const problem = await response.json();
    return String(problem.detail || "").includes("no longer exists");
  } catch {
    return false;
  }
}

/** Removes everything this browser kept for the member: the token and every per-member key. */
export function forgetThisMember() {
  const memberId = state.session && state.session.memberId;
  storage.clearSession();
  storage.forgetMember(memberId);
  // Tabs see each other's storage a moment late: another tab of the member may write (a conversation's end) after this
  // sweep, before it sees the session gone (an outside probe found such a key left). Swept again.
  for (const ms of [1000, 5000]) setTimeout(() => storage.forgetMember(memberId), ms);
  try {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith("matchchat.")) sessionStorage.removeItem(key);
  } catch { /* storage disabled: nothing kept */ }
  disconnect();
  state.session = null;
  state.me = null;
}

function showGoodbye() {
  for (const id of ["main-nav", "identity", "offers", "notice", "warning", "care", "care-elsewhere"]) $(id).hidden = true;
  // Nothing of the member's left on screen or for a screen reader (the live region held "You're connected with …"), and
  // the quick exit no longer says chats are kept.
  $("announcer").textContent = "";
  $("quick-exit-hint").textContent = "Opens a weather page at once. Pressing Escape three times does the same.";
  const help = document.querySelector("[data-testid=quick-exit-help]");
  if (help) help.textContent = 'Need to leave fast? "Leave quickly" at the top, or Escape three times, opens a weather page.';
  const status = $("connection-status");
  status.textContent = "";
  status.dataset.state = "idle";
  showView("goodbye");
}

export function wireDeletion() {
  $("delete-start").addEventListener("click", deleteMyData);
  $("suspended-delete").addEventListener("click", deleteWhileSuspended);
  $("goodbye-restart").addEventListener("click", () => location.reload());
}
