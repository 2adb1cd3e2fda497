package dev.tally.core.model;

/** The business operation a ledger transaction records. */
public enum Operation implements Codes.Coded {
  /** Money paid in: cash to the customer. */
  RECHARGE("RECHARGE"),
  /** A charge: customer to reseller revenue, at sell price. */
  PAY("PAY"),
  /** The supplier's cost: reseller cost to supplier payable. */
  PAY_COST("PAY_COST"),
  /** A charge given back: reseller revenue to the customer. */
  REFUND("REFUND"),
  /** A manual correction of a customer balance, either way. */
  ADJUST("ADJUST"),
  /** A subscription's fee: customer to reseller revenue. */
  SUBSCRIPTION_FEE("SUBSCRIPTION_FEE");

  private final String code;

  Operation(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static Operation fromCode(String code) {
    return Codes.parse(Operation.class, code, "ledger operation");
  }
}
