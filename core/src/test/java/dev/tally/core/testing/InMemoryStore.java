package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.tally.core.port.out.BalanceRepository;
import dev.tally.core.port.out.CatalogCacheRepository;
import dev.tally.core.port.out.CodeSetRepository;
import dev.tally.core.port.out.CredentialRepository;
import dev.tally.core.port.out.DiscountRepository;
import dev.tally.core.port.out.HoldRepository;
import dev.tally.core.port.out.LedgerRepository;
import dev.tally.core.port.out.PricingRepository;
import dev.tally.core.port.out.ProductRepository;
import dev.tally.core.port.out.Repositories;
import dev.tally.core.port.out.ResourceRepository;
import dev.tally.core.port.out.SubscriptionRepository;
import dev.tally.core.port.out.SupplierLinkRepository;
import dev.tally.core.port.out.SupplierRepository;
import dev.tally.core.port.out.SyncStateRepository;
import dev.tally.core.port.out.UnitOfWork;
import dev.tally.core.port.out.UsageRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Every driven storage port in memory, behind one {@link UnitOfWork}: the store of core's fast
 * tests and of the simulation, and the reference implementation the port contracts are written
 * against. It starts empty but for core's code sets, each code labelled by itself.
 *
 * <p>Units of work run one at a time under a single lock, so that a {@code lock...} read needs no
 * locking of its own and no update is ever lost. Every write records how to reverse itself; when
 * the work throws, the writes of that unit of work are reversed, newest first, and the exception
 * reaches the caller unchanged. A nested {@code inTransaction} on the same thread joins the unit of
 * work around it (a failure of the nested work reverses only what the nested work wrote). The
 * repositories given to the work refuse use once it has returned, with {@link
 * IllegalStateException}, as do their methods outside a unit of work. The store never retries.
 *
 * <p>Thread-safe.
 */
public final class InMemoryStore implements UnitOfWork {
  private final ReentrantLock lock = new ReentrantLock();
  // outermost units of work begun, under lock
  private long unitsOfWork;
  // guarded by lock: how to reverse each write of the current unit of work, oldest first
  private final List<Runnable> undoLog = new ArrayList<>();
  // guarded by lock: the repositories of the unit of work in progress, if any
  private Session session;

  // every table, in the order made, for snapshots; filled as the repositories below are made
  private final List<Table<?, ?>> tables = new ArrayList<>();

  private final ProductRepository products = new InMemoryProductRepository(this);
  private final SupplierRepository suppliers = new InMemorySupplierRepository(this);
  private final ResourceRepository resources = new InMemoryResourceRepository(this);
  private final SupplierLinkRepository supplierLinks = new InMemorySupplierLinkRepository(this);
  private final SubscriptionRepository subscriptions = new InMemorySubscriptionRepository(this);
  private final UsageRepository usage = new InMemoryUsageRepository(this);
  private final BalanceRepository balances = new InMemoryBalanceRepository(this);
  private final HoldRepository holds = new InMemoryHoldRepository(this);
  private final InMemoryLedgerRepository ledger = new InMemoryLedgerRepository(this);
  private final PricingRepository pricing = new InMemoryPricingRepository(this);
  private final CredentialRepository credentials = new InMemoryCredentialRepository(this);
  private final CatalogCacheRepository catalog = new InMemoryCatalogCacheRepository(this);
  private final DiscountRepository discounts = new InMemoryDiscountRepository(this);
  private final SyncStateRepository syncStates = new InMemorySyncStateRepository(this);
  private final CodeSetRepository codeSets = new InMemoryCodeSetRepository();

  /** An empty store. */
  public InMemoryStore() {}

  /** How many outermost units of work have begun: how often a caller read or wrote the store. */
  public long unitsOfWork() {
    lock.lock();
    try {
      return unitsOfWork;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public <T> T inTransaction(Function<Repositories, T> work) {
    checkNotNull(work, "work");
    lock.lock();
    try {
      return session == null ? runOutermost(work) : runNested(work, session);
    } finally {
      lock.unlock();
    }
  }

  private <T> T runOutermost(Function<Repositories, T> work) {
    unitsOfWork++;
    Session opened = new Session();
    session = opened;
    try {
      return work.apply(opened);
    } catch (Throwable failure) {
      undoBackTo(0, failure);
      throw failure;
    } finally {
      opened.open = false;
      session = null;
      undoLog.clear();
    }
  }

  private <T> T runNested(Function<Repositories, T> work, Session joined) {
    int savepoint = undoLog.size();
    try {
      return work.apply(joined);
    } catch (Throwable failure) {
      undoBackTo(savepoint, failure);
      throw failure;
    }
  }

  private void undoBackTo(int savepoint, Throwable failure) {
    for (int i = undoLog.size() - 1; i >= savepoint; i--) {
      try {
        undoLog.remove(i).run();
      } catch (RuntimeException undoFailure) {
        // keep undoing the rest; the caller still gets its own exception, carrying this one
        failure.addSuppressed(undoFailure);
      }
    }
  }

  /**
   * Every row of every table as it is now (rows are immutable values): two equal snapshots mean
   * that nothing was written in between. For tests that check a refused request changed nothing.
   */
  public List<List<Object>> snapshot() {
    return inTransaction(
        repositories -> tables.stream().<List<Object>>map(table -> List.copyOf(table.rows())).toList());
  }

  /** Edits of the stored ledger that bypass its checks, for tests of verification. */
  public LedgerTampering ledgerTampering() {
    return ledger;
  }

  /** Called by each table as it is made. */
  void register(Table<?, ?> table) {
    tables.add(table);
  }

  /** Fails unless the calling thread is inside a unit of work of this store. */
  void requireTransaction() {
    checkState(
        lock.isHeldByCurrentThread() && session != null,
        "the in-memory store is used outside inTransaction");
  }

  /** Records how to reverse a write just made in the current unit of work. */
  void onUndo(Runnable undo) {
    requireTransaction();
    undoLog.add(checkNotNull(undo, "undo"));
  }

  /** The repositories of one unit of work; refused once the work has returned. */
  private final class Session implements Repositories {
    // guarded by lock
    private boolean open = true;

    private <R> R whileOpen(R repository) {
      checkState(
          open && lock.isHeldByCurrentThread(),
          "repositories are used outside the unit of work that gave them");
      return repository;
    }

    @Override
    public ProductRepository products() {
      return whileOpen(products);
    }

    @Override
    public SupplierRepository suppliers() {
      return whileOpen(suppliers);
    }

    @Override
    public ResourceRepository resources() {
      return whileOpen(resources);
    }

    @Override
    public SupplierLinkRepository supplierLinks() {
      return whileOpen(supplierLinks);
    }

    @Override
    public SubscriptionRepository subscriptions() {
      return whileOpen(subscriptions);
    }

    @Override
    public UsageRepository usage() {
      return whileOpen(usage);
    }

    @Override
    public BalanceRepository balances() {
      return whileOpen(balances);
    }

    @Override
    public HoldRepository holds() {
      return whileOpen(holds);
    }

    @Override
    public LedgerRepository ledger() {
      return whileOpen(ledger);
    }

    @Override
    public PricingRepository pricing() {
      return whileOpen(pricing);
    }

    @Override
    public CredentialRepository credentials() {
      return whileOpen(credentials);
    }

    @Override
    public CatalogCacheRepository catalog() {
      return whileOpen(catalog);
    }

    @Override
    public DiscountRepository discounts() {
      return whileOpen(discounts);
    }

    @Override
    public SyncStateRepository syncStates() {
      return whileOpen(syncStates);
    }

    @Override
    public CodeSetRepository codeSets() {
      return whileOpen(codeSets);
    }
  }
}
