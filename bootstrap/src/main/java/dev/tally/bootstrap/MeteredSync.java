package dev.tally.bootstrap;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.in.Sync;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncReport;
import dev.tally.core.sync.SyncState;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;

/**
 * The sync use cases with every run measured, whoever triggers it (the schedule, the API, the
 * command line): items, pages, retries and failures by entity, and each run's duration.
 */
final class MeteredSync implements Sync {
  private final Sync sync;
  private final MeterRegistry registry;

  MeteredSync(Sync sync, MeterRegistry registry) {
    this.sync = sync;
    this.registry = registry;
  }

  @Override
  public SyncReport run(SyncEntity entity) {
    SyncReport report = sync.run(entity);
    String name = entity.code();
    registry.counter("tally.sync.items", "entity", name).increment(report.upserted() + report.deleted());
    registry.counter("tally.sync.pages", "entity", name).increment(report.pages());
    registry.counter("tally.sync.retries", "entity", name).increment(report.retries());
    registry
        .counter("tally.sync.runs", "entity", name, "outcome", report.outcome().name().toLowerCase(java.util.Locale.ROOT))
        .increment();
    registry.timer("tally.sync.duration", "entity", name).record(report.elapsed());
    return report;
  }

  @Override
  public List<SyncState> states() {
    return sync.states();
  }

  @Override
  public Optional<CatalogEntry> entry(SyncEntity entity, String id) {
    return sync.entry(entity, id);
  }

  @Override
  public Page<CatalogEntry> entries(SyncEntity entity, Optional<OrgId> orgId, PageRequest page) {
    return sync.entries(entity, orgId, page);
  }
}
