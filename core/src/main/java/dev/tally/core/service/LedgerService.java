package dev.tally.core.service;

import dev.tally.core.model.LedgerEntry;
import dev.tally.core.model.LedgerQuery;
import dev.tally.core.model.LedgerTransaction;
import dev.tally.core.model.Page;
import dev.tally.core.model.PageRequest;
import dev.tally.core.model.Reference;
import dev.tally.core.model.VerificationReport;
import dev.tally.core.port.in.Ledger;
import java.util.List;

/** Reading and verifying the ledger. */
final class LedgerService implements Ledger {
  private final Environment env;

  LedgerService(Environment env) {
    this.env = env;
  }

  @Override
  public Page<LedgerEntry> records(LedgerQuery query, PageRequest page) {
    return env.unitOfWork().inTransaction(repos -> repos.ledger().list(query, page));
  }

  @Override
  public List<LedgerTransaction> transactionsFor(Reference reference) {
    return env.unitOfWork().inTransaction(repos -> repos.ledger().findByReference(reference));
  }

  @Override
  public VerificationReport verify() {
    return env.unitOfWork().inTransaction(LedgerVerifier::verify);
  }
}
