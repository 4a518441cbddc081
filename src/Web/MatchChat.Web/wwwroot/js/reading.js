// Reading back in the open chat. Someone scrolled up to read earlier messages is left where they are when a new one
// comes (messages.js); "New messages ↓" under the list says so, with how many, and takes them to the newest (an
// outside probe: a message arrived 25,000 px below and nothing said so). And after "Show earlier messages", which is
// replaced as it loads, focus goes to the messages it brought instead of falling to <body>.
import { $ } from "./dom.js";

let count = 0;

const nearBottom = (list) => list.scrollHeight - list.scrollTop - list.clientHeight < 80;

/** `n` messages from others arrived below while the reader is scrolled up. */
export function noteNewBelow(n) {
  count += n;
  const button = $("new-messages");
  button.textContent = `${count} new ${count === 1 ? "message" : "messages"} ↓`;
  button.setAttribute("aria-label", `${count} new ${count === 1 ? "message" : "messages"}: go to the newest`);
  button.hidden = false;
}

/** The reader is at the newest messages, or another chat was opened. */
export function resetNewBelow() {
  count = 0;
  const button = $("new-messages");
  if (button.contains(document.activeElement)) $("messages").focus({ preventScroll: true });
  button.hidden = true;
}

/**
 * The pressed "Show earlier messages" is gone: focus goes to the loaded message just above where the reader was (the
 * newest of those loaded, brought into view only as far as needed), else to the new button; never to <body>.
 */
export function focusLoaded(list, older) {
  const seq = Math.max(...older.map((m) => Number(m.seq)));
  const node = list.querySelector(`li[data-seq="${seq}"]`) || list.querySelector("[data-testid=messages-earlier]") || list;
  if (node.tagName === "LI") node.tabIndex = -1;
  node.focus({ preventScroll: true });
  node.scrollIntoView({ block: "nearest" });
}

export function wireNewBelow() {
  const list = $("messages");
  // A reader at the newest messages stays there when the list itself gets shorter: the listener's care note opening
  // above it (care.js) shrank it, and the crisis message that brought the note sat below the visible area with no
  // "new messages" to say so (an outside probe). Someone scrolled up is left where they are. Where they were is worked
  // out from before the shrink too: the scroll event of the last scroll to the newest can come after the shrink and
  // mark them as scrolled up.
  let height = list.clientHeight;
  new ResizeObserver(() => {
    const shrunk = Math.max(0, height - list.clientHeight);
    height = list.clientHeight;
    const wasAtBottom = list.scrollHeight - list.scrollTop - list.clientHeight - shrunk < 80;
    if (list.dataset.scrolled !== "1" || wasAtBottom) list.scrollTop = list.scrollHeight;
  }).observe(list);
  list.addEventListener("scroll", () => {
    if (count && nearBottom(list)) resetNewBelow();
  }, { passive: true });
  $("new-messages").addEventListener("click", () => {
    list.scrollTop = list.scrollHeight;
    list.dataset.scrolled = "0";
    // Focus stays in the chat: on the newest message (the button goes away under it).
    const newest = [...list.querySelectorAll("li[data-seq]")].pop();
    if (newest) newest.tabIndex = -1;
    (newest || list).focus({ preventScroll: true });
    resetNewBelow();
  });
}
