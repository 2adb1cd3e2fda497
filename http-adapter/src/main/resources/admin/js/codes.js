// Code-set labels (appcodes_kv, from GET /code-sets): a code is shown by its label.
let sets = new Map();

export function useCodeSets(items) {
  sets = new Map(items.map((set) => [set.id, new Map(set.codes.map((c) => [c.code, c.label]))]));
}

/** The label of a code, or the code itself when its set does not name it. */
export function label(setId, code) {
  if (code === null || code === undefined) return '';
  return sets.get(setId)?.get(code) ?? code;
}

/** The codes of a set with their labels, for a select. */
export function options(setId) {
  return [...(sets.get(setId) || new Map()).entries()].map(([code, text]) => ({ code, label: text }));
}
