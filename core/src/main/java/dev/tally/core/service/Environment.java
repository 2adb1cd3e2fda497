package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tally.core.port.out.Clock;
import dev.tally.core.port.out.IdGenerator;
import dev.tally.core.port.out.UnitOfWork;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** What every service needs from the world: storage, time, identifiers and settings. */
final class Environment {
  private final UnitOfWork unitOfWork;
  private final Clock clock;
  private final IdGenerator ids;
  private final CoreSettings settings;

  Environment(UnitOfWork unitOfWork, Clock clock, IdGenerator ids, CoreSettings settings) {
    this.unitOfWork = checkNotNull(unitOfWork, "unit of work");
    this.clock = checkNotNull(clock, "clock");
    this.ids = checkNotNull(ids, "id generator");
    this.settings = checkNotNull(settings, "settings");
  }

  UnitOfWork unitOfWork() {
    return unitOfWork;
  }

  /** The current instant at microsecond precision, the precision every supported database keeps. */
  Instant now() {
    return clock.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** The business date of an instant, in the configured business zone. */
  LocalDate bizDate(Instant instant) {
    return LocalDate.ofInstant(instant, settings.businessZone());
  }

  String newId() {
    return ids.newId();
  }

  CoreSettings settings() {
    return settings;
  }
}
