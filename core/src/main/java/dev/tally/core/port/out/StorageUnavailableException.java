package dev.tally.core.port.out;

/**
 * The database could not be reached: no connection within the pool's timeout, a connection lost,
 * a server shutting down or starting up. Unlike other storage failures it says nothing about the
 * work itself, and the next unit of work on the same database would meet it too until the database
 * is back; so callers do not retry it piece by piece but fail at once.
 */
public class StorageUnavailableException extends StorageException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
