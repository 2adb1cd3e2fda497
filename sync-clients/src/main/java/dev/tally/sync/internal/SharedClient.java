package dev.tally.sync.internal;

import okhttp3.OkHttpClient;

/**
 * The one OkHttp client of the process. Every gateway derives its own with {@code newBuilder()},
 * which shares this client's connection pool and dispatcher threads.
 */
final class SharedClient {
  static final OkHttpClient INSTANCE = new OkHttpClient();

  private SharedClient() {}
}
