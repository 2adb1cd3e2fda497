package dev.tally.core.model;

/** Whether a supplier may serve uses. */
public enum SupplierStatus implements Codes.Coded {
  /** May be chosen for uses. */
  ACTIVE("active"),
  /** Never chosen. */
  INACTIVE("inactive");

  private final String code;

  SupplierStatus(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static SupplierStatus fromCode(String code) {
    return Codes.parse(SupplierStatus.class, code, "supplier status");
  }
}
