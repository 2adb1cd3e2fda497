// The public JSON API under /api/v1, called with the API key of this tab's session.
const KEY = 'tally.apiKey';
const PREFIX = '/api/v1';

/** A refusal of the API: its problem+json `detail` is what the user reads. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `the server answered ${status}`);
    this.status = status;
    this.code = problem.code || '';
  }
}

/** The API key lives in sessionStorage only: it leaves with the tab. */
export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

let onUnauthorized = () => {};

/** Called when the session's key is refused (revoked or expired): back to sign-in. */
export function whenUnauthorized(callback) {
  onUnauthorized = callback;
}

export async function api(method, path, body, key = session.key()) {
  if (!key) {
    // signed out (here or in another tab): asking without a key would only count as a failed
    // authentication against this address, which the server answers with 429 after a few
    onUnauthorized();
    throw new ApiError(401, { detail: 'signed out: sign in with an API key' });
  }
  const headers = { Accept: 'application/json', Authorization: `Bearer ${key}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(PREFIX + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { detail: `the server did not answer (${e.message})` });
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    if (response.status === 401 && key === session.key()) onUnauthorized();
    throw new ApiError(response.status, json || { detail: text || response.statusText });
  }
  return json;
}

/** `?a=1&b=2` from the parameters that have a value. */
export function query(params = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const get = (path, params) => api('GET', path + query(params));
export const post = (path, body = {}) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path, params) => api('DELETE', path + query(params));

/** The most rows a screen gathers for totals, charts and exports. */
export const GATHER_LIMIT = 100000;

/** Every item of a paginated list, a page of 1000 at a time, up to GATHER_LIMIT. */
export async function getAll(path, params = {}) {
  const items = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const answer = await get(path, { ...params, page, page_size: 1000 });
    items.push(...answer.items);
    total = answer.total;
    if (answer.items.length === 0 || items.length >= total || items.length >= GATHER_LIMIT) break;
  }
  return { items, total, complete: items.length >= total };
}

/** A path segment from an id (ids come from the API and may hold anything). */
export const segment = (id) => encodeURIComponent(id);
