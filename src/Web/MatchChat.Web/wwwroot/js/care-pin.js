// The alert that a listener's other chat may need care (#care-elsewhere, care.js) sits at the top of the page. On a
// phone, reading another chat, the page is scrolled and the alert was above the screen: a listener who does not use a
// screen reader saw nothing at all (an outside probe). While its place is out of sight, it is fixed near the top of the
// screen, under whichever header is stuck there and under the offer bar when that shows (as offer-bar.js places it).
import { $ } from "./dom.js";

const phone = () => matchMedia("(max-width: 700px), (max-height: 500px)").matches;

/** The lowest bottom of the headers and the offer bar that are at the top of the screen now. */
function clearTop() {
  let top = 0;
  for (const selector of [".site-header", "#chat .chat-header", "#offer-bar"]) {
    const node = document.querySelector(selector);
    if (!node || node.hidden || !node.getClientRects().length) continue;
    const r = node.getBoundingClientRect();
    // What is on screen in the top half, stuck or not, as offer-bar.js counts it (a review: a chat header scrolled a little
    // down from the top was not counted, and the alert covered its Exit site).
    if (r.top < innerHeight / 2 && r.bottom > top) top = r.bottom;
  }
  return Math.round(Math.min(top, innerHeight / 2));
}

export function placeCareElsewhere() {
  const box = $("care-elsewhere");
  const anchor = $("care-elsewhere-anchor");
  if (!box || !anchor) return;
  const top = clearTop();
  // The anchor stands where the alert would be in the page; while the alert is pinned it keeps that room.
  // Phones only (where the chat header carries its own Exit site): on a wide screen nothing is stuck to pin under.
  const pin = !box.hidden && phone() && anchor.getBoundingClientRect().top < top;
  if (pin && !box.classList.contains("care-pinned")) anchor.style.minHeight = `${box.offsetHeight}px`;
  if (!pin) anchor.style.minHeight = "";
  box.classList.toggle("care-pinned", pin);
  box.style.top = pin ? `${top}px` : "";
}

export function wireCarePin() {
  addEventListener("scroll", placeCareElsewhere, { passive: true });
  addEventListener("resize", placeCareElsewhere);
}
