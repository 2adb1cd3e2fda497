package dev.tally.bootstrap;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The embedded database's directory is held by another running Tally (a {@code tally serve}, say):
 * starting a second server on it would take the data from under the first, so Tally refuses. The
 * message says what to do instead.
 */
public final class EmbeddedDatabaseInUseException extends ConfigException {
  private static final long serialVersionUID = 1L;

  private final transient Path directory;
  private final OptionalLong holderPid;

  EmbeddedDatabaseInUseException(Path directory, OptionalLong holderPid) {
    super(
        "the embedded database "
            + directory
            + " is in use by a running Tally"
            + (holderPid.isPresent() ? " (pid " + holderPid.getAsLong() + ")" : "")
            + "; stop it, or use its HTTP API, or set database.url (TALLY_DATABASE_URL) to a"
            + " database server both can share");
    this.directory = directory;
    this.holderPid = holderPid;
  }

  /** The data directory that is held. */
  public Path directory() {
    return directory;
  }

  /** The process that holds it, when it wrote its id. */
  public OptionalLong holderPid() {
    return holderPid;
  }
}
