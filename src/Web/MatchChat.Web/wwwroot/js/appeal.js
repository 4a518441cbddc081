// "Ask for a review" on the suspension screen: a suspended or banned member asks once per suspension
// (`POST /api/members/me/appeal`), then sees what became of it on the standing endpoint (`appeal`). While the appeal is
// open the page reads its standing again every half minute while it is on screen: lifted → the member is active again
// and a reload brings them back in (as "Check again" does); kept → the page says so, with the moderator's note.
import { $, localDateTime, refocus } from "./dom.js";
import { accessToken, readStanding } from "./session.js";
import { announce } from "./views.js";

export const APPEAL_MAX = 1000;
const REREAD_MS = 30_000;

let rereadTimer = null;

/** The appeal part of a standing answer: `null` (none yet: the form) or `{appealId, status, createdAt, decidedAt, note}`. */
export function showAppeal(appeal) {
  $("appeal-card").hidden = false;
  const asked = !!appeal;
  $("appeal-form").hidden = asked;
  $("appeal-status").hidden = !asked;
  if (!asked) {
    stopRereading();
    return;
  }
  const status = $("appeal-status");
  status.dataset.status = appeal.status;
  $("appeal-status-text").textContent = statusText(appeal);
  const note = $("appeal-note");
  const showNote = appeal.status !== "open" && !!appeal.note;
  note.textContent = showNote ? appeal.note : "";
  note.hidden = !showNote;
  $("appeal-note-label").hidden = !showNote;
  if (appeal.status === "open") startRereading();
  else stopRereading();
}

function statusText({ status, createdAt }) {
  if (status === "upheld") return "A moderator reviewed your suspension and kept it.";
  if (status === "lifted") return "A moderator reviewed your suspension and lifted it.";
  const sent = localDateTime(createdAt);
  return `Your request for a review was sent${sent ? ` on ${sent}` : ""}. A moderator will read it.`;
}

/** What the page says before sending: an empty or too long text never reaches the server. */
export function appealTextError(text) {
  const trimmed = String(text || "").trim();
  if (!trimmed) return "Write a few words about why the suspension should be reviewed.";
  if ([...trimmed].length > APPEAL_MAX) return `Please keep it to ${APPEAL_MAX.toLocaleString("en")} characters.`;
  return null;
}

/** The sentence after the code in a problem's `detail` ("conflict: You have already asked…" → "You have already asked…"). */
async function problemSentence(response) {
  try {
    const problem = await response.json();
    const match = /^\s*[a-z_]+:\s*([\s\S]+)$/.exec(String(problem.detail || ""));
    if (match) return match[1].trim();
  } catch { /* not JSON */ }
  return null;
}

function say(text, kind = "ok") {
  const result = $("appeal-result");
  result.textContent = text;
  if (kind) result.dataset.kind = kind;
  else delete result.dataset.kind;
}

async function submitAppeal(event) {
  event.preventDefault();
  const textarea = $("appeal-text");
  const button = $("appeal-submit");
  const error = appealTextError(textarea.value);
  if (error) {
    textarea.setAttribute("aria-invalid", "true");
    say(error, "error");
    textarea.focus();
    return;
  }
  textarea.removeAttribute("aria-invalid");
  button.disabled = true;
  say("Sending…", null);
  let response;
  try {
    response = await fetch("/api/members/me/appeal", {
      method: "POST",
      headers: { Authorization: `Bearer ${accessToken()}`, "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ text: textarea.value.trim() }),
    });
  } catch {
    button.disabled = false;
    say("We can't reach MatchChat right now. Your text is still here: please try again in a moment.", "error");
    return;
  }
  if (response.status === 201) {
    const appeal = await response.json().catch(() => null);
    button.disabled = false;
    say("", null);
    textarea.value = "";
    showAppeal(appeal || { status: "open", createdAt: new Date().toISOString() });
    announce($("appeal-status-text").textContent);
    $("appeal-status").focus();
    return;
  }
  button.disabled = false;
  const sentence = await problemSentence(response);
  say(sentence || fallback(response.status), "error");
  // Already asked, or no longer suspended: the standing endpoint says which, and the page shows it.
  if (response.status === 409) rereadStanding({ keepResult: true });
  refocus(textarea);
}

function fallback(status) {
  if (status === 401) return "This page's session can no longer be used to ask for a review. Nothing was sent.";
  if (status === 503 || status === 429) return "Your request could not be sent just now. Please try again in a moment.";
  return "Your request could not be sent. Please try again in a moment.";
}

/** Reads the standing again: active → reload (back in); still suspended → show the appeal as it is now. */
async function rereadStanding({ keepResult = false } = {}) {
  let answer;
  try {
    answer = await readStanding();
    if (answer === null) return;
  } catch {
    return; // asked again at the next re-read
  }
  if (!answer || answer.status !== "suspended") {
    stopRereading();
    location.reload();
    return;
  }
  const before = $("appeal-status").dataset.status;
  const hadForm = !$("appeal-form").hidden;
  showAppeal(answer.appeal ?? null);
  if (!keepResult && answer.appeal && answer.appeal.status !== before && !hadForm) {
    announce($("appeal-status-text").textContent);
  }
}

function startRereading() {
  if (rereadTimer) return;
  rereadTimer = setInterval(() => {
    if (document.visibilityState === "visible") rereadStanding();
  }, REREAD_MS);
}

function stopRereading() {
  clearInterval(rereadTimer);
  rereadTimer = null;
}

export function wireAppeal() {
  $("appeal-form").addEventListener("submit", submitAppeal);
  $("appeal-text").addEventListener("input", () => {
    if ($("appeal-result").dataset.kind === "error" && !appealTextError($("appeal-text").value)) {
      $("appeal-text").removeAttribute("aria-invalid");
      say("", null);
    }
  });
  // Back on this tab with an appeal open: read it at once rather than at the next half minute.
  document.addEventListener("visibilitychange", () => {
    if (rereadTimer && document.visibilityState === "visible") rereadStanding();
  });
}
