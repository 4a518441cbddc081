// The moderator console: shown only to members whose roles include `moderator` (GetMe, and live with
// MemberUpdated), reports with their evidence (ListReports; new ones arrive live with ReportFiled), and
// resolving them (ResolveReport). The other tools are in moderation-tools.js.
import { $, el, clear, formatTime, setBadge } from "./dom.js";
import { describeError } from "./errors.js";
import { state } from "./store.js";
import { invoke } from "./connection.js";
import { isModerator, categoryLabel } from "./trust.js";
import { RESOLVE_ACTIONS, resolveArgs, upsertReport, reportsInView, openCount, evidenceRows, channelLabel, resolutionText } from "./moderation-model.js";
import { showView, announce, viewHooks } from "./views.js";
import { renderListener } from "./listen.js";
import { fillRoomChoices, refreshTeenApprovals } from "./moderation-tools.js";
import { loadAlerts, clearAlerts, seeAlerts } from "./moderation-alerts.js";
import { refreshAppeals, clearAppeals } from "./moderation-appeals.js";

const ACTION_LABELS = { none: "No action", warn: "Warn the member", suspend: "Suspend for some minutes", ban: "Ban (no end)" };

viewHooks.moderate = () => {
  seeAlerts();
  loadReports();
  fillRoomChoices();
  refreshTeenApprovals();
};

/** Shows or hides the console to match the member's roles now. */
export function renderModeratorAccess() {
  const moderator = isModerator(state.me);
  const nav = document.querySelector('.nav-btn[data-view="moderate"]');
  const was = !nav.hidden;
  nav.hidden = !moderator;
  if (!moderator) {
    state.reports.clear();
    clearAlerts();
    clearAppeals();
    renderBadge();
    if (state.view === "moderate") showView("talk");
    if (was) announce("You are no longer a moderator.");
  } else if (!was) {
    announce("You are a moderator: the Moderation console is open to you.");
    loadReports();
  }
}

/** `MemberUpdated(Member)`: roles or the listener profile changed (for example the moderator role). */
export function onMemberUpdated(member) {
  if (!member) return;
  state.me = { ...(state.me || {}), ...member };
  renderListener();
  renderModeratorAccess();
}

export async function loadReports() {
  if (!isModerator(state.me) || !state.connected) return;
  loadAlerts();
  refreshAppeals(); // with the reports: when the console opens, on every (re)connection, when the role arrives
  const status = $("reports-status");
  const filter = state.reportFilter;
  try {
    const list = await invoke("ListReports", filter === "all" ? {} : { status: filter });
    for (const r of list || []) upsertReport(state.reports, r);
    status.textContent = "";
  } catch (err) {
    status.textContent = describeError(err).text;
  }
  renderReports();
}

/** `ReportFiled(Report)`: a new report appears at the top without a reload. */
export function onReportFiled(report) {
  if (!isModerator(state.me)) return;
  const isNew = upsertReport(state.reports, report, { live: true });
  renderReports();
  if (isNew) announce(`New report: ${categoryLabel(report.category)}${report.reportedHandle ? `, about ${report.reportedHandle}` : ""}.`);
  // The event carries no evidence: the list has it.
  if (state.reports.get(report.reportId)?.evidencePending) loadReports();
}

function renderBadge() {
  const n = openCount(state.reports);
  setBadge($("moderate-badge"), n, (k) => (k === 1 ? " open report" : " open reports"));
}

export function renderReports() {
  renderBadge();
  const list = $("report-list");
  // Keep what a moderator is typing in an open report's form across live updates.
  const drafts = new Map();
  for (const form of list.querySelectorAll("form[data-report-id]")) {
    drafts.set(form.dataset.reportId, { action: form.elements.action.value, minutes: form.elements.minutes.value, note: form.elements.note.value, focused: form.contains(document.activeElement) ? document.activeElement.name : null });
  }
  clear(list);
  const reports = reportsInView(state.reports, state.reportFilter);
  for (const report of reports) list.append(reportCard(report, drafts.get(report.reportId)));
  if (!reports.length) {
    list.append(el("li", { className: "hint", text: state.reportFilter === "open" ? "No open reports. New ones appear here as they are made." : "No reports here." }));
  }
}

function reportCard(report, draft) {
  const id = `report-${report.reportId}`;
  const evidence = evidenceRows(report);
  const card = el("li", { className: `report-card${report.status === "open" ? " open" : ""}`, attrs: { "data-testid": "report", "data-report-id": report.reportId, "aria-labelledby": `${id}-title` } }, [
    el("h3", { text: `${categoryLabel(report.category)}: ${report.reportedHandle ?? "unknown"}`, attrs: { id: `${id}-title` } }),
    el("p", { className: "hint", text: `${channelLabel(report.channel)} · reported by ${report.reporterHandle} · ${formatWhen(report.createdAt)} · ${report.status}` }),
    report.reason ? el("blockquote", { className: "report-reason", text: report.reason, attrs: { "data-testid": "report-reason" } }) : el("p", { className: "hint", text: "No details given." }),
    el("h4", { text: report.seq === null || report.seq === undefined ? "Evidence: the conversation's last messages" : "Evidence: the reported message and the ones before it" }),
    el("ol", { className: "evidence", attrs: { "data-testid": "evidence" } }, evidence.length
      ? evidence.map((m) => el("li", { className: `evidence-msg${m.reported ? " reported" : ""}`, attrs: { "data-testid": "evidence-message", "data-seq": m.seq } }, [
        el("span", { className: "who", text: `${m.senderHandle} · ${formatTime(m.sentAt)}${m.reported ? " · reported" : ""}` }),
        el("p", { className: `text${m.redacted ? " removed" : ""}`, text: m.redacted ? "Message removed" : m.text }),
      ]))
      : [el("li", { className: "hint", text: report.evidencePending ? "Loading the evidence…" : "No messages were kept with this report." })]),
  ]);
  if (report.status === "open") card.append(resolveForm(report, draft));
  else card.append(el("p", { className: "resolution", text: resolutionText(report.resolution) || "Resolved.", attrs: { "data-testid": "report-resolution" } }));
  return card;
}

function formatWhen(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : d.toLocaleString([], { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

function resolveForm(report, draft) {
  const id = `resolve-${report.reportId}`;
  const action = el("select", { attrs: { id: `${id}-action`, name: "action", "data-testid": "resolve-action" } },
    RESOLVE_ACTIONS.map((a) => el("option", { text: ACTION_LABELS[a], attrs: { value: a } })));
  const minutes = el("input", { attrs: { id: `${id}-minutes`, name: "minutes", type: "number", min: "1", step: "1", inputmode: "numeric", "data-testid": "resolve-minutes" } });
  const note = el("input", { attrs: { id: `${id}-note`, name: "note", type: "text", maxlength: "500", autocomplete: "off", "data-testid": "resolve-note" } });
  const result = el("p", { className: "form-result", attrs: { role: "status", "data-testid": "resolve-result" } });
  const submit = el("button", { className: "btn primary", text: "Resolve", attrs: { type: "submit", "aria-label": `Resolve the report about ${report.reportedHandle ?? "an unknown member"}`, "data-testid": "resolve-submit" } });
  const form = el("form", { className: "resolve-form", attrs: { novalidate: true, "data-report-id": report.reportId, "aria-label": `Resolve the report about ${report.reportedHandle}` } }, [
    el("div", { className: "field" }, [el("label", { text: "Action", attrs: { for: action.id } }), action]),
    el("div", { className: "field" }, [el("label", { text: "Minutes (suspend only)", attrs: { for: minutes.id } }), minutes]),
    el("div", { className: "field" }, [el("label", { text: "Note (the member reads it with a warning, suspension or ban; never say who reported)", attrs: { for: note.id } }), note]),
    submit,
    result,
  ]);
  if (draft) {
    action.value = draft.action;
    minutes.value = draft.minutes;
    note.value = draft.note;
    if (draft.focused) setTimeout(() => form.elements[draft.focused]?.focus(), 0);
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { args, error } = resolveArgs({ reportId: report.reportId, action: action.value, minutes: minutes.value, note: note.value });
    if (error) {
      result.textContent = error;
      result.dataset.kind = "error";
      return;
    }
    submit.disabled = true;
    try {
      await invoke("ResolveReport", args);
      upsertReport(state.reports, { reportId: report.reportId, status: "resolved", resolution: { action: args.action, minutes: args.minutes, note: args.note, resolvedBy: state.session.handle } });
      announce(`Report about ${report.reportedHandle} resolved.`);
      renderReports();
      $("reports-title").focus?.();
      loadReports();
    } catch (err) {
      result.textContent = describeError(err).text;
      result.dataset.kind = "error";
      submit.disabled = false;
    }
  });
  return form;
}

export function wireModeration() {
  $("reports-filter").addEventListener("change", (e) => {
    state.reportFilter = e.currentTarget.value;
    renderReports();
    loadReports();
  });
}
