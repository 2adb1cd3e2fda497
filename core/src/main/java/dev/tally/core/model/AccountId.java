package dev.tally.core.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A ledger account: a kind and the org that owns it, written {@code kind:owner} (for example
 * {@code customer:org-1}, {@code revenue:reseller-1}). A customer account's legs sum to the
 * customer's balance.
 */
public record AccountId(AccountKind kind, OrgId owner) implements Comparable<AccountId> {
  /** The owner of the platform's own accounts ({@code cash:platform}, {@code adjustment:platform}). */
  public static final OrgId PLATFORM = OrgId.of("platform");

  public AccountId {
    checkNotNull(kind, "account kind");
    checkNotNull(owner, "account owner");
  }

  public static AccountId customer(OrgId org) {
    return new AccountId(AccountKind.CUSTOMER, org);
  }

  public static AccountId revenue(OrgId reseller) {
    return new AccountId(AccountKind.REVENUE, reseller);
  }

  public static AccountId cost(OrgId reseller) {
    return new AccountId(AccountKind.COST, reseller);
  }

  public static AccountId payable(OrgId supplier) {
    return new AccountId(AccountKind.PAYABLE, supplier);
  }

  public static AccountId cash() {
    return new AccountId(AccountKind.CASH, PLATFORM);
  }

  public static AccountId adjustment() {
    return new AccountId(AccountKind.ADJUSTMENT, PLATFORM);
  }

  /** Parses {@code kind:owner}. */
  public static AccountId parse(String text) {
    checkNotNull(text, "account");
    int colon = text.indexOf(':');
    checkArgument(colon > 0, "account must look like kind:owner: '%s'", text);
    return new AccountId(
        AccountKind.fromCode(text.substring(0, colon)), OrgId.of(text.substring(colon + 1)));
  }

  public boolean isCustomer() {
    return kind == AccountKind.CUSTOMER;
  }

  /**
   * The order of the written form, {@code kind:owner}, without writing it (a group of uses sorts
   * its chains this way, hundreds of comparisons a group): kind codes are lowercase letters, which
   * all come after {@code ':'}, so the codes order the written forms whenever they differ.
   */
  @Override
  public int compareTo(AccountId other) {
    int byKind = kind.code().compareTo(other.kind.code());
    return byKind != 0 ? byKind : owner.value().compareTo(other.owner.value());
  }

  @Override
  public String toString() {
    return kind.code() + ":" + owner.value();
  }
}
