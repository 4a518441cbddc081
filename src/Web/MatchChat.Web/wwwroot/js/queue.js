// queue.js: a waiting seeker's place from the queue's broadcast (QueueProgress), without a push per seeker.
// The ticket (QueueTicket) carries `position` and `served`: the topic's served count for its priority when the
// position was computed. QueueProgress {topic, priority, served, secondsPerPlace} says how many have been served
// since; the place is position - (progress.served - ticket.served). The server sends a fresh QueueUpdated whenever
// that would be wrong (someone behind left, someone was put ahead), so the two together are always right.
// Pure: no DOM, no SignalR (tests: tests/MatchChat.Browser.Tests/js/queue.test.js).

const key = (topic, priority) => `${topic}|${priority || "normal"}`;

/**
 * Keeps the newest progress per topic and priority in `known` (a Map); returns true when it was newer. Each keeps
 * `servedSince`: when this page first heard its served count (`now`, the page's clock), so a stall is counted here too.
 */
export function noteProgress(known, progress, now = Date.now()) {
  if (!progress || typeof progress.served !== "number") return false;
  const k = key(progress.topic, progress.priority);
  const current = known.get(k);
  if (current && current.served > progress.served) return false; // an older broadcast arriving late
  const servedSince = current && current.served === progress.served ? current.servedSince : now;
  known.set(k, { ...progress, servedSince });
  return true;
}

/**
 * Seconds per place now: the broadcast's, or, while nobody has been served for longer, the time since (the server's own
 * stall rule, counted on between its broadcasts, which come at most every 15 s: an outside probe read "less than a
 * minute" after a minute with the only listener busy).
 */
function perPlace(progress, now) {
  const stalled = typeof progress.servedSince === "number" ? Math.max(0, (now - progress.servedSince) / 1000) : 0;
  return Math.max(progress.secondsPerPlace, stalled);
}

/**
 * The ticket as the seeker should see it now: position and estimatedWaitSeconds moved on by the newest progress of
 * its topic and priority. A progress older than the ticket (served below the ticket's) is ignored; one with the
 * ticket's served count only lengthens the estimate (a stall: nobody served, the wait grows); so is a ticket
 * without `served` (an older server), and one that is not waiting.
 */
export function currentPlace(ticket, known, now = Date.now()) {
  if (!ticket || ticket.status !== "waiting" || typeof ticket.position !== "number" || typeof ticket.served !== "number") {
    return ticket;
  }
  const progress = known.get(key(ticket.topic, ticket.priority));
  if (!progress || progress.served < ticket.served) return ticket;
  if (progress.served === ticket.served) {
    // Nobody served since the ticket: the place stands, but while nobody is served the wait per place only grows
    // (the server counts the stall), so the longer of the two estimates is the newer one.
    if (typeof progress.secondsPerPlace !== "number") return ticket;
    // No estimate on the ticket: nobody known could take the request now (also in a queue's first seconds, before
    // the broadcasts can say 0). A number made up from the pace would be a promise nobody can keep.
    if (ticket.estimatedWaitSeconds === null) return ticket;
    const stalled = Math.ceil(perPlace(progress, now) * ticket.position);
    return typeof ticket.estimatedWaitSeconds === "number" && ticket.estimatedWaitSeconds >= stalled
      ? ticket
      : { ...ticket, estimatedWaitSeconds: stalled };
  }
  const position = Math.max(1, ticket.position - (progress.served - ticket.served));
  const estimatedWaitSeconds = typeof progress.secondsPerPlace === "number"
    ? Math.ceil(perPlace(progress, now) * position)
    : ticket.estimatedWaitSeconds;
  return { ...ticket, position, estimatedWaitSeconds };
}

/**
 * The newest broadcasts of the topic say no listener of it who could take this member's request is available
 * (`listenersAvailable: 0`, or for a teen `teenListenersAvailable: 0`): nobody can take the request until someone comes,
 * which the page says plainly instead of an estimate that only grows. Both priorities' broadcasts carry the counts; an
 * older server sends none (then false).
 */
export function nobodyAvailable(known, topic, teen = false) {
  const field = teen ? "teenListenersAvailable" : "listenersAvailable";
  const counts = [...known.values()].filter((p) => p.topic === topic && typeof p[field] === "number").map((p) => p[field]);
  return counts.length > 0 && counts.every((n) => n === 0);
}

/** Forgets a topic's broadcasts (a new request in it: what the page heard for an earlier one may be stale). */
export function forgetProgress(known, topic) {
  for (const [k, p] of known) if (p.topic === topic) known.delete(k);
}
