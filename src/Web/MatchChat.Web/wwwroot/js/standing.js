// A member a moderator suspended or banned. The page says so, until when and why, with where to get help now,
// and KEEPS the token: a timed suspension ends by itself, and a reload then comes back in as the same person.
// Live, from `Suspended({until, reason})` just before the server closes the connection; later (a reload, a
// reconnect), when the hub refuses the token and `POST /api/members/me/standing` says why. A token whose member
// is gone (deleted, unknown, or a server reset) still starts a fresh page (session.js `expireSession`).
import { $, clear, localDateTime } from "./dom.js";
import { state, load, save } from "./store.js";
import { newerSavedSession, readStanding } from "./session.js";
import { showView, announce, showNotice } from "./views.js";
import { resourceItem, browserRegion } from "./care.js";
import { setStatus } from "./status.js";
import { showAppeal, wireAppeal } from "./appeal.js";

const RETRY_MS = 5000;

/** `Suspended({until, reason})`: stop the connection (no reconnect, no fresh identity) and show why. */
export function onSuspended(notice) {
  stopConnection();
  showSuspended(notice || {});
}

/**
 * The hub refused the token (401). Asks the standing endpoint why: suspended → the suspension screen; the member
 * is gone or the token is not valid here → a fresh page as before; active again (the suspension ended or was lifted
 * meanwhile) → `onActive()`, which connects again. A server that cannot answer now is asked again.
 */
export async function onTokenRefused(onActive) {
  // A token another tab renewed (this one's expired while it stayed open): connect again with it.
  const newer = newerSavedSession();
  if (newer) {
    Object.assign(state.session, { token: newer.token, expiresAt: newer.expiresAt });
    return onActive();
  }
  let answer;
  try {
    answer = await readStanding();
    if (answer === null) return;
  } catch {
    setStatus("disconnected", "Not connected. Trying again…");
    setTimeout(() => onTokenRefused(onActive), RETRY_MS);
    return;
  }
  if (answer && answer.status === "suspended") {
    stopConnection();
    showSuspended(answer);
  } else {
    onActive();
    tellLifted(answer && answer.appeal);
  }
}

/** Back after a moderator lifted the suspension on review: says so, with their note, once per appeal. */
function tellLifted(appeal) {
  if (!appeal || appeal.status !== "lifted" || load("liftTold", null) === appeal.appealId) return;
  save("liftTold", appeal.appealId);
  const note = appeal.note ? ` Their note: "${appeal.note}"` : "";
  showNotice(`A moderator reviewed your request and lifted your suspension. Welcome back.${note}`, { focus: true });
}

/**
 * Whether this page last saw its member suspended or banned (kept per member): the next load asks the standing endpoint
 * before the hub, which would refuse the token with a 401 and SignalR error lines in the console (an outside probe).
 */
export const knownSuspended = () => load("suspended", false) === true;

/** Connected: the member is in good standing, and the next load connects at once. */
export function forgetSuspended() {
  if (knownSuspended()) save("suspended", false);
}

function stopConnection() {
  const connection = state.connection;
  state.connection = null;
  state.connected = false;
  if (connection) connection.stop().catch(() => {});
}

/** `appeal` from the standing endpoint; the live `Suspended` event has none (a new suspension starts without one). */
function showSuspended({ until, reason, appeal = null }) {
  state.suspended = true;
  save("suspended", true);
  const ends = until ? localDateTime(until) : "";
  $("suspended-title").textContent = until
    ? `A moderator has suspended your account until ${ends}`
    : "A moderator has banned your account";
  const view = $("view-suspended");
  if (until) view.dataset.until = until;
  else delete view.dataset.until;
  view.dataset.kind = until ? "suspended" : "banned";
  $("suspended-reason").textContent = reason || "No reason was given.";
  $("suspended-next").textContent = until
    ? `You can come back after ${ends}: open or reload this page then, and you will be ${state.session?.handle || "yourself"} again, with your chats and your people.`
    : "This ban has no end date: you can't take part in MatchChat with this name unless a moderator lifts it.";
  $("suspended-retry").hidden = !until;
  showAppeal(appeal);

  showView("suspended");
  for (const id of ["main-nav", "offers", "notice", "warning", "care", "thanked", "checkins-due", "care-elsewhere"]) $(id).hidden = true;
  setStatus("idle", until ? "Suspended" : "Banned");
  announce($("suspended-title").textContent);
  loadCrisisLines();
}

/**
 * The crisis lines for where the browser says it is (no token needed), by the footer's rule: a region only from a tag
 * that names one, and "en-US" only with a US clock. Where the browser names none, only the lines for everywhere: the
 * server's default region (988) would be wrong for someone in India whose browser says "en-US".
 */
async function loadCrisisLines(languages = navigator.languages || [navigator.language]) {
  const list = $("suspended-resources");
  const where = browserRegion(languages);
  try {
    const query = where ? `?region=${where.region}&language=${where.language}` : "";
    const response = await fetch(`/api/resources${query}`, { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const resources = (await response.json()).filter((r) => r.kind === "crisis" && (where || r.region === "*")).slice(0, 3);
    clear(list);
    for (const r of resources) list.append(resourceItem(r));
    list.hidden = resources.length === 0;
  } catch { /* the link to find a crisis line stays */ }
}

export function wireStanding() {
  $("suspended-retry").addEventListener("click", () => location.reload());
  wireAppeal();
}
