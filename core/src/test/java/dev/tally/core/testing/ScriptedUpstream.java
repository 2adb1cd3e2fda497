package dev.tally.core.testing;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import dev.tally.core.model.OrgId;
import dev.tally.core.model.PricingProgram;
import dev.tally.core.port.out.UpstreamGateway;
import dev.tally.core.sync.CatalogEntry;
import dev.tally.core.sync.SyncChange;
import dev.tally.core.sync.SyncEntity;
import dev.tally.core.sync.SyncPage;
import dev.tally.core.sync.UpstreamException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link UpstreamGateway} that plays a script: per entity, answers consumed one per call, in
 * order (a page, a failure, or whatever a test computes, such as waiting on a latch). Every call is
 * recorded, so that a test asserts which cursors were asked for. A call with nothing left to answer
 * fails with an {@link AssertionError} naming it.
 *
 * <pre>{@code
 * ScriptedUpstream upstream = new ScriptedUpstream()
 *     .answers(USERS, page("c1", user("u1", "acme", 1)), lastPage("c2", tombstone("u0")))
 *     .fails(LLMAGE, unavailable(LLMAGE))
 *     .answers(LLMAGE, lastPage("l1", llm("gpt-4o", 3)));
 * }</pre>
 *
 * The static helpers build pages, changes and the failures a real gateway reports. Thread-safe.
 */
public final class ScriptedUpstream implements UpstreamGateway {
  /** One call as the sync made it. */
  public record Call(SyncEntity entity, Optional<String> cursor, int limit) {}

  /** What one scripted call does: answers a page, or throws. */
  @FunctionalInterface
  public interface Answer {
    SyncPage answer(Call call) throws Exception;
  }

  private final Map<SyncEntity, Deque<Answer>> scripts = new EnumMap<>(SyncEntity.class);
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  /** Adds answers to the script of {@code entity}, after those already there. */
  public synchronized ScriptedUpstream then(SyncEntity entity, Answer... answers) {
    checkNotNull(entity, "entity");
    Deque<Answer> script = scripts.computeIfAbsent(entity, absent -> new ArrayDeque<>());
    Arrays.stream(answers).map(answer -> checkNotNull(answer, "answer")).forEach(script::add);
    return this;
  }

  /** Answers these pages, one per call. */
  public ScriptedUpstream answers(SyncEntity entity, SyncPage... pages) {
    for (SyncPage page : pages) {
      checkNotNull(page, "page");
      then(entity, call -> page);
    }
    return this;
  }

  /** Throws {@code failure} (an {@link UpstreamException}, or anything else) on the next call. */
  public ScriptedUpstream fails(SyncEntity entity, RuntimeException failure) {
    checkNotNull(failure, "failure");
    return then(
        entity,
        call -> {
          throw failure;
        });
  }

  /** Throws {@code error} on the next call: a crash in the middle of a sync. */
  public ScriptedUpstream crashes(SyncEntity entity, Error error) {
    checkNotNull(error, "error");
    return then(
        entity,
        call -> {
          throw error;
        });
  }

  @Override
  public SyncPage fetch(SyncEntity entity, Optional<String> cursor, int limit) {
    Call call = new Call(entity, cursor, limit);
    calls.add(call);
    Answer answer;
    synchronized (this) {
      Deque<Answer> script = scripts.get(entity);
      answer = script == null ? null : script.poll();
    }
    if (answer == null) {
      throw new AssertionError("the upstream script has no answer left for " + call);
    }
    try {
      return answer.answer(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while answering " + call, e);
    } catch (Exception e) {
      throw new AssertionError("the scripted answer to " + call + " failed", e);
    }
  }

  /** Every call made, oldest first. */
  public List<Call> calls() {
    return ImmutableList.copyOf(calls);
  }

  /** The cursors asked for {@code entity}, oldest first ({@code null} for "from the start"). */
  public List<String> cursorsAsked(SyncEntity entity) {
    return calls.stream()
        .filter(call -> call.entity() == entity)
        .map(call -> call.cursor().orElse(null))
        .toList();
  }

  /** How many scripted answers of {@code entity} are left. */
  public synchronized int remaining(SyncEntity entity) {
    Deque<Answer> script = scripts.get(entity);
    return script == null ? 0 : script.size();
  }

  // ---------------------------------------------------------------------------------------------
  // pages and changes

  /** A page with more after it: the next call asks for {@code next}. */
  public static SyncPage page(String next, SyncChange... changes) {
    return new SyncPage(List.of(changes), Optional.of(next), true);
  }

  /** The last page for now; {@code next} (may be null) is where the next run starts. */
  public static SyncPage lastPage(String next, SyncChange... changes) {
    return new SyncPage(List.of(changes), Optional.ofNullable(next), false);
  }

  /** A user of {@code org}, named {@code User <id>}. */
  public static SyncChange.Upsert user(String id, String org, long version) {
    return new SyncChange.Upsert(
        new CatalogEntry(
            SyncEntity.USERS,
            id,
            version,
            Optional.of("User " + id),
            Optional.of(OrgId.of(org)),
            "{\"id\":\"" + id + "\",\"org_id\":\"" + org + "\",\"version\":" + version + "}",
            Samples.T0));
  }

  /** An LLM model, named after its id. */
  public static SyncChange.Upsert llm(String id, long version) {
    return named(SyncEntity.LLMAGE, id, version);
  }

  /** An upstream API, named after its id. */
  public static SyncChange.Upsert uapi(String id, long version) {
    return named(SyncEntity.UAPI, id, version);
  }

  private static SyncChange.Upsert named(SyncEntity entity, String id, long version) {
    return new SyncChange.Upsert(
        new CatalogEntry(
            entity,
            id,
            version,
            Optional.of(id),
            Optional.empty(),
            "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"version\":" + version + "}",
            Samples.T0));
  }

  public static SyncChange.UpsertProgram program(PricingProgram program) {
    return new SyncChange.UpsertProgram(program);
  }

  public static SyncChange.Tombstone tombstone(String id) {
    return new SyncChange.Tombstone(id);
  }

  // ---------------------------------------------------------------------------------------------
  // failures, worded as a real gateway words them

  /** A 503 answer: retryable. */
  public static UpstreamException unavailable(SyncEntity entity) {
    return UpstreamException.retryable(
        "upstream " + entity.code() + " answered 503 Service Unavailable", Optional.empty());
  }

  /** A 429 answer with {@code Retry-After}: retryable after that. */
  public static UpstreamException tooManyRequests(SyncEntity entity, Duration retryAfter) {
    return UpstreamException.retryable(
        "upstream " + entity.code() + " answered 429 Too Many Requests", Optional.of(retryAfter));
  }

  /** A 401 answer: not retryable. */
  public static UpstreamException unauthorized(SyncEntity entity) {
    return UpstreamException.permanent(
        "upstream " + entity.code() + " answered 401 Unauthorized; check its credentials");
  }
}
