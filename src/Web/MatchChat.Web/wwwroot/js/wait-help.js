// A seeker waiting with no listener available: after about a minute the page says how long they have waited and where
// else they can turn (the rooms; crisis lines if it cannot wait), keeping their place. The same words at 30, 75, 140 and
// 200 s told them nothing new (an outside probe). Not in the live status line: it is not read out every minute.
import { $ } from "./dom.js";
import { showView } from "./views.js";

const AFTER_MS = 60_000;
/** When this page first saw each waiting request (by requestId). */
const firstSeen = new Map();

/** `ticket`: the open request (null: none); `nobody`: no listener of its topic is available now. */
export function renderWaitHelp(ticket, nobody) {
  const box = $("talk-wait-help");
  if (!ticket) return void (box.hidden = true);
  if (!firstSeen.has(ticket.requestId)) firstSeen.set(ticket.requestId, Date.now());
  const waited = Date.now() - firstSeen.get(ticket.requestId);
  box.hidden = !(nobody && ticket.status === "waiting" && waited >= AFTER_MS);
  if (box.hidden) return;
  const minutes = Math.max(1, Math.floor(waited / 60_000));
  $("talk-waited").textContent = `You've waited ${minutes} ${minutes === 1 ? "minute" : "minutes"} so far, and you still have your place.`;
}

export function wireWaitHelp() {
  $("talk-wait-rooms").addEventListener("click", () => showView("rooms"));
}
