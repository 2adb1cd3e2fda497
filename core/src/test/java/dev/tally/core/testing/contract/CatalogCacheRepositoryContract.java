package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.minutesAfterT0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.port.out.CatalogCacheRepository;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncEntity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CatalogCacheRepository} does: it saves (inserts or replaces), finds, deletes
 * and lists the cached users, uapis and LLM models by id, each entity in its own table, users
 * also by org, the upstream JSON kept as it came. Subclasses give a fresh, empty store per test.
 * Not thread-safe: JUnit makes one instance per test.
 */
public abstract class CatalogCacheRepositoryContract {
  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<CatalogCacheRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.catalog());
          return null;
        });
  }

  private <T> T read(Function<CatalogCacheRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.catalog()));
  }

  private Optional<CatalogEntry> find(SyncEntity entity, String id) {
    return read(catalog -> catalog.find(entity, id));
  }

  private Page<CatalogEntry> list(SyncEntity entity, Optional<OrgId> org, PageRequest page) {
    return read(catalog -> catalog.list(entity, org, page));
  }

  private boolean delete(SyncEntity entity, String id) {
    return read(catalog -> catalog.delete(entity, id));
  }

  private static CatalogEntry user(String id, String org, long version, Instant cachedAt) {
    return new CatalogEntry(
        SyncEntity.USERS,
        id,
        version,
        Optional.of("用户 " + id),
        Optional.of(OrgId.of(org)),
        "{\"id\":\"" + id + "\",\"org_id\":\"" + org + "\",\"name\":\"用户 \\\"" + id + "\\\"\"}",
        cachedAt);
  }

  private static CatalogEntry item(SyncEntity entity, String id, long version) {
    return new CatalogEntry(
        entity,
        id,
        version,
        Optional.of(id + " model"),
        Optional.empty(),
        "{\"id\":\"" + id + "\",\"version\":" + version + "}",
        T0);
  }

  @Test
  public void roundTripsEveryFieldOfAnEntryOfEachEntity() {
    CatalogEntry user = user("u1", "acme", 7, T0);
    CatalogEntry llm = item(SyncEntity.LLMAGE, "gpt-4o", Long.MAX_VALUE);
    CatalogEntry uapi =
        new CatalogEntry(
            SyncEntity.UAPI, "weather", 0, Optional.empty(), Optional.empty(), "{}",
            minutesAfterT0(1));
    CatalogEntry orphan =
        new CatalogEntry(
            SyncEntity.USERS, "u2", 1, Optional.empty(), Optional.empty(), "{\"id\":\"u2\"}", T0);
    write(
        catalog -> {
          catalog.save(user);
          catalog.save(llm);
          catalog.save(uapi);
          catalog.save(orphan);
        });

    assertThat(find(SyncEntity.USERS, "u1")).contains(user);
    assertThat(find(SyncEntity.LLMAGE, "gpt-4o")).contains(llm);
    assertThat(find(SyncEntity.UAPI, "weather")).contains(uapi);
    assertThat(find(SyncEntity.USERS, "u2")).contains(orphan);
  }

  @Test
  public void roundTripsALongNameAndALargeDocument() {
    String longName = "名".repeat(CatalogEntry.MAX_NAME_LENGTH);
    String largeJson = "{\"blob\":\"" + "x".repeat(200_000) + "\"}";
    CatalogEntry entry =
        new CatalogEntry(
            SyncEntity.LLMAGE, "big", 1, Optional.of(longName), Optional.empty(), largeJson, T0);

    write(catalog -> catalog.save(entry));

    assertThat(find(SyncEntity.LLMAGE, "big")).contains(entry);
  }

  @Test
  public void findsNothingForAnUnknownIdOrAnotherEntity() {
    write(catalog -> catalog.save(item(SyncEntity.LLMAGE, "gpt-4o", 1)));

    assertThat(find(SyncEntity.LLMAGE, "gpt-5")).isEmpty();
    assertThat(find(SyncEntity.UAPI, "gpt-4o")).isEmpty();
    assertThat(find(SyncEntity.USERS, "gpt-4o")).isEmpty();
  }

  @Test
  public void replacesAnEntrySavedAgain() {
    write(catalog -> catalog.save(user("u1", "acme", 1, T0)));
    CatalogEntry moved = user("u1", "globex", 2, minutesAfterT0(5));

    write(catalog -> catalog.save(moved));

    assertThat(find(SyncEntity.USERS, "u1")).contains(moved);
    assertThat(list(SyncEntity.USERS, Optional.empty(), PageRequest.firstPage()).total())
        .isEqualTo(1);
    assertThat(list(SyncEntity.USERS, Optional.of(OrgId.of("acme")), PageRequest.firstPage()))
        .extracting(Page::total)
        .isEqualTo(0L);
  }

  @Test
  public void keepsTheSameIdOfTwoEntitiesApart() {
    CatalogEntry llm = item(SyncEntity.LLMAGE, "same-id", 1);
    CatalogEntry uapi = item(SyncEntity.UAPI, "same-id", 2);
    write(
        catalog -> {
          catalog.save(llm);
          catalog.save(uapi);
        });

    assertThat(delete(SyncEntity.LLMAGE, "same-id")).isTrue();

    assertThat(find(SyncEntity.LLMAGE, "same-id")).isEmpty();
    assertThat(find(SyncEntity.UAPI, "same-id")).contains(uapi);
  }

  @Test
  public void deletesAnEntryAndSaysWhetherThereWasOne() {
    write(
        catalog -> {
          catalog.save(user("u1", "acme", 1, T0));
          catalog.save(user("u2", "acme", 1, T0));
        });

    assertThat(delete(SyncEntity.USERS, "u1")).isTrue();
    assertThat(delete(SyncEntity.USERS, "u1")).isFalse();
    assertThat(delete(SyncEntity.USERS, "u9")).isFalse();
    assertThat(find(SyncEntity.USERS, "u1")).isEmpty();
    assertThat(find(SyncEntity.USERS, "u2")).contains(user("u2", "acme", 1, T0));
  }

  @Test
  public void listsEntriesOfOneEntityByIdWithTotal() {
    write(
        catalog -> {
          List.of("m3", "m1", "m5", "m2", "m4")
              .forEach(id -> catalog.save(item(SyncEntity.LLMAGE, id, 1)));
          catalog.save(item(SyncEntity.UAPI, "m0", 1));
        });

    Page<CatalogEntry> first = list(SyncEntity.LLMAGE, Optional.empty(), PageRequest.first(2));
    Page<CatalogEntry> last = list(SyncEntity.LLMAGE, Optional.empty(), new PageRequest(3, 2));

    assertThat(first.items()).extracting(CatalogEntry::id).containsExactly("m1", "m2");
    assertThat(first.total()).isEqualTo(5);
    assertThat(last.items()).extracting(CatalogEntry::id).containsExactly("m5");
    assertThat(last.total()).isEqualTo(5);
  }

  @Test
  public void listsTheUsersOfOneOrg() {
    write(
        catalog -> {
          catalog.save(user("u3", "acme", 1, T0));
          catalog.save(user("u1", "acme", 1, T0));
          catalog.save(user("u2", "globex", 1, T0));
        });

    Page<CatalogEntry> acme =
        list(SyncEntity.USERS, Optional.of(OrgId.of("acme")), PageRequest.firstPage());

    assertThat(acme.items()).extracting(CatalogEntry::id).containsExactly("u1", "u3");
    assertThat(acme.total()).isEqualTo(2);
    assertThat(list(SyncEntity.USERS, Optional.empty(), PageRequest.firstPage()).total())
        .isEqualTo(3);
  }

  @Test
  public void refusesToListAnEntityOtherThanUsersByOrg() {
    assertThatThrownBy(
            () -> list(SyncEntity.LLMAGE, Optional.of(OrgId.of("acme")), PageRequest.firstPage()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
