package dev.tally.bootstrap.crash;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the crash children acknowledged, over all cycles: what must be in the database after
 * each restart. Also counts what was refused or failed, and remembers every source ref sent, so
 * that the next process can retry them. Not thread-safe (the runner reads one child at a time).
 */
final class Acknowledged {
  record HoldAck(String org, BigDecimal amount) {}

  record RechargeAck(String org, BigDecimal amount) {}

  /** Source ref to the usage id its first acknowledgement named. */
  final Map<String, String> uses = new LinkedHashMap<>();

  final Map<String, HoldAck> holds = new LinkedHashMap<>();
  /** Hold id to the settled amount. */
  final Map<String, BigDecimal> settles = new LinkedHashMap<>();

  final Map<String, RechargeAck> recharges = new LinkedHashMap<>();
  final Set<String> sentRefs = new LinkedHashSet<>();
  /** A replay that named another usage than the first acknowledgement of its ref. */
  final List<String> inconsistentReplays = new ArrayList<>();

  final List<String> errors = new ArrayList<>();
  int operations;
  int replays;
  int refused;

  /** Takes one reported line; returns true when it acknowledged an operation. */
  boolean accept(List<String> words) {
    switch (words.get(0)) {
      case Report.BEGIN -> sentRefs.add(words.get(2));
      case Report.REFUSED -> refused++;
      case Report.ERROR -> errors.add(String.join(" ", words));
      case Report.ACK -> {
        acknowledge(words);
        operations++;
        return true;
      }
      default -> {}
    }
    return false;
  }

  private void acknowledge(List<String> words) {
    switch (words.get(1)) {
      case "USE" -> {
        String ref = words.get(2);
        String usageId = words.get(3);
        if (Boolean.parseBoolean(words.get(4))) {
          replays++;
        }
        String first = uses.putIfAbsent(ref, usageId);
        if (first != null && !first.equals(usageId)) {
          inconsistentReplays.add(ref + " was acknowledged as usage " + first + " and " + usageId);
        }
      }
      case "HOLD" -> holds.put(words.get(2), new HoldAck(words.get(3), new BigDecimal(words.get(4))));
      case "SETTLE" -> settles.put(words.get(2), new BigDecimal(words.get(3)));
      case "RECHARGE" ->
          recharges.putIfAbsent(words.get(2), new RechargeAck(words.get(3), new BigDecimal(words.get(4))));
      default -> throw new IllegalArgumentException("unknown acknowledgement " + words);
    }
  }
}
