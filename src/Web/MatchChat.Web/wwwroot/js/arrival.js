// A card that arrives out of sight (a check-in that fell due, thanks): the sections sit above the views, so for someone
// in a chat or lower on the page nothing visible changed (an outside probe: the card at top −275 px). A small note shows
// where they are (in the open chat, above its composer; else at the foot of the screen) without taking focus from what
// they type; "Show" brings the card into view and focuses its heading. Not a live region: each card announces itself.
import { $, refocus } from "./dom.js";
import { state } from "./store.js";

let card = null;
let heading = null;
const watch = typeof IntersectionObserver === "function"
  ? new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) hideArrival(); })
  : null;

const seen = (node) => {
  const r = node.getBoundingClientRect();
  return r.height > 0 && r.bottom > 0 && r.top < innerHeight;
};

/** Says `text` where the person is when `section` (just shown) is out of sight; `title` is focused by "Show". */
export function showArrival(text, section, title) {
  if (!section || section.hidden || seen(section)) return;
  const cue = $("arrival-cue");
  watch?.disconnect();
  card = section;
  heading = title;
  $("arrival-cue-text").textContent = text;
  const chat = $("chat");
  const inChat = !chat.hidden && chat.getClientRects().length > 0;
  if (inChat) $("composer").before(cue);
  else document.body.append(cue);
  cue.classList.toggle("in-chat", inChat);
  cue.hidden = false;
  watch?.observe(section);
}

export function hideArrival() {
  watch?.disconnect();
  $("arrival-cue").hidden = true;
  card = null;
}

export function wireArrival() {
  $("arrival-cue-show").addEventListener("click", () => {
    const [section, title] = [card, heading];
    hideArrival();
    if (!section || section.hidden) return;
    section.scrollIntoView({ block: "start" });
    title?.focus({ preventScroll: true });
  });
  $("arrival-cue-close").addEventListener("click", () => {
    hideArrival();
    // The note is gone with the button in it: back to what they were writing, else the view's heading.
    refocus("composer-text", document.querySelector(`#view-${state.view} h1`));
  });
}
