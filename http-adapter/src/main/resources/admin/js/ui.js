// Pieces every screen uses: loading data, error notes, fields, pagers, confirmations.
import { html, useCallback, useEffect, useRef, useState } from './preact.js';
import { options } from './codes.js';

/** Runs `load` when `deps` change; `reload()` runs it again. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    Promise.resolve()
      .then(load)
      .then(
        (data) => current && setState({ data, error: null, loading: false }),
        (error) => current && setState({ data: null, error, loading: false }),
      );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/**
 * Wraps a submit handler: gathers the form's fields, runs `action`, and keeps its error (shown
 * next to the form) until the next try. On success the form is reset unless `keep` is set.
 */
export function useSubmit(action, { keep = false } = {}) {
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      await action(fields(form), form);
      if (!keep) form.reset();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { onSubmit, error, busy, setError };
}

/** The form's named fields: text trimmed, checkboxes as booleans. */
export function fields(form) {
  const values = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === 'checkbox') values[element.name] = element.checked;
    else if (element.type === 'radio') {
      if (element.checked) values[element.name] = element.value;
    } else values[element.name] = element.value.trim();
  }
  return values;
}

/** The fields that hold a value (empty optional fields are left out of a request). */
export function present(values) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined));
}

/** An API error, next to the form or list it belongs to. */
export function ErrorNote({ error, id }) {
  if (!error) return null;
  return html`<p class="error" role="alert" id=${id}>${error.message}</p>`;
}

/** A short success note. */
export function Note({ text }) {
  if (!text) return null;
  return html`<p class="note" role="status">${text}</p>`;
}

export function Loading({ state, what }) {
  if (state.error) return html`<${ErrorNote} error=${state.error} />`;
  if (state.loading && !state.data) return html`<p class="muted loading" role="status">Loading ${what}…</p>`;
  return null;
}

/** A labelled control: the control sits inside its label. */
export function Field({ label, hint, children, wide }) {
  return html`<label class=${wide ? 'field wide' : 'field'}>
    <span class="field-label">${label}</span>
    ${children}
    ${hint ? html`<span class="hint">${hint}</span>` : null}
  </label>`;
}

/**
 * A select of a code set's labels; `any` adds an empty first choice. Controlled with `value`, or
 * left to the user from `initial`.
 */
export function CodeSelect({ set, name, value, initial, any, onChange, required }) {
  return html`<select name=${name} value=${value} onChange=${onChange} required=${required}>
    ${any !== undefined ? html`<option value="">${any}</option>` : null}
    ${options(set).map(
      (o) => html`<option value=${o.code} selected=${initial === o.code}>${o.label}</option>`,
    )}
  </select>`;
}

export function Pager({ page, pageSize, total, onPage, label }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return html`<nav class="pager" aria-label=${label || 'pages'}>
    <button type="button" disabled=${page <= 1} onClick=${() => onPage(page - 1)}>Previous</button>
    <span class="pager-status" aria-live="polite">Page ${page} of ${pages} · ${total} in all</span>
    <button type="button" disabled=${page >= pages} onClick=${() => onPage(page + 1)}>Next</button>
  </nav>`;
}

/**
 * A modal confirmation (a native dialog: focus is kept inside, Escape cancels). `onConfirm`
 * returns a promise; its error is shown in the dialog, which then stays open.
 */
export function Confirm({ title, children, confirmLabel, onConfirm, onClose }) {
  const dialog = useRef(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current.showModal();
    return () => dialog.current && dialog.current.open && dialog.current.close();
  }, []);
  const confirm = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm(fields(event.currentTarget));
      onClose();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return html`<dialog ref=${dialog} class="confirm" aria-labelledby="confirm-title"
      onCancel=${(e) => { e.preventDefault(); onClose(); }}>
    <form method="dialog" onSubmit=${confirm}>
      <h2 id="confirm-title">${title}</h2>
      ${children}
      <${ErrorNote} error=${error} />
      <div class="actions">
        <button type="submit" class="danger" disabled=${busy}>${confirmLabel}</button>
        <button type="button" onClick=${onClose}>Cancel</button>
      </div>
    </form>
  </dialog>`;
}

/** A table that scrolls sideways inside its box on narrow screens, not the page. */
export function TableBox({ children, label }) {
  return html`<div class="table-box" role="region" aria-label=${label} tabindex="0">${children}</div>`;
}

/** An API time (ISO-8601 UTC) shown to the second. */
export function time(value) {
  if (!value) return '';
  return value.replace('T', ' ').replace(/(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/, '$1Z');
}
