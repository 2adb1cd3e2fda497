/**
 * Sync of the upstream catalogues (users, pricing programmes, upstream APIs, LLM models) into the
 * local caches: the entities, the upstream page protocol, the per-entity state and lease.
 */
package dev.tally.core.sync;
