package dev.tally.core.model;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The result of verifying the ledger: what was checked and every violation found (not just the
 * first). A clean ledger has no violations.
 */
public record VerificationReport(
    long transactions, long entries, long accounts, long usages, List<Violation> violations) {

  public VerificationReport {
    violations = ImmutableList.copyOf(violations);
  }

  public boolean isClean() {
    return violations.isEmpty();
  }
}
