package dev.tally.core.service;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Verify.verify;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Gathers items that callers submit concurrently and applies them in groups, each caller getting
 * the outcome of its own items. Leader/follower, without a background thread: the first caller
 * that finds nobody applying becomes the leader, takes up to {@code maxItems} queued items (after
 * waiting up to {@code maxWait} for the group to fill, when that is positive) and applies them
 * on its own thread; items that arrive meanwhile queue up and the owner of the first of them leads
 * the next group. A caller alone therefore applies its item at once, and under load the groups
 * grow by themselves with what queued during the previous one.
 *
 * <p>One group is applied at a time per instance, in arrival order ({@link UseLanes} runs several
 * instances side by side). Thread-safe.
 *
 * @param <I> what callers submit
 * @param <R> what each item gives
 */
final class GroupCommit<I, R> {
  /** Applies one group; returns one outcome per item, in the items' order, and never throws. */
  interface Applier<I, R> extends Function<List<I>, List<Outcome<R>>> {}

  /** The result of one item, or the exception that belongs to its caller alone. */
  sealed interface Outcome<R> {
    /** The value, or the item's own exception thrown on the caller's thread. */
    R get();
  }

  record Done<R>(R value) implements Outcome<R> {
    @Override
    public R get() {
      return value;
    }
  }

  record Failed<R>(RuntimeException failure) implements Outcome<R> {
    Failed {
      checkNotNull(failure, "failure");
    }

    @Override
    public R get() {
      throw failure;
    }
  }

  /** One caller's submission: woken when its items are done or when it is to lead. */
  private static final class Caller {
    final Condition wakeUp;
    int pending;
    boolean promoted;

    Caller(Condition wakeUp, int pending) {
      this.wakeUp = wakeUp;
      this.pending = pending;
    }
  }

  private static final class Entry<I, R> {
    final I item;
    final Caller caller;
    Outcome<R> outcome;

    Entry(I item, Caller caller) {
      this.item = item;
      this.caller = caller;
    }
  }

  private final int maxItems;
  private final long maxWaitNanos;
  private final Applier<I, R> applier;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  // guarded by lock: queue is non-empty only while leading is true
  private final ArrayDeque<Entry<I, R>> queue = new ArrayDeque<>();
  private boolean leading;

  GroupCommit(int maxItems, Duration maxWait, Applier<I, R> applier) {
    checkArgument(maxItems >= 1, "a group holds at least one item: %s", maxItems);
    checkArgument(!maxWait.isNegative(), "max wait is negative: %s", maxWait);
    this.maxItems = maxItems;
    this.maxWaitNanos = maxWait.toNanos();
    this.applier = checkNotNull(applier, "applier");
  }

  /** Applies {@code items} within the next groups; returns their outcomes in the same order. */
  List<Outcome<R>> submitAll(List<I> items) {
    if (items.isEmpty()) {
      // a caller with no item would take the lead and, never holding the head, not hand it on
      return List.of();
    }
    Caller caller = new Caller(lock.newCondition(), items.size());
    List<Entry<I, R>> entries = new ArrayList<>(items.size());
    items.forEach(item -> entries.add(new Entry<>(item, caller)));
    lock.lock();
    try {
      queue.addAll(entries);
      arrived.signal();
      boolean leadNow = !leading;
      leading = true;
      while (caller.pending > 0) {
        if (leadNow || caller.promoted) {
          caller.promoted = false;
          lead(caller);
          leadNow = false;
        } else {
          caller.wakeUp.awaitUninterruptibly();
        }
      }
    } finally {
      lock.unlock();
    }
    return entries.stream().map(entry -> entry.outcome).toList();
  }

  /** Applies the group at the head of the queue, whose first item is the leader's. */
  private void lead(Caller leader) {
    verify(!queue.isEmpty() && queue.peekFirst().caller == leader, "the leader owns the head");
    if (maxWaitNanos > 0) {
      long remaining = maxWaitNanos;
      try {
        while (queue.size() < maxItems && remaining > 0) {
          remaining = arrived.awaitNanos(remaining);
        }
      } catch (InterruptedException interrupted) {
        // apply what has queued rather than leave its callers waiting; the caller sees the flag
        Thread.currentThread().interrupt();
      }
    }
    List<Entry<I, R>> group = new ArrayList<>(Math.min(queue.size(), maxItems));
    while (!queue.isEmpty() && group.size() < maxItems) {
      group.add(queue.pollFirst());
    }
    List<Outcome<R>> outcomes = null;
    lock.unlock();
    try {
      outcomes = applier.apply(group.stream().map(entry -> entry.item).toList());
      verify(outcomes.size() == group.size(), "one outcome per item");
    } finally {
      lock.lock();
      for (int i = 0; i < group.size(); i++) {
        Entry<I, R> entry = group.get(i);
        // without outcomes the applier broke its contract with an Error, which the leader throws
        entry.outcome =
            outcomes != null
                ? outcomes.get(i)
                : new Failed<>(new IllegalStateException("the group of this use failed"));
        if (--entry.caller.pending == 0 && entry.caller != leader) {
          entry.caller.wakeUp.signal();
        }
      }
      handOver();
    }
  }

  /** Passes the lead to the owner of the next queued item, or ends leading when none is left. */
  private void handOver() {
    if (queue.isEmpty()) {
      leading = false;
      return;
    }
    Caller next = queue.peekFirst().caller;
    next.promoted = true;
    next.wakeUp.signal();
  }
}
