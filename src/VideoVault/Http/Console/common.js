// The console's shared helpers: elements built without HTML, times, and API calls carrying the
// operator's function key. Everything from the API goes in through textContent, never as HTML.

export const keyStorage = "videovault.functionKey";

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "onclick") node.addEventListener("click", value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function time(value) {
  return value ? new Date(value).toLocaleString() : "";
}

// A problem+json answer as one line: its detail (or title) and any field errors.
async function problemText(response) {
  try {
    const problem = await response.json();
    const fields = Object.entries(problem.errors ?? {}).map(([field, messages]) => `${field}: ${messages.join(" ")}`);
    return [problem.detail ?? problem.title ?? `HTTP ${response.status}`, ...fields].join(" ");
  } catch {
    return `HTTP ${response.status}`;
  }
}

export async function api(path, init = {}) {
  const key = sessionStorage.getItem(keyStorage);
  const headers = { Accept: "application/json", ...(key ? { "x-functions-key": key } : {}) };
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) throw new Error(await problemText(response));
  return response.json();
}
