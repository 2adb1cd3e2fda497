package dev.tally.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  private final GroupCommit<String, String> group =
      new GroupCommit<>(
          10,
          Duration.ZERO,
          items ->
              items.stream()
                  .<GroupCommit.Outcome<String>>map(item -> new GroupCommit.Done<>(item + "!"))
                  .toList());

  @Test
  void aSubmissionOfNothingLeavesTheLeadFreeForTheNext() {
    assertThat(group.submitAll(List.of())).isEmpty();

    // before the fix the empty submission kept the lead: the next caller waited for ever
    List<GroupCommit.Outcome<String>> next =
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> group.submitAll(List.of("a", "b")));
    assertThat(next).extracting(GroupCommit.Outcome::get).containsExactly("a!", "b!");
  }
}
