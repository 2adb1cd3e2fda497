package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.SourceRef;
import dev.tally.core.port.in.UseCommand;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Group commit in lanes: one {@link GroupCommit} per lane, and every use of a customer in the lane
 * its customer hashes to. A use locks only its customer's rows (balance, current subscription,
 * ledger chain), so groups of different lanes never wait for each other's locks and commit in
 * parallel, each on its own connection, while a customer's uses still queue in one lane in arrival
 * order; two lanes holding uses of one customer would only wait for each other on its balance row.
 *
 * <p>A batch is split by lane, each lane's part applied as one submission of that lane, and the
 * outcomes put back in the batch's order. Thread-safe.
 *
 * @param <R> what each use gives
 */
final class UseLanes<R> {
  // stable and well spread whatever the ids look like; String.hashCode's low bits follow the last
  // characters of sequential ids
  private static final HashFunction SPREAD = Hashing.murmur3_32_fixed();

  private final List<GroupCommit<UseCommand, R>> lanes;

  UseLanes(GroupCommitSettings settings, GroupCommit.Applier<UseCommand, R> applier) {
    checkArgument(settings.enabled(), "lanes of group commit that is off");
    this.lanes =
        IntStream.range(0, settings.lanes())
            .mapToObj(lane -> new GroupCommit<>(settings.maxItems(), settings.maxWait(), applier))
            .toList();
  }

  /** The lane of {@code customer}'s uses, from 0 to {@code lanes - 1}. */
  static int laneOf(OrgId customer, int lanes) {
    int hash = SPREAD.hashString(customer.value(), StandardCharsets.UTF_8).asInt();
    return Math.floorMod(hash, lanes);
  }

  /** Applies {@code commands}; returns their outcomes in the same order. */
  List<GroupCommit.Outcome<R>> submitAll(List<UseCommand> commands) {
    if (commands.isEmpty()) {
      return List.of();
    }
    Map<Integer, List<Integer>> partsByLane = partsByLane(commands);
    if (partsByLane.size() == 1 || sourceRefCrossesLanes(commands)) {
      // one part, or uses whose order across customers decides who gets a source ref: the lane of
      // the first use applies them all in arrival order, as it would one customer's
      return lane(laneOf(commands.get(0))).submitAll(commands);
    }
    List<GroupCommit.Outcome<R>> outcomes = new ArrayList<>(commands.size());
    commands.forEach(command -> outcomes.add(null));
    // one part after another: each part is one submission, applied as one group when nothing else
    // queues in its lane, and a customer's uses are all in one part, in order
    partsByLane.forEach(
        (lane, indexes) -> {
          List<GroupCommit.Outcome<R>> partOutcomes =
              lane(lane).submitAll(indexes.stream().map(commands::get).toList());
          for (int i = 0; i < indexes.size(); i++) {
            outcomes.set(indexes.get(i), partOutcomes.get(i));
          }
        });
    return outcomes;
  }

  /** The indexes of the commands of each lane, in order, the lanes in order of first use. */
  private Map<Integer, List<Integer>> partsByLane(List<UseCommand> commands) {
    Map<Integer, List<Integer>> parts = new LinkedHashMap<>();
    for (int i = 0; i < commands.size(); i++) {
      parts.computeIfAbsent(laneOf(commands.get(i)), lane -> new ArrayList<>()).add(i);
    }
    return parts;
  }

  /** Whether one source ref comes with uses in two lanes, whose parts would race for it. */
  private boolean sourceRefCrossesLanes(List<UseCommand> commands) {
    Map<SourceRef, Integer> laneByRef = new HashMap<>();
    for (UseCommand command : commands) {
      Integer earlier = laneByRef.putIfAbsent(command.sourceRef(), laneOf(command));
      if (earlier != null && earlier.intValue() != laneOf(command)) {
        return true;
      }
    }
    return false;
  }

  private int laneOf(UseCommand command) {
    return laneOf(command.orgId(), lanes.size());
  }

  private GroupCommit<UseCommand, R> lane(int lane) {
    return lanes.get(lane);
  }
}
