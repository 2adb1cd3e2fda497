package dev.tally.core.error;

/**
 * The broad class of a business outcome. Front ends map a kind to a status family (HTTP) or
 * an exit code (CLI) in one place; finer mappings (402, 423, ...) switch on the {@link ErrorCode}.
 */
public enum ErrorKind {
  /** The request itself is wrong: fix it before trying again. */
  INVALID,
  /** Something the request names does not exist. */
  NOT_FOUND,
  /** The request clashes with the current state (a duplicate, a replay with a new payload). */
  CONFLICT,
  /** A valid request that the rules refuse now (no money, no quota); it may pass later. */
  REJECTED,
  /** The caller is not known: no credential, or one that is wrong, expired or revoked. */
  UNAUTHORIZED,
  /** The caller may not do this. */
  FORBIDDEN,
  /** A dependency (database, upstream) failed; retrying later may help. */
  UNAVAILABLE
}
