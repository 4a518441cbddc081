// A moderator's mute of this member in a room: told live (MutedInRoom) and in the answers to JoinRoom and ListRooms
// (muted, mutedUntil). While it holds, the room's composer is closed and says why and until when, instead of the member
// learning it from a refused send (an outside browser probe). A mute with an end lifts itself here when the end comes.
import { $, localDateTime } from "./dom.js";
import { state } from "./store.js";
import { showNotice } from "./views.js";

/** slug -> { until: Date|null } (null: until a moderator lifts it). */
const mutes = new Map();
let liftTimer = null;

/** From a JoinRoom or ListRooms answer (a room-wide RoomUpdated does not carry the member's mute: not read from it). */
export function noteMute(room) {
  if (!room || !room.slug) return;
  if (room.muted) mutes.set(room.slug, { until: room.mutedUntil ? new Date(room.mutedUntil) : null });
  else mutes.delete(room.slug);
}

function activeMute(channel) {
  if (!channel || !channel.startsWith("room:")) return null;
  const slug = channel.slice("room:".length);
  const mute = mutes.get(slug);
  if (mute && mute.until && mute.until <= new Date()) {
    mutes.delete(slug);
    return null;
  }
  return mute || null;
}

const sentence = (where, until) =>
  `A moderator has muted you in ${where}${until ? ` until ${localDateTime(until)}` : ""}. You can still read it.`;

/** Closes the open room's composer while a mute holds (and opens it again when it ends: `rerender` is called then). */
export function renderComposerMute(rerender) {
  const mute = activeMute(state.openChannel);
  // Muted while writing: focus goes to the sentence that says why, not to <body> with the disabled message box.
  const writing = $("composer").contains(document.activeElement) && document.activeElement !== $("composer-muted");
  const onNote = document.activeElement === $("composer-muted");
  $("composer-text").disabled = !!mute;
  $("composer").querySelector("[type=submit]").disabled = !!mute;
  const note = $("composer-muted");
  note.hidden = !mute;
  note.textContent = mute ? sentence("this room", mute.until) : "";
  if (mute && writing) note.focus();
  // Unmuted while on that sentence (it goes): back to the message box.
  if (!mute && onNote) $("composer-text").focus();
  clearTimeout(liftTimer);
  if (mute && mute.until) liftTimer = setTimeout(rerender, Math.min(mute.until - Date.now() + 500, 2 ** 31 - 1));
}

/** `MutedInRoom({room, channel, muted, until})`: said at once, and the room's composer follows. */
export function onMutedInRoom({ room, channel, muted, until }, rerender) {
  noteMute({ slug: room, muted, mutedUntil: until });
  const title = state.rooms.get(room)?.title ?? room;
  showNotice(muted ? sentence(`the ${title} room`, until ? new Date(until) : null) : `You can write in the ${title} room again.`);
  if (state.openChannel === channel) rerender();
}
