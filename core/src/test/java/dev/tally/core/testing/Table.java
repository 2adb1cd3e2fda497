package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One table (or index) of the {@link InMemoryStore}: rows by key, where every write records in the
 * store's undo log how to reverse itself, so that a failed unit of work costs only what it wrote.
 * Every access requires an open unit of work. Not thread-safe: used under the store's lock only.
 */
final class Table<K, V> {
  private final InMemoryStore store;
  private final String what;
  private final Map<K, V> rows;

  /** A table iterated in insertion order. */
  Table(InMemoryStore store, String what) {
    this(store, what, new LinkedHashMap<>());
  }

  /** A table iterated in key order. */
  Table(InMemoryStore store, String what, Comparator<? super K> order) {
    this(store, what, new TreeMap<>(order));
  }

  private Table(InMemoryStore store, String what, Map<K, V> rows) {
    this.store = checkNotNull(store, "store");
    this.what = checkNotNull(what, "what");
    this.rows = rows;
    store.register(this);
  }

  Optional<V> find(K key) {
    store.requireTransaction();
    return Optional.ofNullable(rows.get(checkNotNull(key, "%s key", what)));
  }

  boolean contains(K key) {
    return find(key).isPresent();
  }

  /** Adds a row; refuses a key already present, as a primary key does. */
  void insert(K key, V row) {
    checkState(!contains(key), "duplicate %s: %s", what, key);
    put(key, row);
  }

  /** Replaces a row; refuses a key not present. */
  void update(K key, V row) {
    checkState(contains(key), "no %s to update: %s", what, key);
    put(key, row);
  }

  /** Adds or replaces a row. */
  void put(K key, V row) {
    store.requireTransaction();
    checkNotNull(key, "%s key", what);
    checkNotNull(row, what);
    V previous = rows.put(key, row);
    store.onUndo(previous == null ? () -> rows.remove(key) : () -> rows.put(key, previous));
  }

  /** Removes a row; returns false when there was none. */
  boolean delete(K key) {
    store.requireTransaction();
    V previous = rows.remove(checkNotNull(key, "%s key", what));
    if (previous == null) {
      return false;
    }
    store.onUndo(() -> rows.put(key, previous));
    return true;
  }

  /** A read-only view of the rows, in the table's order. */
  Collection<V> rows() {
    store.requireTransaction();
    return Collections.unmodifiableCollection(rows.values());
  }

  Stream<V> stream() {
    return rows().stream();
  }

  /** A copy of the keys, in the table's order. */
  List<K> keys() {
    store.requireTransaction();
    return List.copyOf(rows.keySet());
  }
}
