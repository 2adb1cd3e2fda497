package dev.tally.core.model;

/** Status of a customer balance. */
public enum BalanceStatus implements Codes.Coded {
  /** Balance at or above zero. */
  ACTIVE("active"),
  /** Balance below zero, within the credit limit. */
  ARREARS("arrears"),
  /** Set and lifted by an admin; blocks every charge. */
  SUSPENDED("suspended");

  private final String code;

  BalanceStatus(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static BalanceStatus fromCode(String code) {
    return Codes.parse(BalanceStatus.class, code, "balance status");
  }
}
