package dev.tally.persistence.jdbi.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One transaction at a time on an embedded H2 database, shared by every pool of this process that
 * opens the same database. H2's MVStore writes a commit to its file as a chunk whose tables are
 * captured one after another while other transactions go on writing and committing, so a chunk
 * can hold a transaction's undo log from one moment and its rows from another; after a kill,
 * recovery turns that into a half-applied transaction (docs/persistence.md, "Durability"). With
 * one transaction at a time, every chunk is written by the committing transaction itself, with
 * nothing else in flight. (H2 can still lose commits after a kill, so it is not the default.)
 * Thread-safe.
 */
public final class SerialTransactions {
  private static final ConcurrentMap<String, Lock> LOCKS = new ConcurrentHashMap<>();

  private SerialTransactions() {}

  /**
   * The lock of one database, named by its file path (or its in-memory name). Not fair: a fair lock
   * hands over to the longest waiter, which on a busy machine must first be scheduled, and
   * measured 19 times slower (docs/persistence.md).
   */
  public static Lock of(String database) {
    return LOCKS.computeIfAbsent(database, name -> new ReentrantLock());
  }
}
