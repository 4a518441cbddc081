// [network] The listener's weekly schedule editor: one time range per day, in the browser's time zone.
// A range that ends before it starts runs past midnight and is sent as two slots.
import { $, el, clear } from "./dom.js";

// Monday first on screen; `day` is 0 (Sunday) to 6 (Saturday) as the server counts.
const DAYS = [[1, "Monday"], [2, "Tuesday"], [3, "Wednesday"], [4, "Thursday"], [5, "Friday"], [6, "Saturday"], [0, "Sunday"]];

export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

export function renderScheduleEditor() {
  const box = $("schedule-days");
  if (box.children.length) return;
  for (const [day, name] of DAYS) {
    box.append(el("div", { className: "schedule-day" }, [
      el("label", { className: "choice" }, [
        el("input", { attrs: { type: "checkbox", "data-day": day, "data-testid": `schedule-day-${day}` } }),
        document.createTextNode(` ${name}`),
      ]),
      el("input", { attrs: { type: "time", value: "18:00", "aria-label": `${name} from`, "data-from": day, "data-testid": `schedule-from-${day}` } }),
      el("span", { text: "to", attrs: { "aria-hidden": "true" } }),
      el("input", { attrs: { type: "time", value: "21:00", "aria-label": `${name} until`, "data-to": day, "data-testid": `schedule-to-${day}` } }),
    ]));
  }
  $("schedule-on").addEventListener("change", showDays);
}

function showDays() {
  const on = $("schedule-on").checked;
  $("schedule-days").hidden = !on;
  $("schedule-zone").hidden = !on;
  $("schedule-zone").textContent = `Times are in your time zone, ${browserZone()}.`;
}

/** Fills the editor from a saved schedule (slots that continue past midnight show as one range). */
export function fillSchedule(schedule) {
  renderScheduleEditor();
  $("schedule-on").checked = !!schedule;
  for (const box of $("schedule-days").querySelectorAll("input[data-day]")) box.checked = false;
  for (const slot of schedule?.slots ?? []) {
    if (slot.from === "00:00" && schedule.slots.some((s) => s.day === (slot.day + 6) % 7 && s.to === "24:00" && s.from !== "00:00")) continue;
    const day = slot.day;
    $("schedule-days").querySelector(`[data-day="${day}"]`).checked = true;
    $("schedule-days").querySelector(`[data-from="${day}"]`).value = slot.from;
    const next = slot.to === "24:00" ? schedule.slots.find((s) => s.day === (day + 1) % 7 && s.from === "00:00") : null;
    $("schedule-days").querySelector(`[data-to="${day}"]`).value = next ? next.to : slot.to === "24:00" ? "00:00" : slot.to;
  }
  showDays();
}

/** `{ value }` (null: no schedule) or `{ error }`. */
export function readSchedule() {
  if (!$("schedule-on").checked) return { value: null };
  const slots = [];
  for (const [day, name] of DAYS) {
    if (!$("schedule-days").querySelector(`[data-day="${day}"]`).checked) continue;
    const from = $("schedule-days").querySelector(`[data-from="${day}"]`).value;
    const to = $("schedule-days").querySelector(`[data-to="${day}"]`).value;
    if (!/^\d\d:\d\d$/.test(from) || !/^\d\d:\d\d$/.test(to) || from === to) return { error: `Please give ${name} a start and an end time.` };
    if (to === "00:00" || to < from) {
      slots.push({ day, from, to: "24:00" });
      if (to !== "00:00") slots.push({ day: (day + 1) % 7, from: "00:00", to });
    } else {
      slots.push({ day, from, to });
    }
  }
  if (!slots.length) return { error: "Please choose at least one day, or untick \"Only offer me chats at set times\"." };
  return { value: { timeZone: browserZone(), slots } };
}
