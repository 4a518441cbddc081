// Identity and token: the anonymous member this page speaks for.
import { state } from "./store.js";
import { storage } from "./storage.js";
import { memberRegion } from "./region.js";

const NOTICE_KEY = "matchchat.notice";

/** The saved session if its token has not expired; an expired one is cleared (`expired` tells). */
export function restoreSession() {
  const session = storage.loadSession();
  if (session && session.token && !isExpired(session)) return { session, expired: false };
  if (session) storage.clearSession();
  return { session: null, expired: !!session };
}

export function isExpired(session) {
  const t = Date.parse(session.expiresAt);
  return Number.isFinite(t) && t <= Date.now();
}

/** POST /api/members: a new anonymous member with a token. */
export async function createMember(ageGroup) {
  const response = await fetch("/api/members", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ ageGroup, ...memberRegion(navigator.languages || [navigator.language]) }),
  });
  if (!response.ok) {
    let detail = "";
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || "";
    } catch { /* not JSON */ }
    throw new Error(detail || `We couldn't start your session (error ${response.status}). Please try again.`);
  }
  const member = await response.json();
  storage.saveSession(member);
  return member;
}

export const accessToken = () => state.session && state.session.token;

/** Days of life left below which an opened page renews its token, so someone who keeps coming back stays themself. */
const RENEW_WHEN_DAYS_LEFT = 15;

/** A page left open for weeks (a volunteer's pinned tab) checks again this often. */
const RENEW_CHECK_MS = 60 * 60 * 1000;

/** The saved session when it is this member's with a different token that has not expired (another tab renewed it). */
export function newerSavedSession(current = state.session) {
  const saved = storage.loadSession();
  return saved && current && saved.memberId === current.memberId && saved.token && saved.token !== current.token && !isExpired(saved)
    ? saved : null;
}

/** Renews when needed now and every hour; takes in a token another tab renewed (the `storage` event). */
export function keepSessionFresh() {
  renewIfAging();
  setInterval(() => renewIfAging(), RENEW_CHECK_MS);
  window.addEventListener("storage", (event) => {
    if (event.key !== "matchchat.session") return;
    // Another tab deleted this member's data: what this tab wrote meanwhile is swept once it has landed (save() writes
    // nothing more for a member whose session is gone).
    const memberId = state.session?.memberId;
    if (event.newValue === null && memberId) setTimeout(() => { if (storage.loadSession()?.memberId !== memberId) storage.forgetMember(memberId); }, 1000);
    const newer = newerSavedSession();
    if (newer) state.session = Object.assign(state.session, { token: newer.token, expiresAt: newer.expiresAt });
  });
}

/**
 * POST /api/members/me/token when the saved token has less than RENEW_WHEN_DAYS_LEFT days left: the same member with a
 * fresh expiry, saved for the next visit. Best-effort: on any failure the current token stays (it is still valid).
 */
export async function renewIfAging(session = state.session) {
  const left = Date.parse(session?.expiresAt) - Date.now();
  if (!Number.isFinite(left) || left > RENEW_WHEN_DAYS_LEFT * 86_400_000) return false;
  try {
    const response = await fetch("/api/members/me/token", {
      method: "POST",
      headers: { Authorization: `Bearer ${session.token}`, Accept: "application/json" },
    });
    if (!response.ok) return false;
    const { token, expiresAt } = await response.json();
    if (!token || state.session !== session) return false;
    session.token = token;
    session.expiresAt = expiresAt;
    storage.saveSession(session);
    return true;
  } catch {
    return false;
  }
}

/**
 * POST /api/members/me/standing with this page's token: `{status, until, reason, appeal}`, or null after a 401 (the
 * member is gone or the token is not valid here: the session is expired then). Throws when the server cannot answer.
 */
export async function readStanding() {
  const response = await fetch("/api/members/me/standing", {
    method: "POST",
    headers: { Authorization: `Bearer ${accessToken()}`, Accept: "application/json" },
  });
  if (response.status === 401) {
    expireSession();
    return null;
  }
  if (!response.ok) throw new Error(`standing: ${response.status}`);
  return response.json();
}

/** A notice carried over a reload (shown once by the next page). */
export function takePendingNotice() {
  const text = sessionStorage.getItem(NOTICE_KEY);
  if (text) sessionStorage.removeItem(NOTICE_KEY);
  return text;
}

/**
 * The server no longer accepts this token and its member is gone: deleted, unknown, or the server restarted without a
 * fixed signing key (standing.js asks first: a suspended member keeps the token). Start clean: a reload shows the
 * welcome screen with an explanation.
 */
export function expireSession() {
  // Another tab of this member may have renewed the token meanwhile: come back in with it instead of forgetting them.
  if (newerSavedSession()) {
    location.reload();
    return;
  }
  storage.clearSession();
  storage.forgetMember(state.session?.memberId);
  const connection = state.connection;
  state.connection = null;
  if (connection) connection.stop().catch(() => {});
  sessionStorage.setItem(NOTICE_KEY, "Your anonymous session is no longer valid (its data was deleted, or MatchChat was reset), so we started a fresh page. Choose below to continue.");
  sessionStorage.removeItem("matchchat.openChannel");
  location.reload();
}
