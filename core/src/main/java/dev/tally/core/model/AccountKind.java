package dev.tally.core.model;

/** The kinds of ledger account; an account is a kind plus an owner org. */
public enum AccountKind implements Codes.Coded {
  /** A customer's prepaid balance (positive: money the customer has). */
  CUSTOMER("customer"),
  /** A reseller's sales. */
  REVENUE("revenue"),
  /** A reseller's supplier costs (negative as costs accrue). */
  COST("cost"),
  /** What is owed to a supplier. */
  PAYABLE("payable"),
  /** Money received by the platform. */
  CASH("cash"),
  /** The counterpart of manual corrections. */
  ADJUSTMENT("adjustment");

  private final String code;

  AccountKind(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static AccountKind fromCode(String code) {
    return Codes.parse(AccountKind.class, code, "account kind");
  }
}
