/**
 * The HTTP adapter: {@link dev.tally.http.TallyServer} serves core's use cases as a JSON API under
 * {@code /api/v1}, with dapi authentication, problem+json errors, an OpenAPI document and
 * Prometheus metrics.
 */
package dev.tally.http;
