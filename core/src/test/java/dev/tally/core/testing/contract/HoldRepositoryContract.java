package dev.tally.core.testing.contract;

import static dev.tally.core.testing.Samples.T0;
import static dev.tally.core.testing.Samples.cny;
import static dev.tally.core.testing.Samples.hold;
import static dev.tally.core.testing.Samples.instant;
import static dev.tally.core.testing.Samples.minutesAfterT0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.Hold;
import dev.tally.core.model.HoldId;
import dev.tally.core.model.HoldStatus;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.UserId;
import dev.tally.core.port.out.HoldRepository;
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
 * What every {@link HoldRepository} does: it round-trips open and closed holds, refuses a duplicate
 * id and an update of a missing hold, and finds the held holds whose time ran out at or before a
 * given instant. Subclasses give a fresh, empty store per test. Not thread-safe: JUnit makes one
 * instance per test.
 */
public abstract class HoldRepositoryContract {
  private UnitOfWork store;

  /** A fresh, empty store; called once per test. */
  protected abstract UnitOfWork unitOfWork();

  @BeforeEach
  public void openAnEmptyStore() {
    store = unitOfWork();
  }

  private void write(Consumer<HoldRepository> work) {
    store.inTransaction(
        repositories -> {
          work.accept(repositories.holds());
          return null;
        });
  }

  private <T> T read(Function<HoldRepository, T> work) {
    return store.inTransaction(repositories -> work.apply(repositories.holds()));
  }

  private Optional<Hold> find(HoldId id) {
    return read(holds -> holds.find(id));
  }

  private Optional<Hold> lock(HoldId id) {
    return read(holds -> holds.lock(id));
  }

  private List<Hold> findExpired(Instant now, int limit) {
    return read(holds -> holds.findExpired(now, limit));
  }

  private void insert(Hold... holds) {
    write(repository -> List.of(holds).forEach(repository::insert));
  }

  @Test
  public void roundTripsEveryFieldOfAnOpenHold() {
    Hold hold =
        new Hold(
            HoldId.of("h1"),
            OrgId.of("org-7"),
            UserId.of("user-7"),
            ProductId.of("p7"),
            cny("0.0001"),
            HoldStatus.HELD,
            Optional.empty(),
            instant("2026-01-02T03:04:05.000001Z"),
            instant("2026-01-02T03:14:05.999999Z"),
            Optional.empty());
    insert(hold);

    assertThat(find(hold.id())).contains(hold);
  }

  @Test
  public void roundTripsASettledHoldWithItsAmountAndCloseTime() {
    Hold settled = hold("h1").settled(cny("12.3456"), minutesAfterT0(3));
    insert(settled);

    assertThat(find(settled.id())).contains(settled);
  }

  @Test
  public void roundTripsAVoidedAndAnExpiredHold() {
    Hold voided = hold("h1").released(HoldStatus.VOIDED, minutesAfterT0(1));
    Hold expired = hold("h2").released(HoldStatus.EXPIRED, minutesAfterT0(10));
    insert(voided, expired);

    assertThat(find(voided.id())).contains(voided);
    assertThat(find(expired.id())).contains(expired);
  }

  @Test
  public void findsNoHoldForAnUnknownId() {
    insert(hold("h1"));

    assertThat(find(HoldId.of("h2"))).isEmpty();
    assertThat(lock(HoldId.of("h2"))).isEmpty();
  }

  @Test
  public void refusesASecondHoldWithTheSameId() {
    insert(hold("h1"));

    assertThatThrownBy(() -> insert(hold("h1", "org-2", T0, minutesAfterT0(1))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(HoldId.of("h1"))).contains(hold("h1"));
  }

  @Test
  public void updatesAHoldWhenItCloses() {
    insert(hold("h1"));
    Hold settled = hold("h1").settled(cny("7"), minutesAfterT0(2));

    write(holds -> holds.update(settled));

    assertThat(find(settled.id())).contains(settled);
  }

  @Test
  public void refusesToUpdateAMissingHold() {
    assertThatThrownBy(() -> write(holds -> holds.update(hold("h1"))))
        .isInstanceOfAny(IllegalStateException.class, StorageException.class);
    assertThat(find(HoldId.of("h1"))).isEmpty();
  }

  @Test
  public void locksAHold() {
    insert(hold("h1"), hold("h2"));

    assertThat(lock(HoldId.of("h2"))).contains(hold("h2"));
  }

  @Test
  public void findsHeldHoldsWhoseTimeRanOutAtOrBeforeNow() {
    Instant now = minutesAfterT0(10);
    Hold expiresNow = hold("h1", "org-1", T0, now);
    Hold expiredBefore = hold("h2", "org-2", T0, minutesAfterT0(5));
    Hold expiresLater = hold("h3", "org-1", T0, now.plusNanos(1_000));
    Hold settledAfterItsTime =
        hold("h4", "org-1", T0, minutesAfterT0(5)).settled(cny("1"), minutesAfterT0(6));
    Hold voided =
        hold("h5", "org-1", T0, minutesAfterT0(5)).released(HoldStatus.VOIDED, minutesAfterT0(1));
    insert(expiresNow, expiredBefore, expiresLater, settledAfterItsTime, voided);

    assertThat(findExpired(now, 10)).containsExactlyInAnyOrder(expiresNow, expiredBefore);
    assertThat(findExpired(minutesAfterT0(5), 10)).containsExactly(expiredBefore);
    assertThat(findExpired(T0, 10)).isEmpty();
  }

  @Test
  public void stopsFindingAHoldOnceClosed() {
    Hold hold = hold("h1");
    insert(hold);
    Instant now = hold.expiresAt();

    write(holds -> holds.update(hold.released(HoldStatus.EXPIRED, now)));

    assertThat(findExpired(now, 10)).isEmpty();
  }

  @Test
  public void findsNoMoreExpiredHoldsThanTheLimit() {
    List<Hold> expired =
        List.of(
            hold("h1", "org-1", T0, minutesAfterT0(1)),
            hold("h2", "org-1", T0, minutesAfterT0(2)),
            hold("h3", "org-1", T0, minutesAfterT0(3)));
    write(holds -> expired.forEach(holds::insert));

    List<Hold> found = read(holds -> holds.findExpired(minutesAfterT0(5), 2));

    assertThat(found).hasSize(2).isSubsetOf(expired).doesNotHaveDuplicates();
  }
}
