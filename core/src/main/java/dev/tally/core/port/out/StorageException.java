package dev.tally.core.port.out;

/**
 * The storage behind a port failed (connection lost, constraint broken unexpectedly). Carries the
 * cause; never used for "not found" or for business refusals.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
