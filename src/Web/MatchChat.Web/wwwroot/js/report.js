// Report: a message (conversation or room) or a whole conversation, with a category and an optional
// reason, through the hub's Report({channel, seq?, category, reason}) → {reportId}. Optionally blocks too.
import { $, el, clear } from "./dom.js";
import { describeError } from "./errors.js";
import { invoke } from "./connection.js";
import { REPORT_CATEGORIES, REASON_MAX, reportArgs, categoryLabel } from "./trust.js";
import { showNotice } from "./views.js";
import { blockPerson, isBlocked, BLOCK_EFFECT } from "./blocks.js";

let current = null; // { channel, seq, handle, returnFocus }

/**
 * Opens the report dialog. `seq` null reports the whole conversation; `text` is the reported
 * message, quoted (as text) so the member sees what they are reporting.
 */
export function openReport({ channel, seq = null, handle, text = null, returnFocus = null }) {
  current = { channel, seq, handle, returnFocus };
  const dialog = $("report-dialog");
  $("report-title").textContent = seq === null ? `Report your conversation with ${handle}` : `Report a message from ${handle}`;
  $("report-what").textContent = seq === null
    ? "A moderator will read this conversation's most recent messages."
    : "A moderator will read this message and the ones just before it.";
  const quote = $("report-quote");
  quote.hidden = text === null;
  quote.textContent = text ?? "";
  renderCategories();
  $("report-reason").value = "";
  updateCount();
  $("report-block").checked = false;
  $("report-block-row").hidden = !handle || isBlocked(handle);
  $("report-block-label").textContent = `Also block ${handle}`;
  $("report-error").hidden = true;
  $("report-submit").disabled = false;
  dialog.showModal();
  dialog.querySelector("input[name=report-category]")?.focus();
}

function renderCategories() {
  const box = $("report-categories");
  clear(box);
  for (const c of REPORT_CATEGORIES) {
    box.append(el("label", { className: "choice" }, [
      el("input", { attrs: { type: "radio", name: "report-category", value: c.value, "data-testid": `report-category-${c.value}` } }),
      document.createTextNode(` ${c.label}`),
    ]));
  }
}

function updateCount() {
  $("report-reason-count").textContent = `${$("report-reason").value.length} of ${REASON_MAX} characters`;
}

function close() {
  $("report-dialog").close();
}

async function submit(event) {
  event.preventDefault();
  if (!current) return;
  const error = $("report-error");
  error.hidden = true;
  const category = $("report-categories").querySelector("input:checked")?.value;
  const { args, error: problem } = reportArgs({ channel: current.channel, seq: current.seq, category, reason: $("report-reason").value });
  if (problem) {
    error.textContent = problem;
    error.hidden = false;
    return;
  }
  const alsoBlock = $("report-block").checked && !$("report-block-row").hidden;
  const { handle } = current;
  const button = $("report-submit");
  button.disabled = true;
  try {
    const result = await invoke("Report", args);
    // Focus goes to the thanks (and brings it into view), not back to "Report": the dialog's close handler moves it.
    if (current) current.returnFocus = $("notice-text");
    close();
    const reference = result && result.reportId ? ` Reference: ${result.reportId}.` : "";
    const thanks = `Thank you. Your report (${categoryLabel(category).toLowerCase()}) has reached the moderators, and they will look at it.${reference} ${handle} is not told who reported them.`;
    showNotice(thanks);
    if (alsoBlock && await blockPerson(handle, { confirm: false, quiet: true })) showNotice(`${thanks} You blocked ${handle}. ${BLOCK_EFFECT}`);
  } catch (err) {
    error.textContent = describeError(err).text;
    error.hidden = false;
    button.disabled = false;
  }
}

/** Wires the dialog once at start. */
export function wireReportDialog() {
  $("report-form").addEventListener("submit", submit);
  $("report-cancel").addEventListener("click", close);
  $("report-reason").addEventListener("input", updateCount);
  $("report-dialog").addEventListener("close", () => {
    const focus = current && current.returnFocus;
    current = null;
    if (focus && focus.isConnected) focus.focus();
  });
}
