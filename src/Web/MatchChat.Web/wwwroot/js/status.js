// The connection status line, shared by the connection and the account check so both follow one rule.
import { $ } from "./dom.js";
import { state } from "./store.js";
import { isOpen } from "./requests.js";

export const OFFLINE_TEXT = "You're offline. Your messages are kept and will be sent when you're back.";

/**
 * What "offline" means for this member: "your messages are kept" only where they have somewhere to write (an open chat
 * or a room); a seeker only waiting in line is told their place is kept (a probe: they were told their messages were).
 */
export function offlineText() {
  const chatting = [...state.conversations.values()].some((c) => !c.endedAt) || state.joinedRooms.size > 0;
  if (chatting) return OFFLINE_TEXT;
  if (isOpen(state.ticket)) return "You're offline. We'll reconnect and keep your place.";
  return "You're offline. We'll reconnect when you're back.";
}

/**
 * Sets the status line. While the browser says it is offline, a retry's own text ("Connecting…", "Not connected. Trying
 * again…", "Checking your account…") would hide why nothing connects: the line keeps saying "You're offline".
 */
export function setStatus(kind, text) {
  if ((kind === "connecting" || kind === "reconnecting" || kind === "disconnected") && navigator.onLine === false) {
    kind = "reconnecting";
    text = offlineText();
  }
  const node = $("connection-status");
  node.dataset.state = kind;
  node.textContent = text;
  // The open chat's copy, shown on a small screen, where the status line is scrolled away behind the sticky chat header
  // (small-screens.css). Not a live region: the status line above is the one that is read out.
  const copy = $("chat-connection");
  if (copy) copy.textContent = kind === "connected" || kind === "idle" ? "" : text;
}
