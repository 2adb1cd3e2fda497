// Preact with hooks and htm templates (one module from the htm WebJar). Templates render every
// value as text: nothing here ever sets HTML from a string.
export * from '../lib/htm/preact/standalone.module.js';
