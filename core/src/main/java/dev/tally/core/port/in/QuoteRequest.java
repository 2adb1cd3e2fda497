package dev.tally.core.port.in;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSortedMap;
import dev.tally.core.model.PricingProgramId;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** Asks what a usage would cost under a pricing programme on a date (today when empty). */
public record QuoteRequest(
    PricingProgramId programId,
    Map<String, BigDecimal> usage,
    Map<String, String> attributes,
    Optional<LocalDate> date) {
  public QuoteRequest {
    checkNotNull(programId, "program_id");
    usage = ImmutableSortedMap.copyOf(usage);
    attributes = ImmutableSortedMap.copyOf(attributes);
    checkNotNull(date, "date");
  }
}
