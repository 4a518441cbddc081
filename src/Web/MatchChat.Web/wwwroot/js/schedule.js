// [network] The listener's weekly schedule editor: one time range per day, in the browser's time zone.
// A range that ends before it starts runs past midnight and is sent as two slots.
import { $, el } from "./dom.js";
import { rangesToSlots, slotsToRanges } from "./schedule-model.js";

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
  const days = $("schedule-days");
  $("schedule-on").checked = !!schedule;
  for (const box of days.querySelectorAll("input[data-day]")) box.checked = false;
  for (const { day, from, to } of slotsToRanges(schedule?.slots)) {
    days.querySelector(`[data-day="${day}"]`).checked = true;
    days.querySelector(`[data-from="${day}"]`).value = from;
    days.querySelector(`[data-to="${day}"]`).value = to;
  }
  showDays();
}

/** `{ value }` (null: no schedule) or `{ error }`. */
export function readSchedule() {
  if (!$("schedule-on").checked) return { value: null };
  const days = $("schedule-days");
  const ranges = DAYS.filter(([day]) => days.querySelector(`[data-day="${day}"]`).checked).map(([day]) => ({
    day,
    from: days.querySelector(`[data-from="${day}"]`).value,
    to: days.querySelector(`[data-to="${day}"]`).value,
  }));
  const { slots, error } = rangesToSlots(ranges, (d) => DAYS.find(([n]) => n === d)[1]);
  return error ? { error } : { value: { timeZone: browserZone(), slots } };
}
