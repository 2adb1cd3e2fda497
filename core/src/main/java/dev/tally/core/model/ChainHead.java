package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The last leg of a hash chain ({@code ledger_head}): its sequence and hash (0 and genesis for a
 * chain without legs).
 */
public record ChainHead(long sequence, String hash) {
  public static final ChainHead GENESIS = new ChainHead(0, LedgerEntry.GENESIS_HASH);

  public ChainHead {
    checkArgument(sequence >= 0, "sequence is negative");
    checkNotNull(hash, "hash");
  }
}
