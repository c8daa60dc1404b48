// What tasks cost: a task's estimate and PiAPI's reported usage, and the day's and month's estimated spend
// against the budgets. Everything from the API goes in through textContent, never as HTML.

import { api } from "./common.js";

function usd(value) {
  return value === null || value === undefined ? "" : `$${Number(value).toFixed(2)}`;
}

export function cost(task) {
  if (task.cost?.estimated_usd === undefined) return null;
  return `${usd(task.cost.estimated_usd)} estimated${task.cost.estimate_basis === "default" ? " (price unknown: the configured default)" : ""}`;
}

// PiAPI reports usage in units of 1e-7 US dollars.
export function usage(task) {
  const reported = task.cost?.usage;
  return reported ? `${reported.type ?? "?"}: frozen ${usd(reported.frozen / 1e7)}, consumed ${usd(reported.consume / 1e7)}` : null;
}

export async function loadSpend() {
  const spend = document.getElementById("spend");
  try {
    const figures = await api("spend");
    const limit = figures.daily_limit_usd ? ` of ${usd(figures.daily_limit_usd)}` : "";
    const open = figures.max_open_tasks ? ` · open ${figures.open_tasks}/${figures.max_open_tasks}` : "";
    spend.textContent = `Estimated spend today ${usd(figures.today_usd)}${limit} · this month ${usd(figures.month_usd)}${open}`;
  } catch (error) {
    spend.textContent = `Spend unavailable: ${error.message}`;
  }
}
