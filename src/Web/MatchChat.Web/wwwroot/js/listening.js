// [network] The listener's own panel: their private stats, and availability as the schedule and the switch decide it.
import { $ } from "./dom.js";
import { state } from "./store.js";
import { refreshMe } from "./listen.js";

// With a schedule, "off schedule" changes with the clock: read the profile again each minute.
let scheduleTimer = null;

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** Only the listener sees these (GetMe's listener.stats): never a ranking, just encouragement. */
export function statsText(stats) {
  if (!stats) return "";
  const listened = `You've listened in ${plural(stats.conversations, "conversation", "conversations")}.`;
  if (!stats.thanked) return `${listened} Only you see this.`;
  const average = stats.averageRating == null ? "" : `, ${Number(stats.averageRating).toFixed(1)} of 5 on average`;
  return `${listened} ${plural(stats.thanked, "person has", "people have")} said thank you${average}. Only you see this.`;
}

export function renderListening(profile) {
  const node = $("listener-stats");
  const text = statsText(profile?.stats);
  node.hidden = !text;
  node.textContent = text;
  if (profile?.schedule && !scheduleTimer) {
    scheduleTimer = setInterval(() => state.me?.listener?.schedule && refreshMe(), 60_000);
  }
}

export function availabilityText(profile, topics) {
  const inUse = `${profile.activeChats} of ${profile.maxConcurrentChats} chats in use.`;
  if (!profile.available) return `You're not taking new chats right now. ${inUse}`;
  if (profile.offSchedule) {
    return `You're available, but it's outside your listening times, so we won't offer you chats until your next set time. ${inUse}`;
  }
  return `You're available. We'll offer you chats about ${topics}. ${inUse}`;
}
