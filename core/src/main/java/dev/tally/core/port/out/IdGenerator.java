package dev.tally.core.port.out;

/** Makes new identifiers: 32 characters, unique, roughly time-ordered. Thread-safe. */
@FunctionalInterface
public interface IdGenerator {
  String newId();
}
