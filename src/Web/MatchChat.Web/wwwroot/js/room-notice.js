// A teen (13 to 17) in a room whose audience is "all": adults are in it too, so a short, calm line under the room's
// header says so and asks them to keep personal details to themselves (an outside probe: the age screen promised teens
// only talked with approved volunteers, while rooms for everyone hold teens and adults together). Not shown to adults,
// nor in teen rooms. The room's audience comes from JoinRoom, ListRooms and RoomUpdated (state.rooms).
import { $ } from "./dom.js";
import { state } from "./store.js";

/** Whether the member of `ageGroup` shares the room `room` (a Room, or undefined while unknown) with adults. */
export function sharedWithAdults(ageGroup, room) {
  return ageGroup === "teen" && !!room && room.audience === "all";
}

/** Shows or hides the notice for the open chat (rendered with the chat, and again as a room's details arrive). */
export function renderRoomNotice() {
  const notice = $("room-teen-notice");
  if (!notice) return;
  const channel = state.openChannel || "";
  const room = channel.startsWith("room:") ? state.rooms.get(channel.slice("room:".length)) : undefined;
  notice.hidden = !sharedWithAdults(state.session?.ageGroup, room);
}
