package dev.tally.core.model;

/** Identifies a {@link PricingProgram} (synced from upstream). */
public record PricingProgramId(String value) {
  public PricingProgramId {
    Ids.check(value, "pricing program id");
  }

  public static PricingProgramId of(String value) {
    return new PricingProgramId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
