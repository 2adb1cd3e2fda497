package dev.tally.bootstrap.crash;

import dev.tally.bootstrap.ConfigLoader;
import dev.tally.bootstrap.Tally;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.UseResult;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.ReserveHold;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The process the crash test kills: opens Tally from its {@code TALLY_*} environment (like {@code
 * tally serve}), then runs {@value #WRITERS} writer threads that mix uses (new ones, retries of
 * acknowledged ones, retries of the previous processes' refs), holds, settles and recharges until
 * the process is killed, reporting each call on stdout once it returned (see {@link Report}).
 *
 * <p>Arguments: the process number, the comma-separated product ids, and a file of source refs
 * to retry (refs earlier processes sent, acknowledged or not).
 */
public final class CrashChild {
  static final int WRITERS = 8;

  private final Tally tally;
  private final CrashCatalogue catalogue;
  private final String process;
  private final List<String> earlierRefs;

  private CrashChild(Tally tally, CrashCatalogue catalogue, String process, List<String> earlierRefs) {
    this.tally = tally;
    this.catalogue = catalogue;
    this.process = process;
    this.earlierRefs = earlierRefs;
  }

  public static void main(String[] args) throws IOException {
    String process = args[0];
    CrashCatalogue catalogue =
        new CrashCatalogue(Arrays.stream(args[1].split(",")).map(ProductId::of).toList());
    List<String> earlierRefs = Files.readAllLines(Path.of(args[2]));
    Tally tally = Tally.open(ConfigLoader.load(Optional.empty()));
    CrashChild child = new CrashChild(tally, catalogue, process, earlierRefs);
    Report.line(Report.READY, process);
    for (int writer = 0; writer < WRITERS; writer++) {
      int number = writer;
      new Thread(() -> child.write(number), "crash-writer-" + writer).start();
    }
  }

  /** One writer's loop; returns only when the process dies. */
  private void write(int writer) {
    Random random = new Random(process.hashCode() * 31L + writer);
    List<String> acknowledgedRefs = new ArrayList<>();
    List<String> recharges = new ArrayList<>();
    List<Hold> openHolds = new ArrayList<>();
    for (int n = 0; ; n++) {
      String id = process + "-" + writer + "-" + n;
      int pick = random.nextInt(100);
      if (pick < 50 || (pick >= 80 && pick < 90 && openHolds.isEmpty())) {
        use("u-" + id, acknowledgedRefs);
      } else if (pick < 58 && !acknowledgedRefs.isEmpty()) {
        use(acknowledgedRefs.get(random.nextInt(acknowledgedRefs.size())), acknowledgedRefs);
      } else if (pick < 64 && !earlierRefs.isEmpty()) {
        use(earlierRefs.get(random.nextInt(earlierRefs.size())), acknowledgedRefs);
      } else if (pick < 80) {
        reserve(CrashCatalogue.customer(random.nextInt()), cents(random, 1, 500), openHolds);
      } else if (pick < 90) {
        Hold hold = openHolds.remove(random.nextInt(openHolds.size()));
        settle(hold, cents(random, 0, hold.amount().amount().movePointRight(2).intValueExact()));
      } else if (pick < 97 || recharges.isEmpty()) {
        recharge("r-" + id, recharges);
      } else {
        recharge(recharges.get(random.nextInt(recharges.size())), recharges);
      }
    }
  }

  private void use(String ref, List<String> acknowledgedRefs) {
    Report.line(Report.BEGIN, "USE", ref);
    try {
      UseResult result = tally.metering().use(catalogue.use(ref));
      Report.line(
          Report.ACK, "USE", ref, result.usage().id().value(), String.valueOf(result.replayed()));
      if (!acknowledgedRefs.contains(ref)) {
        acknowledgedRefs.add(ref);
      }
    } catch (RuntimeException e) {
      failed("USE", e);
    }
  }

  private void reserve(OrgId customer, Money amount, List<Hold> openHolds) {
    try {
      Hold hold =
          tally.holds()
              .reserve(
                  new ReserveHold(
                      customer,
                      UserId.of("crash-user"),
                      catalogue.products().get(0),
                      amount,
                      Duration.ofDays(1)));
      Report.line(Report.ACK, "HOLD", hold.id().value(), customer.value(), plain(amount));
      openHolds.add(hold);
    } catch (RuntimeException e) {
      failed("HOLD", e);
    }
  }

  private void settle(Hold hold, Money actual) {
    try {
      HoldId id = tally.holds().settle(hold.id(), actual).id();
      Report.line(Report.ACK, "SETTLE", id.value(), plain(actual));
    } catch (RuntimeException e) {
      failed("SETTLE", e);
    }
  }

  /** Recharges the customer the reference stands for, so that a retry repeats it exactly. */
  private void recharge(String reference, List<String> recharges) {
    OrgId customer = CrashCatalogue.customer(reference.hashCode());
    Money amount = Money.of("50", CrashCatalogue.CURRENCY);
    try {
      tally.balances().recharge(new Recharge(customer, amount, Optional.of(reference), "crash"));
      Report.line(Report.ACK, "RECHARGE", reference, customer.value(), plain(amount));
      if (!recharges.contains(reference)) {
        recharges.add(reference);
      }
    } catch (RuntimeException e) {
      failed("RECHARGE", e);
    }
  }

  private static void failed(String operation, RuntimeException failure) {
    if (failure instanceof TallyException refused) {
      Report.line(Report.REFUSED, operation, refused.code().code());
    } else {
      Report.line(Report.ERROR, operation, Report.oneWord(failure.toString()));
    }
  }

  private static Money cents(Random random, int from, int to) {
    BigDecimal cents = BigDecimal.valueOf(from + random.nextInt(to - from + 1));
    return new Money(cents.movePointLeft(2).setScale(4, RoundingMode.UNNECESSARY), CrashCatalogue.CURRENCY);
  }

  private static String plain(Money money) {
    return money.amount().toPlainString();
  }
}
