/**
 * The workings of the upstream gateway: the OkHttp client and its signing interceptor, the pure
 * request signers, the page reader with the entity mappings, and the classification of failures.
 * Not an API: only {@link dev.tally.sync.UpstreamClients} builds these.
 */
package dev.tally.sync.internal;
