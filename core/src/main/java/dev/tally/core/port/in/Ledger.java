package dev.tally.core.port.in;

import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Reference;
import dev.tally.core.model.VerificationReport;
import java.util.List;

/** Reading and verifying the ledger. Thread-safe. */
public interface Ledger {
  Page<LedgerEntry> records(LedgerQuery query, PageRequest page);

  List<LedgerTransaction> transactionsFor(Reference reference);

  /**
   * Checks every invariant: transactions sum to zero, balances equal their accounts, balance_after
   * follows each customer account, no balance below minus its credit limit, every charge has one
   * PAY of its amount, hash chains unbroken. Reports every violation found.
   */
  VerificationReport verify();
}
