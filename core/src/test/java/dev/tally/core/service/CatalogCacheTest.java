package dev.tally.core.service;

import static dev.tally.core.sync.SyncEntity.USERS;
import static dev.tally.core.testing.ScriptedUpstream.lastPage;
import static dev.tally.core.testing.ScriptedUpstream.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tally.core.port.in.Sync;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.testing.TestTally;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-memory cache in front of the users, uapi and llmage cache tables. */
class CatalogCacheTest {
  private final TestTally tally = TestTally.create();
  private final Sync sync = tally.core().sync();

  private CacheReport report() {
    return tally.core().caches().stream()
        .filter(cache -> cache.name().equals("catalog"))
        .findFirst()
        .orElseThrow();
  }

  private String nameOf(String id) {
    return sync.entry(USERS, id).flatMap(CatalogEntry::name).orElseThrow();
  }

  private void renamedBehindOurBack(String id, String name) {
    tally
        .store()
        .inTransaction(
            repos -> {
              CatalogEntry entry = repos.catalog().find(USERS, id).orElseThrow();
              repos
                  .catalog()
                  .save(
                      new CatalogEntry(
                          USERS, id, entry.version() + 1, java.util.Optional.of(name),
                          entry.orgId(), entry.json(), entry.cachedAt()));
              return null;
            });
  }

  @Test
  void answersARepeatedLookupFromMemory() {
    tally.upstream().answers(USERS, lastPage("c1", user("u1", "acme", 1)));
    sync.run(USERS);
    CacheReport before = report();

    nameOf("u1");
    nameOf("u1");

    CacheReport after = report();
    assertThat(after.misses() - before.misses()).isEqualTo(1);
    assertThat(after.hits() - before.hits()).isEqualTo(1);
  }

  @Test
  void forgetsAnEntityWhenItsSyncStoresAPage() {
    tally.upstream().answers(USERS, lastPage("c1", user("u1", "acme", 1)));
    sync.run(USERS);
    String first = nameOf("u1");
    renamedBehindOurBack("u1", "Renamed by a sync elsewhere");
    assertThat(nameOf("u1")).isEqualTo(first);

    tally.upstream().answers(USERS, lastPage("c2", user("u2", "acme", 1)));
    sync.run(USERS);

    assertThat(nameOf("u1")).isEqualTo("Renamed by a sync elsewhere");
  }

  @Test
  void seesAChangeMadeElsewhereOnceTheEntryExpires() {
    tally.upstream().answers(USERS, lastPage("c1", user("u1", "acme", 1)));
    sync.run(USERS);
    nameOf("u1");
    renamedBehindOurBack("u1", "Renamed on another server");

    tally.clock().advance(CacheSettings.DEFAULTS.ttl().plus(Duration.ofSeconds(1)));

    assertThat(nameOf("u1")).isEqualTo("Renamed on another server");
  }
}
