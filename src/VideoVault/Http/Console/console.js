// The operator console: the task list from GET tasks, a task's detail from GET tasks/{id} and its
// events, the actions (retry, cancel, redeliver, delete video) and today's and this month's estimated spend (spend.js);
// the receivers are in receivers.js. Paths are relative to /api/console, so the page works under any base path.

import { api, el, keyStorage, time } from "./common.js";
import { loadReceivers } from "./receivers.js";
import { cost, loadSpend, usage } from "./spend.js";

const statuses = ["submitting", "pending", "processing", "completed", "archiving", "archived",
  "submit_failed", "failed", "archive_failed", "expired", "cancelled"];
const retryable = new Set(["archive_failed", "submit_failed"]);
// Only these can still be stopped; the API says why when PiAPI cannot (model without cancel, already processing).
const cancellable = new Set(["submitting", "pending"]);
const terminal = new Set(["archived", "submit_failed", "failed", "archive_failed", "expired", "cancelled"]);
const pageSize = 50;

const list = { status: "", continuation: null, previous: [] };
let detailTimer = null;

function bytes(value) {
  if (value === null || value === undefined) return "";
  return value < 1024 * 1024 ? `${(value / 1024).toFixed(1)} KiB (${value} B)` : `${(value / 1048576).toFixed(2)} MiB (${value} B)`;
}

function badge(status) {
  return el("span", { class: `status ${status}`, "data-status": status }, status);
}

async function loadList() {
  loadSpend();
  const message = document.getElementById("list-message");
  const query = new URLSearchParams({ limit: String(pageSize) });
  if (list.status) query.set("status", list.status);
  if (list.continuation) query.set("continuation", list.continuation);
  message.textContent = "Loading…";
  message.className = "";
  try {
    const page = await api(`tasks?${query}`);
    renderRows(page);
    message.textContent = page.tasks.length === 0 ? "No tasks." : "";
    if (page.unreadable?.length) {
      message.textContent = `Rows this version cannot read: ${page.unreadable.map(row => `${row.id} (${row.error})`).join(", ")}`;
    }
    document.getElementById("older").disabled = !page.continuation;
    document.getElementById("older").dataset.next = page.continuation ?? "";
    document.getElementById("newer").disabled = list.previous.length === 0;
    performance.mark("videovault:list-rendered");
  } catch (error) {
    message.textContent = `The list could not be loaded: ${error.message}`;
    message.className = "problem";
  }
}

// A list item is what the task's index row carries (no input, progress or links): the detail fetches the full task.
function renderRows(page) {
  const rows = page.tasks.map(task => {
    const row = el("tr", { "data-task-id": task.id, onclick: () => { location.hash = `#/tasks/${task.id}`; } },
      el("td", {}, time(task.created_at)),
      el("td", { class: "mono" }, task.id),
      el("td", {}, badge(task.status)),
      el("td", {}, task.catalog_entry ?? task.task_type ?? task.model),
      el("td", {}, time(task.status_changed_at)),
      el("td", { class: "prompt", title: task.prompt },
        task.error ? el("span", { class: "error" }, task.error) : task.prompt));
    if (location.hash === `#/tasks/${task.id}`) row.classList.add("selected");
    return row;
  });
  document.getElementById("task-rows").replaceChildren(...rows);
}

function field(name, value) {
  return value === null || value === undefined || value === "" ? [] : [el("dt", {}, name), el("dd", {}, value)];
}

function timeline(task) {
  const changes = task.timeline?.length ? task.timeline : [{ status: task.status, at: task.updated_at }];
  return el("ol", { class: "timeline" }, ...changes.map(change => el("li", {}, badge(change.status), " ", time(change.at))));
}

// The poster is the model's own cover or thumbnail, archived beside the video, where it gave one.
function video(task) {
  if (!task.video?.url) return null;
  return el("video", { controls: true, preload: "auto", src: task.video.url, poster: task.video.poster_url, "data-sha256": task.video.sha256 });
}

// The inputs besides the prompt, as PiAPI got them: their names differ by model.
function otherInputs(input) {
  const parts = Object.entries(input).filter(([name]) => name !== "prompt").map(([name, value]) => `${name}=${JSON.stringify(value)}`);
  return parts.length ? el("code", {}, parts.join(", ")) : null;
}

function attempts(history) {
  if (!history.length) return "";
  return el("details", {},
    el("summary", {}, `${history.length} attempt(s)`),
    el("ol", {}, ...history.map(attempt => el("li", {},
      `${time(attempt.at)}: ${attempt.status ?? "no answer"} in ${attempt.duration_ms} ms`,
      attempt.error ? ` (${attempt.error})` : "",
      attempt.redelivery ? " [redelivery]" : ""))));
}

function eventsTable(task, log) {
  if (!log.events.length) return el("p", {}, "No events yet.");
  return el("table", { class: "events" },
    el("thead", {}, el("tr", {}, ...["#", "Event", "At", "Webhook", "Queue", ""].map(name => el("th", {}, name)))),
    el("tbody", {}, ...log.events.map(event => el("tr", { "data-event-id": event.id },
      el("td", {}, event.sequence),
      el("td", {}, event.type, " ", badge(event.status)),
      el("td", {}, time(event.timestamp)),
      el("td", {}, event.webhook.state,
        event.webhook.next_attempt_at ? ` (next ${time(event.webhook.next_attempt_at)})` : "",
        attempts(event.webhook.history)),
      el("td", {}, event.published_at ? `published ${time(event.published_at)}` : "not yet"),
      el("td", {}, event.webhook.state === "not_subscribed" ? "" :
        el("button", { type: "button", class: "redeliver", onclick: () => act(task.id, `tasks/${task.id}/events/${event.id}/redeliver`) }, "Redeliver"))))));
}

function renderDetail(task, log) {
  const detail = document.getElementById("detail");
  const video_ = task.video;
  // replaceChildren would print a null as "null": the parts a task lacks are dropped first.
  detail.replaceChildren(...[
    el("h2", {}, "Task ", el("code", {}, task.id), " ", badge(task.status)),
    el("p", { id: "action-message", role: "status" }),
    retryable.has(task.status) ? el("button", { type: "button", id: "retry", onclick: () => act(task.id, `tasks/${task.id}/retry`) }, "Retry") : null,
    video_ && !video_.deleted_at ? el("button", { type: "button", id: "delete-video", onclick: () => deleteVideo(task) }, "Delete video") : null,
    cancellable.has(task.status) ? el("button", { type: "button", id: "cancel", onclick: () => act(task.id, `tasks/${task.id}/cancel`) }, "Cancel") : null,
    el("dl", {},
      ...field("Model", [task.model, task.task_type].filter(Boolean).join(" / ")),
      ...field("Catalog entry", task.catalog_entry ? el("code", { id: "catalog-entry" }, task.catalog_entry) : null),
      ...field("Prompt", task.input.prompt),
      ...field("Input", otherInputs(task.input)),
      ...field("Progress", task.progress === undefined ? null : `${task.progress}%`),
      ...field("PiAPI task", task.piapi_task_id ? el("code", {}, task.piapi_task_id) : null),
      ...field("Cost", cost(task)),
      ...field("PiAPI usage", usage(task)),
      ...field("Deadline", task.deadline ? `${time(task.deadline)}${task.deadline_missed ? " (missed: PiAPI was already working on it)" : ""}` : null),
      ...field("Failure reason", task.error ? el("span", { class: "error", id: "failure-reason" }, task.error) : null),
      ...field("Blob", video_ ? el("code", {}, `${video_.container}/${video_.blob_name}`) : null),
      ...field("Size", video_ ? bytes(video_.size) : null),
      ...field("SHA-256", video_?.sha256 ? el("code", {}, video_.sha256) : null),
      ...field("Expires", video_?.expires_at ? time(video_.expires_at) : null),
      ...field("Deleted", video_?.deleted_at ? el("span", { id: "video-deleted" }, time(video_.deleted_at), ` (${video_.deletion_reason})`) : null),
      ...field("Poster", video_?.poster_blob_name ? el("code", {}, `${video_.container}/${video_.poster_blob_name}`) : null),
      ...field("Videos in output", video_?.source_videos > 1 ? `${video_.source_videos} (the first is archived)` : null),
      ...field("Created", time(task.created_at)),
      ...field("Updated", time(task.updated_at))),
    video(task),
    el("h3", {}, "Timeline"),
    timeline(task),
    el("h3", {}, "Events"),
    log.webhook ? el("p", {}, "Webhook ", el("code", {}, log.webhook.url), ` for ${log.webhook.events.join(", ")}`) : el("p", {}, "No webhook subscription; events go to the events queue."),
    eventsTable(task, log)].filter(part => part !== null));
  detail.hidden = false;
}

async function loadDetail(id) {
  clearTimeout(detailTimer);
  const detail = document.getElementById("detail");
  try {
    const [task, log] = await Promise.all([api(`tasks/${encodeURIComponent(id)}`), api(`tasks/${encodeURIComponent(id)}/events`)]);
    if (location.hash !== `#/tasks/${id}`) return;
    renderDetail(task, log);
    for (const row of document.querySelectorAll("#task-rows tr")) row.classList.toggle("selected", row.dataset.taskId === id);
    // An open task moves on by itself; a finished one only by an action, which reloads it.
    if (!terminal.has(task.status)) detailTimer = setTimeout(() => loadDetail(id), 3000);
  } catch (error) {
    detail.replaceChildren(el("p", { class: "problem" }, `Task ${id}: ${error.message}`));
    detail.hidden = false;
  }
}

// Deleting is final once the storage account's soft-delete window has passed: the operator confirms first.
function deleteVideo(task) {
  if (!confirm(`Delete the video of task ${task.id} and its poster? The task stays as a record; the blobs can only be restored from soft delete within its window.`)) return;
  act(task.id, `tasks/${task.id}/video`, "DELETE");
}

async function act(id, path, method = "POST") {
  const message = document.getElementById("action-message");
  message.textContent = "Working…";
  try {
    await api(path, { method });
    message.textContent = "";
    await Promise.all([loadDetail(id), loadList()]);
  } catch (error) {
    message.textContent = error.message;
    message.className = "problem";
  }
}

function route() {
  const match = /^#\/tasks\/([^/]+)$/.exec(location.hash);
  if (match) loadDetail(decodeURIComponent(match[1]));
  else document.getElementById("detail").hidden = true;
}

function start() {
  const filter = document.getElementById("status-filter");
  filter.append(...statuses.map(status => el("option", { value: status }, status)));
  const key = document.getElementById("function-key");
  key.value = sessionStorage.getItem(keyStorage) ?? "";
  key.addEventListener("change", () => {
    if (key.value) sessionStorage.setItem(keyStorage, key.value);
    else sessionStorage.removeItem(keyStorage);
    loadList();
    loadReceivers();
  });
  filter.addEventListener("change", () => {
    Object.assign(list, { status: filter.value, continuation: null, previous: [] });
    loadList();
  });
  document.getElementById("refresh").addEventListener("click", () => { loadList(); route(); });
  document.getElementById("older").addEventListener("click", event => {
    list.previous.push(list.continuation);
    list.continuation = event.target.dataset.next;
    loadList();
  });
  document.getElementById("newer").addEventListener("click", () => {
    list.continuation = list.previous.pop() ?? null;
    loadList();
  });
  document.getElementById("receiver-state").addEventListener("change", loadReceivers);
  document.getElementById("receivers-refresh").addEventListener("click", loadReceivers);
  window.addEventListener("hashchange", route);
  loadList();
  loadReceivers();
  route();
}

start();
