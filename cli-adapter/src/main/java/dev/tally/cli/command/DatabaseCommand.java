package dev.tally.cli.command;

import dev.tally.bootstrap.Tally;
import dev.tally.bootstrap.TallyConfig;
import dev.tally.core.error.ErrorCode;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.Currency;
import dev.tally.core.model.OrgId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that runs one use case on the configured database: parse, then {@link #run(Tally)},
 * then render through {@link #output}. Tally is opened for the command and closed after it.
 */
abstract class DatabaseCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Mixin Output output;
  @Spec CommandSpec spec;

  private TallyConfig loaded;

  @Override
  public final Integer call() {
    loaded = config.load();
    // checked before the database is opened: a mistyped command touches nothing
    check();
    try (Tally tally = Tally.open(loaded.withoutBackgroundWork())) {
      return run(tally);
    }
  }

  /** Checks the arguments before anything is opened; throws IllegalArgumentException. */
  void check() {}

  /** Does the work and prints its outcome; returns the exit status. */
  abstract int run(Tally tally);

  TallyConfig loaded() {
    return loaded;
  }

  /**
   * The currency of an amount for {@code org}: the one given, else the customer's own, else the
   * configured default for a new customer. Another currency than the customer's is refused by the
   * use case ({@code currency_mismatch}), never converted.
   */
  Currency currencyFor(Tally tally, OrgId org, String given) {
    if (given != null) {
      return Currency.of(given);
    }
    try {
      return tally.balances().balance(org).currency();
    } catch (TallyException absent) {
      if (absent.code() != ErrorCode.NOT_FOUND) {
        throw absent;
      }
      return loaded.billing().defaultCurrency();
    }
  }
}
