package dev.tally.persistence.jdbi.internal;

import static dev.tally.core.testing.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tally.core.model.AccountId;
import dev.tally.core.model.ChainHead;
import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Operation;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.Reference;
import dev.tally.core.testing.Samples;
import dev.tally.persistence.jdbi.testing.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How an append tells a caller's mistake from a head another node moved: on Galera a head's lock
 * is the node's own, and another node's commit of the chain is applied under it (GaleraTest met
 * this under load). Here the other node's commit is played by an update on the same connection,
 * after the lock: a single-primary database would make it wait.
 */
class JdbiLedgerRepositoryTest {
  private static final AccountId CASH = AccountId.cash();
  private static final AccountId CUSTOMER = AccountId.customer(OrgId.of("org-1"));

  private Jdbi jdbi;

  @BeforeEach
  void emptyDatabase() {
    TestDatabase.H2.emptyStorage();
    jdbi = Jdbi.create(TestDatabase.H2.dataSource());
  }

  @Test
  void aHeadMovedAfterItWasLockedIsAConflictToRunAgain() {
    jdbi.useTransaction(
        handle -> {
          JdbiLedgerRepository ledger = new JdbiLedgerRepository(handle);
          Map<AccountId, ChainHead> heads = ledger.lockHeads(List.of(CUSTOMER));
          handle.execute(
              "UPDATE ledger_head SET last_seq = last_seq + 4 WHERE account = ?",
              CUSTOMER.toString());

          assertThatThrownBy(() -> ledger.append(recharge("t1", heads)))
              .isInstanceOf(UnableToExecuteStatementException.class)
              .satisfies(
                  failure ->
                      assertThat(TransientFailures.classify(failure))
                          .isEqualTo(TransientFailures.LOCK_CONFLICT));
          handle.rollback();
        });
  }

  @Test
  void legsThatDoNotContinueTheLockedHeadAreRefusedBeforeAnyWrite() {
    jdbi.useTransaction(
        handle -> {
          JdbiLedgerRepository ledger = new JdbiLedgerRepository(handle);
          Map<AccountId, ChainHead> heads = new HashMap<>(ledger.lockHeads(List.of(CUSTOMER)));
          heads.put(CUSTOMER, new ChainHead(7, heads.get(CUSTOMER).hash()));

          assertThatThrownBy(() -> ledger.append(recharge("t1", heads)))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("does not continue the head this unit of work locked");
          assertThat(
                  handle.createQuery("SELECT count(*) FROM accounting_records").mapTo(Long.class).one())
              .isZero();
          handle.rollback();
        });
  }

  @Test
  void aSecondAppendContinuesTheHeadTheFirstMoved() {
    jdbi.useTransaction(
        handle -> {
          JdbiLedgerRepository ledger = new JdbiLedgerRepository(handle);
          Map<AccountId, ChainHead> heads = new HashMap<>(ledger.lockHeads(List.of(CUSTOMER)));
          LedgerTransaction first = recharge("t1", heads);
          ledger.append(first);
          LedgerEntry last = first.legs().get(first.legs().size() - 1);
          heads.put(CUSTOMER, new ChainHead(last.sequence(), last.hash()));

          ledger.append(recharge("t2", heads));

          assertThat(handle.createQuery("SELECT last_seq FROM ledger_head").mapTo(Long.class).one())
              .isEqualTo(4);
          handle.rollback();
        });
  }

  private static LedgerTransaction recharge(String id, Map<AccountId, ChainHead> heads) {
    return Samples.ledgerTransaction(
        id,
        Operation.RECHARGE,
        new Reference("recharge", "pay-" + id),
        CASH,
        CUSTOMER,
        "5",
        heads,
        T0);
  }
}
