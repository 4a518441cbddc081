// Rooms: list, join, leave, member counts.
import { $, el, clear, refocus } from "./dom.js";
import { describeError } from "./errors.js";
import { state, save, load } from "./store.js";
import { invoke } from "./connection.js";
import { getChannel } from "./channels.js";
import { showView, showNotice, announce } from "./views.js";
import { renderChatList, openChannel, closeChannel, renderChatHeader, catchUpChannel } from "./chats.js";
import { noteMute } from "./room-mutes.js";
import { renderRoomNotice } from "./room-notice.js";

export function upsertRoom(room) {
  state.rooms.set(room.slug, { ...state.rooms.get(room.slug), ...room });
  if (state.openChannel === `room:${room.slug}`) renderRoomNotice();
}

export function persistRooms() {
  save("rooms", [...state.joinedRooms]);
}

export function onRoomUpdated(room) {
  const { left, ...shown } = room;
  upsertRoom(shown);
  if (room.joined === false && left === "left") {
    // This member left the room in another tab or device: ListRooms says what is true now (a join since then stands).
    refreshRooms();
  } else if (room.joined === false && state.joinedRooms.has(room.slug)) {
    // A moderator took this member out of the room (a leave of this page's own has already dropped it): out of it
    // here too, and not joined again at the next load (an outside browser probe: the room stayed open with its
    // composer, and a reload silently joined it again).
    state.joinedRooms.delete(room.slug);
    persistRooms();
    if (state.openChannel === room.channel) closeChannel();
    const title = room.title || room.slug;
    showNotice(left === "banned"
      ? `A moderator removed you from the ${title} room, and you can't join it again for now.`
      : `A moderator removed you from the ${title} room.`);
  }
  renderRooms();
  renderChatList();
  if (state.openChannel === room.channel) renderChatHeader();
}

export function renderRooms() {
  const list = $("room-list");
  clear(list);
  for (const room of state.rooms.values()) {
    const joined = state.joinedRooms.has(room.slug);
    const count = el("p", { className: "hint", text: roomCount(room, { present: true }), attrs: { "data-testid": "room-count" } });
    const actions = el("div", { className: "actions" });
    if (joined) {
      actions.append(
        el("button", { className: "btn primary small", text: "Open", attrs: { type: "button", "data-testid": "room-open", "aria-label": `Open ${room.title}` }, on: { click: () => { showView("chats", { focus: false }); openChannel(room.channel); } } }),
        el("button", { className: "btn small", text: "Leave", attrs: { type: "button", "data-testid": "room-leave", "aria-label": `Leave ${room.title}` }, on: { click: () => leaveRoom(room.slug) } }),
      );
    } else {
      actions.append(el("button", { className: "btn primary small", text: "Join", attrs: { type: "button", "data-testid": "room-join", "aria-label": `Join ${room.title}` }, on: { click: (e) => joinRoom(room.slug, e.currentTarget) } }));
    }
    list.append(el("li", { className: "room", attrs: { "data-testid": "room", "data-slug": room.slug } }, [
      el("div", {}, [el("h2", { text: room.title }), count]),
      actions,
    ]));
  }
  if (!state.rooms.size) list.append(el("li", { className: "hint", text: state.connected ? "No rooms are open right now." : "Loading rooms…" }));
}

/**
 * Reads ListRooms again (when "Rooms" or "Your chats" is shown, and when the tab is seen again): no event tells this
 * tab that another tab of the member joined or left a room, so the server's `joined` decides (an outside probe saw
 * "Join" for a room the member was in).
 */
export async function refreshRooms() {
  if (!state.connected) return;
  try {
    applyRooms(await invoke("ListRooms"));
    renderRooms();
  } catch { /* keep what we have */ }
}

/** Takes in ListRooms' answer, following the rooms the member joined or left in another tab. */
function applyRooms(rooms) {
  const added = [];
  let changed = false;
  for (const r of rooms) {
    upsertRoom(r);
    noteMute(r);
    if (r.joined === true && !state.joinedRooms.has(r.slug)) {
      state.joinedRooms.add(r.slug);
      getChannel(state.channels, r.channel, { kind: "room", slug: r.slug });
      added.push(r.channel);
      changed = true;
    } else if (r.joined === false && state.joinedRooms.has(r.slug)) {
      state.joinedRooms.delete(r.slug);
      if (state.openChannel === r.channel) closeChannel();
      changed = true;
    }
  }
  if (!changed) return;
  persistRooms();
  renderChatList();
  for (const channel of added) catchUpChannel(channel);
}

/** Members are those who joined (and were seen in the last 30 days), not who is here: "12 members", and with
 *  `present` "12 members · 2 here" (`presentCount`: joined with a page open). "N people here" counted members (an outside
 *  probe). Who is here is not pushed as pages close, so the open room's header (kept for a long time) says members
 *  only; the list is read again each time it is shown. */
export function roomCount(room, { present = false } = {}) {
  const n = room?.memberCount ?? 0;
  if (!n) return "No members yet";
  const members = n === 1 ? "1 member" : `${n} members`;
  return present ? `${members} · ${Math.min(room.presentCount ?? 0, n)} here` : members;
}

/** When this page last joined its rooms again: a leave recorded by any tab after it is one this tab has not followed. */
let roomsSyncedAt = Date.now();

/** Every tab of the member records its leaves (slug → when), so a tab that was away does not undo them. */
function noteLeft(slug, left = true) {
  const leaves = load("roomsLeft", {}) || {};
  if (left) leaves[slug] = Date.now();
  else delete leaves[slug];
  save("roomsLeft", leaves);
}

/**
 * After a (re)connection: join again every room this page follows (a long absence may have ended the membership); a room
 * we may no longer enter is dropped. A room another tab of this member left while this one was away is not joined again
 * (an outside review: the tab that came back undid the other tab's leave).
 */
export async function rejoinRooms() {
  const leaves = load("roomsLeft", {}) || {};
  for (const slug of [...state.joinedRooms]) {
    if (!((leaves[slug] ?? 0) > roomsSyncedAt)) continue;
    state.joinedRooms.delete(slug);
    persistRooms();
    if (state.openChannel === `room:${slug}`) closeChannel();
  }
  roomsSyncedAt = Date.now();
  for (const slug of [...state.joinedRooms]) {
    try {
      const room = await invoke("JoinRoom", slug);
      upsertRoom(room);
      noteMute(room);
      getChannel(state.channels, room.channel, { kind: "room", slug });
    } catch (err) {
      const e = describeError(err);
      if (!e.transient) {
        state.joinedRooms.delete(slug);
        persistRooms();
      }
    }
  }
  try {
    applyRooms(await invoke("ListRooms"));
  } catch { /* next resync */ }
}

async function joinRoom(slug, button) {
  if (button) button.disabled = true;
  try {
    const room = await invoke("JoinRoom", slug);
    upsertRoom(room);
    noteMute(room);
    state.joinedRooms.add(slug);
    persistRooms();
    noteLeft(slug, false);
    getChannel(state.channels, room.channel, { kind: "room", slug });
    renderRooms();
    renderChatList();
    showView("chats", { focus: false });
    openChannel(room.channel);
    await catchUpChannel(room.channel);
  } catch (err) {
    showNotice(describeError(err).text);
    if (button) button.disabled = false;
  }
}

export async function leaveRoom(slug) {
  try {
    await invoke("LeaveRoom", slug);
  } catch (err) {
    const e = describeError(err);
    if (e.transient) return showNotice(e.text);
  }
  state.joinedRooms.delete(slug);
  persistRooms();
  noteLeft(slug);
  if (state.openChannel === `room:${slug}`) closeChannel();
  renderRooms();
  renderChatList();
  announce("You left the room.");
  // "Leave" is gone: the room's "Join" that replaced it in the list, or (from the open room) the list of chats.
  refocus(document.querySelector(`[data-testid=room][data-slug="${slug}"] [data-testid=room-join]`), "chats-title");
}
