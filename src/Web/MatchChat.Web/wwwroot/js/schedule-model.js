// [network] The weekly schedule's pure rules for the page (no DOM): one range per day on screen, slots on the wire.
// A range that ends before it starts (or at 00:00) runs past midnight and becomes two slots; reading back joins them.

/** Ranges `[{day, from, to}]` (one per chosen day, "HH:mm") → `{ slots }` or `{ error }` naming what to fix. */
export function rangesToSlots(ranges, dayName = (d) => `day ${d}`) {
  const slots = [];
  for (const { day, from, to } of ranges) {
    if (from === "00:00" && to === "00:00") {
      slots.push({ day, from, to: "24:00" }); // the whole day
      continue;
    }
    if (!/^\d\d:\d\d$/.test(from ?? "") || !/^\d\d:\d\d$/.test(to ?? "") || from === to) {
      return { error: `Please give ${dayName(day)} a start and an end time.` };
    }
    if (to === "00:00" || to < from) {
      slots.push({ day, from, to: "24:00" });
      if (to !== "00:00") slots.push({ day: (day + 1) % 7, from: "00:00", to });
    } else {
      slots.push({ day, from, to });
    }
  }
  if (!slots.length) return { error: "Please choose at least one day, or untick \"Only offer me chats at set times\"." };
  return { slots };
}

/** Slots from the server → one range per day, with a slot that continues after midnight joined to the day it starts. */
export function slotsToRanges(slots) {
  const ranges = [];
  const continues = (s) => s.from === "00:00" && s.to !== "24:00" && slots.some((p) => p.day === (s.day + 6) % 7 && p.to === "24:00" && p.from !== "00:00");
  for (const slot of slots ?? []) {
    if (continues(slot)) continue;
    const next = slot.to === "24:00" ? slots.find((s) => s.day === (slot.day + 1) % 7 && continues(s)) : null;
    ranges.push({ day: slot.day, from: slot.from, to: next ? next.to : slot.to === "24:00" ? "00:00" : slot.to });
  }
  return ranges;
}
