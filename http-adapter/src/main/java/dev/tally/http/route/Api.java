package dev.tally.http.route;

/** Paths of the API. */
final class Api {
  static final String PREFIX = "/api/v1";

  private Api() {}

  static String path(String route) {
    return PREFIX + route;
  }
}
