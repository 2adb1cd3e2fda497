package dev.tally.http.route;

import dev.tally.core.auth.Role;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.port.in.Sync;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncReport;
import dev.tally.core.sync.SyncState;
import dev.tally.http.auth.Access;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * The upstream sync: {@code GET /sync} (every entity's state; admin or service) and {@code POST
 * /sync/{entity}} (run one now; admin), which answers the run's report.
 */
final class SyncRoutes {
  private final Sync sync;

  SyncRoutes(Sync sync) {
    this.sync = sync;
  }

  /** Where an entity's sync stands. */
  record StateView(
      String entity,
      String status,
      String cursor,
      String lastError,
      int attempts,
      long itemsSynced,
      Instant lastSuccessAt,
      Instant lastAttemptAt,
      String leaseOwner,
      Instant leaseUntil) {

    static StateView of(SyncState state) {
      return new StateView(
          state.entity().code(),
          state.status().code(),
          state.cursor().orElse(null),
          state.lastError().orElse(null),
          state.attempts(),
          state.itemsSynced(),
          state.lastSuccessAt().orElse(null),
          state.lastAttemptAt().orElse(null),
          state.leaseOwner().orElse(null),
          state.leaseUntil().orElse(null));
    }
  }

  /** What one run did. */
  record ReportView(
      String entity,
      String outcome,
      int pages,
      int upserted,
      int deleted,
      int retries,
      long elapsedMillis,
      String error) {

    static ReportView of(SyncReport report) {
      return new ReportView(
          report.entity().code(),
          report.outcome().name().toLowerCase(java.util.Locale.ROOT),
          report.pages(),
          report.upserted(),
          report.deleted(),
          report.retries(),
          report.elapsed().toMillis(),
          report.error().orElse(null));
    }
  }

  void register(RoutesConfig routes) {
    routes.get(Api.path("/sync"), this::states);
    routes.post(Api.path("/sync/{entity}"), this::run);
  }

  private void states(Context ctx) {
    Access.require(ctx, Role.ADMIN, Role.SERVICE);
    ctx.json(sync.states().stream().map(StateView::of).toList());
  }

  /**
   * The report of a completed run; a run another server holds is a 409 {@code sync_busy}, one that
   * failed after its retries a 502 {@code upstream_unavailable} (its failure is also recorded in
   * the entity's state).
   */
  private void run(Context ctx) {
    Access.require(ctx, Role.ADMIN);
    SyncEntity entity = Params.path(ctx, "entity", SyncEntity::fromCode);
    SyncReport report = sync.run(entity);
    String why = report.error().orElse("");
    switch (report.outcome()) {
      case COMPLETED -> ctx.json(ReportView.of(report));
      case BUSY -> throw new TallyException(ErrorCode.SYNC_BUSY, why);
      case FAILED -> throw new TallyException(ErrorCode.UPSTREAM_UNAVAILABLE, "sync of " + entity.code() + " failed: " + why);
    }
  }
}
