package dev.tally.persistence.jdbi.internal;

import static com.google.common.base.Preconditions.checkState;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.Currency;
import dev.tally.core.model.LedgerAmount;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Money;
import dev.tally.core.model.Operation;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Reference;
import dev.tally.core.model.TransactionId;
import dev.tally.core.port.out.LedgerRepository;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@code accounting_records}, one row per leg keyed by (chain, seq) and numbered within its
 * transaction ({@code leg_no}, the posting's order), and {@code ledger_head}, one row per chain
 * (its {@code account} column holds the chain's name) holding the chain's last sequence and hash.
 * Locking a chain's head row serialises every append to that chain across transactions and
 * processes; a use locks only its customer's chain.
 */
final class JdbiLedgerRepository implements LedgerRepository {
  private static final String SELECT =
      "SELECT account, chain, seq, transaction_id, leg_no, operation, amount, currency, balance_after, ref_type,"
          + " ref_id, memo, created_at, biz_date, prev_hash, hash";

  private static final RowMapper<LedgerEntry> MAPPER =
      (rs, ctx) -> {
        Currency currency = Currency.of(rs.getString("currency"));
        BigDecimal balanceAfter = rs.getBigDecimal("balance_after");
        return new LedgerEntry(
            TransactionId.of(rs.getString("transaction_id")),
            Operation.fromCode(rs.getString("operation")),
            AccountId.parse(rs.getString("account")),
            AccountId.parse(rs.getString("chain")),
            rs.getLong("seq"),
            new LedgerAmount(rs.getBigDecimal("amount"), currency),
            Optional.ofNullable(balanceAfter).map(amount -> new Money(amount, currency)),
            new Reference(rs.getString("ref_type"), rs.getString("ref_id")),
            rs.getString("memo"),
            Sql.instant(rs, "created_at"),
            Sql.date(rs, "biz_date"),
            rs.getString("prev_hash"),
            rs.getString("hash"));
      };

  // the columns in the order bindLeg() gives their values
  private static final InsertRows.Target LEGS =
      InsertRows.Target.of(
          "accounting_records",
          List.of(
              "account", "chain", "seq", "transaction_id", "leg_no", "operation", "amount",
              "currency", "balance_after", "ref_type", "ref_id", "memo", "created_at", "biz_date",
              "prev_hash", "hash"));

  // compare-and-set: a head moves only from the state the legs continue
  private static final String MOVE_HEAD =
      "UPDATE ledger_head SET last_seq = ?, last_hash = ?"
          + " WHERE account = ? AND last_seq = ? AND last_hash = ?";

  private final Handle handle;
  // the heads this unit of work locked, as its own appends moved them
  private final Map<AccountId, ChainHead> locked = new HashMap<>();

  JdbiLedgerRepository(Handle handle) {
    this.handle = handle;
  }

  @Override
  public Map<AccountId, ChainHead> lockHeads(Collection<AccountId> chains) {
    if (chains.isEmpty()) {
      return Map.of();
    }
    Map<AccountId, ChainHead> heads = new HashMap<>();
    // one statement; rows are locked as the sort returns them, so in chain order
    List<String> names = chains.stream().map(AccountId::toString).distinct().toList();
    DirectQuery.list(
            handle,
            "SELECT account, last_seq, last_hash FROM ledger_head WHERE account IN ("
                + DirectQuery.placeholders(names.size())
                + ") ORDER BY account FOR UPDATE",
            names,
            (rs, ctx) ->
                Map.entry(
                    AccountId.parse(rs.getString("account")),
                    new ChainHead(rs.getLong("last_seq"), rs.getString("last_hash"))))
        .forEach(head -> heads.put(head.getKey(), head.getValue()));
    // a new chain's head row is created, and locked by the insert
    for (AccountId chain : new TreeSet<>(chains)) {
      if (!heads.containsKey(chain)) {
        handle
            .createUpdate(
                "INSERT INTO ledger_head (account, last_seq, last_hash) VALUES (:chain, 0, :hash)")
            .bind("chain", chain.toString())
            .bind("hash", ChainHead.GENESIS.hash())
            .execute();
        heads.put(chain, ChainHead.GENESIS);
      }
    }
    locked.putAll(heads);
    return heads;
  }

  @Override
  public void append(LedgerTransaction transaction) {
    appendAll(List.of(transaction));
  }

  @Override
  public void appendAll(List<LedgerTransaction> transactions) {
    if (transactions.isEmpty()) {
      return;
    }
    // each chain's first leg continues its stored head; its last leg is the new head
    Map<AccountId, LedgerEntry> firstByChain = new TreeMap<>();
    Map<AccountId, LedgerEntry> lastByChain = new TreeMap<>();
    int legCount = transactions.stream().mapToInt(transaction -> transaction.legs().size()).sum();
    try (InsertRows legs = InsertRows.into(handle, LEGS, legCount)) {
      for (LedgerTransaction transaction : transactions) {
        AccountId chain = transaction.legs().get(0).chain();
        int position = 0;
        for (LedgerEntry leg : transaction.legs()) {
          checkState(
              leg.chain().equals(chain),
              "legs of %s are in the chains %s and %s; a transaction lies in one chain",
              transaction.id(),
              chain,
              leg.chain());
          bindLeg(legs, leg, ++position).addRow();
          firstByChain.merge(
              chain, leg, (kept, next) -> next.sequence() < kept.sequence() ? next : kept);
          lastByChain.merge(
              chain, leg, (kept, next) -> next.sequence() > kept.sequence() ? next : kept);
        }
      }
      firstByChain.forEach(this::requireContinuesLockedHead);
      legs.insert();
    }
    // (chain, seq) being the key, a leg that repeats a sequence fails above; the heads move only
    // from the state the legs continue (compare-and-set)
    try (DirectBatch heads = DirectBatch.prepare(handle, MOVE_HEAD)) {
      lastByChain.forEach(
          (chain, last) ->
              heads
                  .number(last.sequence())
                  .string(last.hash())
                  .string(chain.toString())
                  .number(firstByChain.get(chain).sequence() - 1)
                  .string(firstByChain.get(chain).previousHash())
                  .addRow());
      int[] moved = heads.execute();
      List<AccountId> chains = List.copyOf(lastByChain.keySet());
      for (int i = 0; i < moved.length; i++) {
        if (moved[i] == 0) {
          throw headMovedMeanwhile(chains.get(i));
        }
      }
      Rows.requireEachUpdated(moved, "ledger_head", chains);
    }
    lastByChain.forEach(
        (chain, last) -> locked.put(chain, new ChainHead(last.sequence(), last.hash())));
  }

  /**
   * Each chain's first leg must continue the head this unit of work locked, as its own appends
   * moved it: one that skips, repeats or forks is a mistake of the caller, refused before anything
   * is written.
   */
  private void requireContinuesLockedHead(AccountId chain, LedgerEntry first) {
    ChainHead head = locked.get(chain);
    checkState(
        head != null
            && first.sequence() == head.sequence() + 1
            && first.previousHash().equals(head.hash()),
        "leg %s of chain %s does not continue the head this unit of work locked (%s)",
        first.sequence(),
        chain,
        head == null ? "none" : head.sequence());
  }

  /**
   * The compare-and-set of a head found it moved although this unit of work holds its lock and its
   * legs continue what it read: on a multi-primary cluster (Galera) the lock is the node's own, and
   * another node's commit of the same chain was applied under it. A conflict of two transactions,
   * to be run again as the cluster's certification failure at commit would be: a serialization
   * failure (SQLSTATE 40001) says so.
   */
  private static UnableToExecuteStatementException headMovedMeanwhile(AccountId chain) {
    String message = "ledger_head " + chain + " moved after this unit of work locked it";
    return new UnableToExecuteStatementException(message, new SQLException(message, "40001"), null);
  }

  /** The values of {@link #LEGS}, in the order of its columns. */
  private static InsertRows bindLeg(InsertRows row, LedgerEntry leg, int legNumber) {
    return row.string(leg.account().toString())
        .string(leg.chain().toString())
        .number(leg.sequence())
        .string(leg.transactionId().value())
        .number(legNumber)
        .string(leg.operation().code())
        .decimal(leg.amount().amount())
        .string(leg.amount().currency().code())
        .decimal(leg.balanceAfter().map(Money::amount).orElse(null))
        .string(leg.reference().type())
        .string(leg.reference().id())
        .string(leg.memo())
        .timestamp(leg.createdAt())
        .date(leg.bizDate())
        .string(leg.previousHash())
        .string(leg.hash());
  }

  @Override
  public List<LedgerTransaction> findByReference(Reference reference) {
    try (Stream<LedgerEntry> legs =
        handle
            .createQuery(
                SELECT
                    + " FROM accounting_records WHERE ref_type = :type AND ref_id = :id"
                    + " ORDER BY created_at, transaction_id, leg_no")
            .bind("type", reference.type())
            .bind("id", reference.id())
            .map(MAPPER)
            .stream()) {
      Map<TransactionId, List<LedgerEntry>> grouped = new LinkedHashMap<>();
      legs.forEach(
          leg -> grouped.computeIfAbsent(leg.transactionId(), id -> new ArrayList<>()).add(leg));
      return grouped.values().stream().map(JdbiLedgerRepository::transactionOf).toList();
    }
  }

  @Override
  public Page<LedgerEntry> list(LedgerQuery query, PageRequest page) {
    return Paging.page(
        handle,
        SELECT,
        "accounting_records",
        new Conditions()
            .equal("account", query.account())
            .equal("operation", query.operation().map(Operation::code))
            .from("created_at", query.from())
            .to("created_at", query.to()),
        "created_at DESC, chain DESC, seq DESC",
        page,
        MAPPER);
  }

  @Override
  public void forEachTransaction(Consumer<List<LedgerEntry>> action) {
    try (Stream<LedgerEntry> legs =
        handle
            .createQuery(SELECT + " FROM accounting_records ORDER BY transaction_id, leg_no")
            .map(MAPPER)
            .stream()) {
      Iterator<LedgerEntry> rows = legs.iterator();
      List<LedgerEntry> group = new ArrayList<>();
      while (rows.hasNext()) {
        LedgerEntry leg = rows.next();
        if (!group.isEmpty() && !group.get(0).transactionId().equals(leg.transactionId())) {
          action.accept(List.copyOf(group));
          group = new ArrayList<>();
        }
        group.add(leg);
      }
      if (!group.isEmpty()) {
        action.accept(List.copyOf(group));
      }
    }
  }

  private static LedgerTransaction transactionOf(List<LedgerEntry> legs) {
    return new LedgerTransaction(legs.get(0).transactionId(), legs.get(0).operation(), legs);
  }

  @Override
  public void forEachEntryByChain(Consumer<LedgerEntry> action) {
    try (Stream<LedgerEntry> legs =
        handle
            .createQuery(SELECT + " FROM accounting_records ORDER BY chain, seq")
            .map(MAPPER)
            .stream()) {
      legs.forEach(action);
    }
  }

  @Override
  public void forEachHead(BiConsumer<AccountId, ChainHead> action) {
    try (Stream<Map.Entry<AccountId, ChainHead>> heads =
        handle
            .createQuery("SELECT account, last_seq, last_hash FROM ledger_head ORDER BY account")
            .map(
                (rs, ctx) ->
                    Map.entry(
                        AccountId.parse(rs.getString("account")),
                        new ChainHead(rs.getLong("last_seq"), rs.getString("last_hash"))))
            .stream()) {
      heads.forEach(head -> action.accept(head.getKey(), head.getValue()));
    }
  }
}
