// "Leave quickly": for someone who may be overheard or watched. One press (or Escape three times in a row, outside a
// dialog) replaces this page with a neutral one, so Back does not return here. Nothing is deleted: the member's token
// and data stay, and they can come back as the same person.
import { $ } from "./dom.js";

/** Where "Leave quickly" goes: an everyday page that says nothing about why someone was here. */
export const QUICK_EXIT_URL = "https://www.bbc.co.uk/weather";

/** Three presses of Escape within this many milliseconds leave the page. */
const ESCAPES_WITHIN_MS = 1500;

export function leaveQuickly() {
  document.title = "Weather";
  location.replace(QUICK_EXIT_URL);
}

export function wireQuickExit() {
  $("quick-exit").addEventListener("click", leaveQuickly);
  let presses = [];
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.repeat) return;
    // In a dialog Escape closes the dialog (and a press that something else used is not counted).
    if (document.querySelector("dialog[open]") || event.defaultPrevented) {
      presses = [];
      return;
    }
    const now = Date.now();
    presses = presses.filter((at) => now - at < ESCAPES_WITHIN_MS);
    presses.push(now);
    if (presses.length >= 3) leaveQuickly();
  });
}
