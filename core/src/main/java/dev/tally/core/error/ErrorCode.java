package dev.tally.core.error;

/**
 * Stable, machine-readable codes of every business outcome Tally reports. The {@link #code()}
 * strings are part of the public API (HTTP problem documents, CLI output): never rename one.
 */
public enum ErrorCode {
  VALIDATION_FAILED("validation_failed", ErrorKind.INVALID),
  NOT_FOUND("not_found", ErrorKind.NOT_FOUND),
  ALREADY_EXISTS("already_exists", ErrorKind.CONFLICT),
  IDEMPOTENCY_CONFLICT("idempotency_conflict", ErrorKind.CONFLICT),
  INSUFFICIENT_BALANCE("insufficient_balance", ErrorKind.REJECTED),
  QUOTA_EXCEEDED("quota_exceeded", ErrorKind.REJECTED),
  CUSTOMER_SUSPENDED("customer_suspended", ErrorKind.REJECTED),
  NO_SUBSCRIPTION("no_subscription", ErrorKind.REJECTED),
  SUBSCRIPTION_INACTIVE("subscription_inactive", ErrorKind.REJECTED),
  OUTSIDE_PERIOD("outside_period", ErrorKind.REJECTED),
  SUBSCRIPTION_EXISTS("subscription_exists", ErrorKind.CONFLICT),
  RESOURCE_AMBIGUOUS("resource_ambiguous", ErrorKind.INVALID),
  RESOURCE_INACTIVE("resource_inactive", ErrorKind.REJECTED),
  RESOURCE_IN_USE("resource_in_use", ErrorKind.CONFLICT),
  SUPPLIER_UNAVAILABLE("supplier_unavailable", ErrorKind.REJECTED),
  PRICE_NOT_FOUND("price_not_found", ErrorKind.REJECTED),
  CURRENCY_MISMATCH("currency_mismatch", ErrorKind.INVALID),
  /** An amount or counter would pass the largest value Tally stores. */
  AMOUNT_OUT_OF_RANGE("amount_out_of_range", ErrorKind.INVALID),
  CREDIT_LIMIT_TOO_LOW("credit_limit_too_low", ErrorKind.CONFLICT),
  HOLD_EXPIRED("hold_expired", ErrorKind.CONFLICT),
  HOLD_NOT_ACTIVE("hold_not_active", ErrorKind.CONFLICT),
  INVALID_STATE("invalid_state", ErrorKind.CONFLICT),
  UNAUTHORIZED("unauthorized", ErrorKind.UNAUTHORIZED),
  FORBIDDEN("forbidden", ErrorKind.FORBIDDEN),
  SYNC_BUSY("sync_busy", ErrorKind.CONFLICT),
  RATE_LIMITED("rate_limited", ErrorKind.REJECTED),
  STORAGE_UNAVAILABLE("storage_unavailable", ErrorKind.UNAVAILABLE),
  UPSTREAM_UNAVAILABLE("upstream_unavailable", ErrorKind.UNAVAILABLE);

  private final String code;
  private final ErrorKind kind;

  ErrorCode(String code, ErrorKind kind) {
    this.code = code;
    this.kind = kind;
  }

  /** The stable snake_case code, as it appears in API responses. */
  public String code() {
    return code;
  }

  public ErrorKind kind() {
    return kind;
  }
}
