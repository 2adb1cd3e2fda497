package dev.tally.bench;

import static com.google.common.base.Preconditions.checkArgument;

import dev.tally.bootstrap.Tally;
import dev.tally.core.error.TallyException;
import dev.tally.core.model.BillingMode;
import dev.tally.core.model.Currency;
import dev.tally.core.model.Money;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Product;
import dev.tally.core.model.ProductId;
import dev.tally.core.model.ProductResource;
import dev.tally.core.model.ProductStatus;
import dev.tally.core.model.Quantity;
import dev.tally.core.model.ResourceType;
import dev.tally.core.model.SourceRef;
import dev.tally.core.model.Unit;
import dev.tally.core.model.UnitPrice;
import dev.tally.core.model.UserId;
import dev.tally.core.port.in.BindResource;
import dev.tally.core.port.in.CreateProduct;
import dev.tally.core.port.in.CreateSupplier;
import dev.tally.core.port.in.LinkSupplier;
import dev.tally.core.port.in.Recharge;
import dev.tally.core.port.in.UseCommand;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the benchmarks meter against: one reseller's published product selling an LLM per token
 * (pay-per-use), bought from one supplier, and {@code customers} customers each recharged with a
 * balance no benchmark can spend ({@value #BALANCE} CNY, unless an earlier run on the database
 * left them half of it; a use costs {@value #USE_PRICE_TEXT}).
 * Every run makes a product of its own, so runs on one database never share usage rows; the
 * customers are the same names ({@code c0000}, ...) on every run. Immutable once built.
 */
record Shop(ProductId product, List<OrgId> customers, String runId) {
  static final Currency CURRENCY = Currency.CNY;
  static final String BALANCE = "1000000000";
  private static final BigDecimal FUNDED = new BigDecimal(BALANCE).divide(BigDecimal.valueOf(2));
  static final long TOKENS_PER_USE = 1_000;
  static final String USE_PRICE_TEXT = "0.02";
  static final UserId USER = UserId.of("bench-user");
  private static final String REF_TABLE = "bench";
  private static final int SETUP_THREADS = 8;

  Shop {
    checkArgument(!customers.isEmpty(), "a shop needs customers");
    customers = List.copyOf(customers);
  }

  /** Creates the catalogue and recharges {@code customerCount} customers, in parallel. */
  static Shop open(Tally tally, int customerCount) {
    checkArgument(customerCount >= 1 && customerCount <= 10_000, "customers: 1 to 10,000, got %s", customerCount);
    // base 36 milliseconds: short enough that run id + thread + counter fit a 32-character ref
    String runId = Long.toString(System.currentTimeMillis(), 36);
    Product product =
        tally.products().createProduct(
            new CreateProduct("Bench " + runId, OrgId.of("bench-reseller"), "", ProductStatus.PUBLISHED));
    ProductResource llm =
        tally.products().bind(
            new BindResource(
                product.id(),
                ResourceType.LLM,
                "bench-model",
                BillingMode.PAY_PER_USE,
                Unit.TOKEN,
                Optional.of(UnitPrice.of("0.00002", CURRENCY)),
                Optional.empty(),
                Optional.empty()));
    OrgId supplier = OrgId.of("bench-supplier-" + runId);
    tally.products().createSupplier(new CreateSupplier(supplier, "Bench upstream " + runId));
    tally.products().linkSupplier(
        new LinkSupplier(llm.id(), supplier, UnitPrice.of("0.00001", CURRENCY), 0));
    List<OrgId> customers = new ArrayList<>();
    for (int index = 0; index < customerCount; index++) {
      customers.add(OrgId.of(String.format("c%04d", index)));
    }
    rechargeAll(tally, customers, runId);
    return new Shop(product.id(), customers, runId);
  }

  private static void rechargeAll(Tally tally, List<OrgId> customers, String runId) {
    ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
    try {
      List<Future<?>> recharges = new ArrayList<>();
      for (OrgId customer : customers) {
        recharges.add(
            pool.submit(
                () -> {
                  if (!isFunded(tally, customer)) {
                    tally.balances().recharge(
                        new Recharge(
                            customer,
                            Money.of(BALANCE, CURRENCY),
                            Optional.of("bench-" + runId + "-" + customer.value()),
                            "benchmark balance"));
                  }
                }));
      }
      for (Future<?> recharge : recharges) {
        recharge.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recharging the bench customers", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot recharge the bench customers", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Whether an earlier run on this database left the customer at least half the balance: then
   * this run need not recharge it (a recharge is a write and a ledger entry; 1,000 of them take
   * long on a slow disk).
   */
  private static boolean isFunded(Tally tally, OrgId customer) {
    try {
      return tally.balances().balance(customer).balance().amount().compareTo(FUNDED) >= 0;
    } catch (TallyException notFound) {
      return false;
    }
  }

  /** One use of {@value #TOKENS_PER_USE} tokens by {@code customer}; {@code ref} must be unique. */
  UseCommand use(OrgId customer, String ref) {
    return UseCommand.builder(product, USER, customer)
        .used(Quantity.of(TOKENS_PER_USE, Unit.TOKEN))
        .sourceRef(SourceRef.of(REF_TABLE, ref))
        .build();
  }
}
