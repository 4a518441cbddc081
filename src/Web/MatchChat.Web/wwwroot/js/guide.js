// [network] The listener's guide: shown before a member volunteers for the first time; Volunteer records the agreement.
import { $ } from "./dom.js";
import { fieldError } from "./views.js";

/** True before the member has a listener profile: the first Volunteer needs the guide agreed. */
export function needsGuide(me) {
  return !(me && me.listener);
}

/** Shows the guide; resolves true once they tick "I've read the guide" and agree, false if they step back. */
export function askGuide() {
  const dialog = $("guide-dialog");
  $("guide-agree").checked = false;
  $("guide-error").hidden = true;
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "ok"), { once: true });
    dialog.returnValue = "";
    dialog.showModal();
    dialog.querySelector("h2")?.setAttribute("tabindex", "-1");
    dialog.querySelector("h2")?.focus();
  });
}

export function wireGuide() {
  $("guide-form").addEventListener("submit", (event) => {
    if (event.submitter?.value === "ok" && !$("guide-agree").checked) {
      event.preventDefault();
      fieldError($("guide-error"), "Please tick the box to say you've read the guide.");
    }
  });
}
