// Hub errors arrive as "... HubException: code: sentence". Show the sentence; use the code to decide.
import { localDateTime } from "./dom.js";

const CODES = ["invalid", "not_found", "forbidden", "conflict", "rate_limited", "unavailable"];
const pattern = new RegExp(`(?:HubException:\\s*)?\\b(${CODES.join("|")}):\\s*([\\s\\S]*)$`);

export function describeError(err) {
  const message = String((err && err.message) || err || "");
  const match = pattern.exec(message);
  if (match) {
    const code = match[1];
    return { code, text: localUntil(match[2].trim()), transient: code === "unavailable" || code === "rate_limited" };
  }
  if (/unexpected error occurred invoking/i.test(message)) {
    return { code: "server", text: "Something went wrong on our side. Please try again in a moment.", transient: true };
  }
  // Said of a call that failed: nothing retries it (only pending messages are sent again), so no "We'll keep trying".
  return { code: "network", text: "We can't reach MatchChat right now, so that wasn't done. Please try again when you're connected.", transient: true };
}

/**
 * What to show for a failed call whose error may be the page's own sentence (a REST answer's detail, "rate_limited:
 * Too many new members…"): the server's sentence without its code; the page's own sentence as it is; else describeError's.
 */
export function errorMessage(err) {
  const e = describeError(err);
  const own = e.code === "network" && !(err instanceof TypeError) && String((err && err.message) || "").trim();
  return own || e.text;
}

/** The server's "until 2026-12-07 01:12 UTC" (a room mute or ban) in the reader's own time, as the suspension screen says it. */
const UTC_UNTIL = /\buntil (\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}) UTC\b/g;

export function localUntil(text) {
  return String(text).replace(UTC_UNTIL, (whole, y, mo, d, h, mi) => {
    const local = localDateTime(new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi)));
    return local ? `until ${local}` : whole;
  });
}
