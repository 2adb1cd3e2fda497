package dev.tally.core.model;

/** Identifies a {@link LedgerTransaction}. */
public record TransactionId(String value) {
  public TransactionId {
    Ids.check(value, "transaction id");
  }

  public static TransactionId of(String value) {
    return new TransactionId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
