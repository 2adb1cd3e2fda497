package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.auth.ApiApp;
import dev.tally.core.auth.ApiKey;
import dev.tally.core.auth.Role;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.UserId;
import dev.tally.core.port.out.CredentialRepository;
import dev.tally.core.port.out.StorageException;
import dev.tally.core.port.out.UnitOfWork;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CredentialRepository} does: round-trips keys and apps, finds a key by its
 * hash, refuses a duplicate hash, and lists keys newest first. Subclasses give a fresh, empty
 * store per test.
 */
public abstract class CredentialRepositoryContract {
  private static final Instant T0 = instant("2026-01-02T03:04:05.123456Z");

  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<CredentialRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.credentials());
          return null;
        });
  }

  private <T> T read(Function<CredentialRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.credentials()));
  }

  private Optional<ApiKey> findKey(String id) {
    return read(credentials -> credentials.findKey(id));
  }

  private Optional<ApiKey> findKeyByHash(String hash) {
    return read(credentials -> credentials.findKeyByHash(hash));
  }

  private Optional<ApiApp> findApp(String appId) {
    return read(credentials -> credentials.findApp(appId));
  }

  private Page<ApiKey> listKeys(PageRequest page) {
    return read(credentials -> credentials.listKeys(page));
  }

  private static ApiKey key(String id, char hashDigit, Instant createdAt) {
    return new ApiKey(
        id,
        Optional.of("app-1"),
        Optional.of(UserId.of("alice")),
        Optional.of(OrgId.of("acme")),
        Role.CUSTOMER,
        String.valueOf(hashDigit).repeat(64),
        createdAt,
        Optional.of(createdAt.plusSeconds(3600)),
        createdAt,
        Optional.empty());
  }

  private static ApiKey adminKey(String id, char hashDigit) {
    return new ApiKey(
        id, Optional.empty(), Optional.empty(), Optional.empty(), Role.ADMIN,
        String.valueOf(hashDigit).repeat(64), T0, Optional.empty(), T0, Optional.empty());
  }

  @Test
  public void roundTripsEveryFieldOfAKeyAndFindsItByItsHash() {
    ApiKey customer = key("k1", 'a', T0);
    ApiKey admin = adminKey("k2", 'b');
    write(credentials -> credentials.insertKey(customer));
    write(credentials -> credentials.insertKey(admin));

    assertThat(findKey("k1")).contains(customer);
    assertThat(findKey("k2")).contains(admin);
    assertThat(findKeyByHash("a".repeat(64))).contains(customer);
    assertThat(findKeyByHash("c".repeat(64))).isEmpty();
  }

  @Test
  public void refusesASecondKeyWithTheSameHash() {
    write(credentials -> credentials.insertKey(key("k1", 'a', T0)));

    assertThatThrownBy(() -> write(credentials -> credentials.insertKey(key("k2", 'a', T0))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(findKey("k2")).isEmpty();
  }

  @Test
  public void recordsARevocation() {
    write(credentials -> credentials.insertKey(key("k1", 'a', T0)));
    ApiKey revoked = key("k1", 'a', T0).revoked(T0.plusSeconds(60));

    write(credentials -> credentials.updateKey(revoked));

    assertThat(findKey("k1")).contains(revoked);
    assertThatThrownBy(() -> write(credentials -> credentials.updateKey(key("k9", 'f', T0))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
  }

  @Test
  public void listsKeysNewestFirstWithTheTotal() {
    write(credentials -> credentials.insertKey(key("k1", 'a', T0)));
    write(credentials -> credentials.insertKey(key("k2", 'b', T0.plusSeconds(1))));
    write(credentials -> credentials.insertKey(key("k3", 'c', T0.plusSeconds(2))));

    Page<ApiKey> first = listKeys(new PageRequest(1, 2));
    Page<ApiKey> second = listKeys(new PageRequest(2, 2));

    assertThat(first.items()).extracting(ApiKey::id).containsExactly("k3", "k2");
    assertThat(second.items()).extracting(ApiKey::id).containsExactly("k1");
    assertThat(first.total()).isEqualTo(3);
  }

  @Test
  public void roundTripsEveryFieldOfAnApp() {
    ApiApp app =
        new ApiApp(
            "app-1", "Billing bot", "c2VhbGVk", List.of("10.0.0.0/8", "203.0.113.7"),
            Optional.of(OrgId.of("acme")), true, T0);
    ApiApp open = new ApiApp("app-2", "Open", "c2VhbGVk", List.of(), Optional.empty(), false, T0);
    write(credentials -> credentials.insertApp(app));
    write(credentials -> credentials.insertApp(open));

    assertThat(findApp("app-1")).contains(app);
    assertThat(findApp("app-2")).contains(open);
    assertThat(findApp("app-3")).isEmpty();
    assertThatThrownBy(() -> write(credentials -> credentials.insertApp(app)))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
  }

  @Test
  public void changesListsAndDeletesApps() {
    ApiApp first = new ApiApp("app-1", "First", "c2VhbGVk", List.of(), Optional.empty(), true, T0);
    ApiApp second =
        new ApiApp("app-2", "Second", "c2VhbGVk", List.of("10.0.0.1"), Optional.of(OrgId.of("acme")), true, T0.plusSeconds(1));
    write(credentials -> credentials.insertApp(first));
    write(credentials -> credentials.insertApp(second));

    write(credentials -> credentials.updateApp(first.withEnabled(false)));
    Page<ApiApp> listed = read(credentials -> credentials.listApps(new PageRequest(1, 10)));
    boolean deleted = read(credentials -> credentials.deleteApp("app-2"));
    boolean deletedAgain = read(credentials -> credentials.deleteApp("app-2"));

    assertThat(listed.items()).containsExactly(second, first.withEnabled(false));
    assertThat(listed.total()).isEqualTo(2);
    assertThat(deleted).isTrue();
    assertThat(deletedAgain).isFalse();
    assertThat(findApp("app-2")).isEmpty();
    assertThat(findApp("app-1")).contains(first.withEnabled(false));
  }

  @Test
  public void findsTheKeysOfAnApp() {
    write(credentials -> credentials.insertKey(key("k1", 'a', T0)));
    write(credentials -> credentials.insertKey(key("k2", 'b', T0.plusSeconds(1))));
    write(credentials -> credentials.insertKey(adminKey("k3", 'c')));

    List<ApiKey> ofApp = read(credentials -> credentials.findKeysOfApp("app-1"));
    List<ApiKey> ofUnknown = read(credentials -> credentials.findKeysOfApp("app-9"));

    assertThat(ofApp).extracting(ApiKey::id).containsExactly("k2", "k1");
    assertThat(ofUnknown).isEmpty();
  }

  @Test
  public void remembersAUseUntilItExpiresAndForgetsItThen() {
    Instant until = T0.plusSeconds(600);

    boolean first = read(credentials -> credentials.recordUse("app-1", "a".repeat(64), T0, until));
    boolean replayed = read(credentials -> credentials.recordUse("app-1", "a".repeat(64), T0.plusSeconds(599), until));
    boolean otherApp = read(credentials -> credentials.recordUse("app-2", "a".repeat(64), T0, until));
    boolean afterExpiry =
        read(credentials -> credentials.recordUse("app-1", "a".repeat(64), until, until.plusSeconds(600)));
    boolean replayedAgain =
        read(credentials -> credentials.recordUse("app-1", "a".repeat(64), until.plusSeconds(1), until.plusSeconds(600)));

    assertThat(first).isTrue();
    assertThat(replayed).isFalse();
    assertThat(otherApp).isTrue();
    assertThat(afterExpiry).as("a use remembered until now has expired").isTrue();
    assertThat(replayedAgain).isFalse();
  }

  @Test
  public void forgetsOnlyTheUsesThatExpired() {
    write(credentials -> credentials.recordUse("app-1", "a".repeat(64), T0, T0.plusSeconds(10)));
    write(credentials -> credentials.recordUse("app-1", "b".repeat(64), T0, T0.plusSeconds(20)));

    int forgotten = read(credentials -> credentials.forgetUsesExpiredBy(T0.plusSeconds(10)));

    boolean forgottenIsNew =
        read(credentials -> credentials.recordUse("app-1", "a".repeat(64), T0.plusSeconds(11), T0.plusSeconds(30)));
    boolean keptIsReplay =
        read(credentials -> credentials.recordUse("app-1", "b".repeat(64), T0.plusSeconds(11), T0.plusSeconds(30)));

    assertThat(forgotten).isEqualTo(1);
    assertThat(forgottenIsNew).isTrue();
    assertThat(keptIsReplay).isFalse();
  }
}
