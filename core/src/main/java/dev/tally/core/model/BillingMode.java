package dev.tally.core.model;

/** How a use is paid for (code set {@code billing_mode}, stored as CHAR(1)). */
public enum BillingMode implements Codes.Coded {
  /** Every use is charged to the balance at sell price. */
  PAY_PER_USE("1"),
  /** Uses draw on the subscription's quota; a use beyond it is refused. */
  QUOTA("2"),
  /** Quota first, the rest charged at the overage price up to the cap. */
  QUOTA_WITH_OVERAGE("3");

  private final String code;

  BillingMode(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static BillingMode fromCode(String code) {
    return Codes.parse(BillingMode.class, code, "billing_mode");
  }
}
