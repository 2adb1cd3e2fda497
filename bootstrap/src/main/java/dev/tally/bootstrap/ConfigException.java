package dev.tally.bootstrap;

/**
 * The configuration cannot be used: an unknown key, a bad value, an unreadable file. The message
 * names the key, the value and where it came from, and never shows a secret's value.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
