package dev.tally.core.model;

/** An organisation: a customer (whose balance is keyed by it), a reseller or a supplier. */
public record OrgId(String value) {
  public OrgId {
    Ids.check(value, "org id");
  }

  public static OrgId of(String value) {
    return new OrgId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
