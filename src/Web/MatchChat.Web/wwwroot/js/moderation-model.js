// The moderator console's logic: the report list (live), and the arguments each moderator action sends.
// Pure: no DOM, no SignalR (docs/PROTOCOL.md [trust]). Every builder returns `{args}` or `{error}`.

export const RESOLVE_ACTIONS = ["none", "warn", "suspend", "ban"];
export const ROOM_ACTIONS = ["mute", "unmute", "remove", "ban", "unban"];
export const NOTE_MAX = 500;
/** A year: the longest time-limited action the console offers (a ban has no end). */
export const MINUTES_MAX = 525600;

/** A handle as the server accepts it (letters, digits and dashes, up to 64), trimmed; or null. */
export function cleanHandle(value) {
  const handle = String(value ?? "").trim();
  return /^[A-Za-z0-9-]{1,64}$/.test(handle) ? handle : null;
}

/** "" or nothing → null; a whole number of minutes 1..MINUTES_MAX → that number; anything else → NaN. */
export function parseMinutes(value) {
  const text = String(value ?? "").trim();
  if (!text) return null;
  if (!/^\d+$/.test(text)) return Number.NaN;
  const n = Number(text);
  return n >= 1 && n <= MINUTES_MAX ? n : Number.NaN;
}

const minutesError = `Minutes must be a whole number from 1 to ${MINUTES_MAX}.`;

export function resolveArgs({ reportId, action, minutes, note }) {
  if (!reportId) return { error: "This report has no id." };
  if (!RESOLVE_ACTIONS.includes(action)) return { error: "Choose what to do about this report." };
  const args = { reportId, action };
  const m = parseMinutes(minutes);
  if (Number.isNaN(m)) return { error: minutesError };
  if (action === "suspend") {
    if (m === null) return { error: "A suspension needs a number of minutes (choose Ban for no end)." };
    args.minutes = m;
  }
  const text = String(note ?? "").trim();
  if (text.length > NOTE_MAX) return { error: `Please keep the note to ${NOTE_MAX} characters.` };
  if (action === "warn" && !text) return { error: "A warning needs a note: the member reads it as the reason." };
  if (text) args.note = text;
  return { args };
}

export function suspendArgs({ handle, minutes, reason }) {
  const h = cleanHandle(handle);
  if (!h) return { error: "Enter the member's handle, for example QuietHarbor-417.", field: "handle" };
  const m = parseMinutes(minutes);
  if (Number.isNaN(m)) return { error: minutesError, field: "minutes" };
  const text = String(reason ?? "").trim();
  if (!text) return { error: "Give a reason for the suspension.", field: "reason" };
  if (text.length > NOTE_MAX) return { error: `Please keep the reason to ${NOTE_MAX} characters.`, field: "reason" };
  const args = { handle: h, reason: text };
  if (m !== null) args.minutes = m;
  return { args };
}

export function moderateArgs({ room, handle, action, minutes }) {
  const slug = String(room ?? "").trim().toLowerCase();
  if (!/^[a-z0-9-]{1,40}$/.test(slug)) return { error: "Enter the room's short name, for example anxiety.", field: "room" };
  const h = cleanHandle(handle);
  if (!h) return { error: "Enter the member's handle, for example QuietHarbor-417.", field: "handle" };
  if (!ROOM_ACTIONS.includes(action)) return { error: "Choose a room action.", field: "action" };
  const m = parseMinutes(minutes);
  if (Number.isNaN(m)) return { error: minutesError, field: "minutes" };
  const args = { room: slug, handle: h, action };
  if (m !== null && (action === "mute" || action === "ban")) args.minutes = m;
  return { args };
}

/**
 * Adds or replaces `report` (by reportId) in `reports` (a Map); returns true if it was new.
 * `live`: it came with the `ReportFiled` event, which carries no evidence (`[]`): evidence already
 * held is kept, and a report without any is marked `evidencePending` until `ListReports` answers.
 */
export function upsertReport(reports, report, { live = false } = {}) {
  if (!report || !report.reportId) return false;
  const old = reports.get(report.reportId);
  const next = { ...old, ...report };
  if (live) {
    const incoming = Array.isArray(report.evidence) ? report.evidence : [];
    if (!incoming.length && old) next.evidence = old.evidence;
    next.evidencePending = !old || old.evidencePending === true;
  } else {
    next.evidencePending = false;
  }
  reports.set(report.reportId, next);
  return !old;
}

/** Reports with `status` (`open`, `resolved`, or `all`), newest first. */
export function reportsInView(reports, status = "open") {
  return [...reports.values()]
    .filter((r) => status === "all" || r.status === status)
    .sort((a, b) => (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0));
}

export function openCount(reports) {
  let n = 0;
  for (const r of reports.values()) if (r.status === "open") n++;
  return n;
}

/** Evidence in seq order, each marked `reported` when it is the reported message. */
export function evidenceRows(report) {
  const rows = (Array.isArray(report?.evidence) ? report.evidence : []).slice().sort((a, b) => Number(a.seq) - Number(b.seq));
  return rows.map((m) => ({ ...m, reported: report.seq !== null && report.seq !== undefined && Number(m.seq) === Number(report.seq) }));
}

/** "Conversation" or "Room anxiety" for a report's channel. */
export function channelLabel(channel) {
  const text = String(channel ?? "");
  if (text.startsWith("room:")) return `Room ${text.slice(5)}`;
  if (text.startsWith("conversation:")) return "Conversation";
  return text;
}

const ACTION_WORDS = { none: "no action", warn: "warned", suspend: "suspended", ban: "banned" };

/** One line about a resolved report, from whatever the server put in `resolution`. */
export function resolutionText(resolution) {
  if (!resolution) return "";
  if (typeof resolution === "string") return `Resolved: ${resolution}`;
  const parts = [`Resolved: ${ACTION_WORDS[resolution.action] || resolution.action || "done"}`];
  if (resolution.minutes) parts.push(`for ${resolution.minutes} minutes`);
  const by = resolution.resolvedBy || resolution.moderatorHandle || resolution.by;
  if (by) parts.push(`by ${by}`);
  let text = parts.join(" ");
  if (resolution.note) text += `. Note: ${resolution.note}`;
  return text;
}
