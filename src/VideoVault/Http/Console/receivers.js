// The console's receivers: every URL events are sent to (normalised, never with its query, which may
// hold a token) with its health, paused and failing ones first, and the operator's two actions on one:
// recover (send again what was not delivered to it since a time) and resume (end its pause).

import { api, el, time } from "./common.js";

const rank = { paused: 0, failing: 1, active: 2 };

// datetime-local wants local time without a zone: from the start of its failures, else the last hour.
function sinceDefault(receiver) {
  const since = receiver.failing_since ? new Date(receiver.failing_since) : new Date(Date.now() - 3600_000);
  return new Date(since.getTime() - since.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

async function act(path) {
  const message = document.getElementById("receivers-message");
  message.textContent = "Working…";
  message.className = "";
  try {
    const result = await api(path, { method: "POST" });
    await loadReceivers();
    message.textContent = `${result.queued} event(s) queued${result.in_progress ? `, ${result.in_progress} being sent already` : ""}.`;
  } catch (error) {
    message.textContent = error.message;
    message.className = "problem";
  }
}

function row(receiver) {
  const key = encodeURIComponent(receiver.key);
  const since = el("input", { type: "datetime-local", value: sinceDefault(receiver), "aria-label": "Recover since" });
  const recover = () => act(`receivers/${key}/recover?since=${encodeURIComponent(new Date(since.value).toISOString())}`);
  return el("tr", { "data-receiver-key": receiver.key },
    el("td", { class: "mono" }, receiver.url),
    el("td", {}, el("span", { class: `status receiver-${receiver.state}`, "data-state": receiver.state }, receiver.state)),
    el("td", {}, time(receiver.failing_since)),
    el("td", { class: "error" }, receiver.last_error ?? ""),
    el("td", { class: "actions" },
      since,
      el("button", { type: "button", class: "recover", onclick: recover }, "Recover"),
      receiver.state === "paused" ? el("button", { type: "button", class: "resume", onclick: () => act(`receivers/${key}/resume`) }, "Resume") : null));
}

export async function loadReceivers() {
  const state = document.getElementById("receiver-state").value;
  const message = document.getElementById("receivers-message");
  message.textContent = "";
  message.className = "";
  try {
    const list = await api(state ? `receivers?state=${state}` : "receivers");
    const receivers = list.receivers.toSorted((a, b) => rank[a.state] - rank[b.state]);
    document.getElementById("receiver-rows").replaceChildren(...receivers.map(row));
    if (receivers.length === 0) message.textContent = state ? `No ${state} receivers.` : "No events sent to a receiver yet.";
  } catch (error) {
    message.textContent = `The receivers could not be loaded: ${error.message}`;
    message.className = "problem";
  }
}
