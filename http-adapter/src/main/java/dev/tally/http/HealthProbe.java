package dev.tally.http;

import java.util.Map;

/**
 * What {@code GET /health} reports: whether the database answers and how fresh each synced
 * entity is. The composition root implements it; the server only renders it.
 */
@FunctionalInterface
public interface HealthProbe {
  Report check();

  /**
   * @param up true when Tally can serve: the database answers
   * @param checks one entry per thing checked, e.g. {@code database -> up}, {@code sync.users ->
   *     {status, last_success_at, stale}}
   */
  record Report(boolean up, Map<String, Object> checks) {}
}
