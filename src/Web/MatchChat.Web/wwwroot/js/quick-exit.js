// "Leave quickly": for someone who may be overheard or watched. One press (or Escape three times in a row, in a dialog
// too) replaces this page with a neutral one, so Back does not return here. Nothing is deleted: the member's token
// and data stay, and they can come back as the same person.
import { $, el } from "./dom.js";

/** Where "Leave quickly" goes: an everyday page that says nothing about why someone was here. */
export const QUICK_EXIT_URL = "https://www.bbc.co.uk/weather";

/** Three presses of Escape within this many milliseconds leave the page. */
const ESCAPES_WITHIN_MS = 1500;

/** Tells the member's other tabs to leave too (the `storage` event), so none stays open on MatchChat. */
const EXIT_KEY = "matchchat.quickExit";

export function leaveQuickly() {
  try { localStorage.setItem(EXIT_KEY, String(Date.now())); } catch { /* storage unavailable: this tab still leaves */ }
  document.title = "Weather";
  location.replace(QUICK_EXIT_URL);
}

/** A modal dialog makes the rest of the page inert, header and chat included: each dialog has its own way out. */
function addToDialogs() {
  for (const dialog of document.querySelectorAll("dialog")) {
    if (dialog.querySelector(".quick-exit")) continue;
    dialog.prepend(el("button", {
      className: "btn small quick-exit dialog-quick-exit",
      text: "Exit site",
      attrs: { type: "button", "aria-label": "Exit site: leave this site quickly", "data-testid": "dialog-quick-exit" },
    }));
  }
}

export function wireQuickExit() {
  addToDialogs();
  for (const button of document.querySelectorAll(".quick-exit")) button.addEventListener("click", leaveQuickly);
  window.addEventListener("storage", (event) => {
    if (event.key === EXIT_KEY && event.newValue) {
      document.title = "Weather";
      location.replace(QUICK_EXIT_URL);
    }
  });
  // The skip link moves focus without a "#main" history entry: Back after leaving must not come back here.
  $("skip-link")?.addEventListener("click", (event) => {
    event.preventDefault();
    const main = $("main");
    if (main) {
      if (!main.hasAttribute("tabindex")) main.setAttribute("tabindex", "-1");
      main.focus();
    }
  });
  let presses = [];
  document.addEventListener("keydown", (event) => {
    // Escape while composing text with an input method (IME) closes the candidate list, not the page.
    if (event.key !== "Escape" || event.repeat || event.isComposing || event.keyCode === 229) return;
    // In a dialog the first press closes it, and counts: three presses leave wherever the first one landed. A press
    // that something else used (and stopped) is not counted.
    if (event.defaultPrevented) {
      presses = [];
      return;
    }
    const now = Date.now();
    presses = presses.filter((at) => now - at < ESCAPES_WITHIN_MS);
    presses.push(now);
    if (presses.length >= 3) leaveQuickly();
  });
}
