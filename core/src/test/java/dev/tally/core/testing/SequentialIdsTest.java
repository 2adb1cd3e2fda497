package dev.tally.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.TransactionId;
import dev.tally.core.model.UsageId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class SequentialIdsTest {
  @Test
  void countsFromOneIn32Characters() {
    SequentialIds ids = new SequentialIds();

    assertThat(List.of(ids.newId(), ids.newId()))
        .containsExactly("id000000000000000000000000000001", "id000000000000000000000000000002");
  }

  @Test
  void startsEveryIdWithItsPrefix() {
    SequentialIds ids = new SequentialIds("use-");

    String id = ids.newId();

    assertThat(id).hasSize(SequentialIds.LENGTH).startsWith("use-").endsWith("0001");
    assertThat(UsageId.of(id).value()).isEqualTo(id);
    assertThat(TransactionId.of(ids.newId()).value()).endsWith("0002");
  }

  @Test
  void makesIdsThatSortInTheOrderTheyWereMade() {
    SequentialIds ids = new SequentialIds("t");
    String ninth = null;
    for (int i = 0; i < 9; i++) {
      ninth = ids.newId();
    }

    assertThat(ninth).isLessThan(ids.newId());
  }

  @Test
  void refusesAPrefixTooLongOrOfAnotherShape() {
    assertThatThrownBy(() -> new SequentialIds("p".repeat(17)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SequentialIds("with space"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givesConcurrentCallersDistinctIds() throws Exception {
    SequentialIds ids = new SequentialIds();
    Set<String> made = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < 8_000; i++) {
        pool.execute(() -> made.add(ids.newId()));
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(made).hasSize(8_000);
  }
}
