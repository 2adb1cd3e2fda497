package dev.tally.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The admin UI at {@code /admin/}: static pages on the classpath ({@code admin/}) that call the
 * public JSON API, and the UI libraries they use, served from their WebJars under {@code
 * /admin/lib/<library>/} without the version in the path. Every file goes out with a strict
 * Content-Security-Policy: scripts, styles and requests from this origin only, no inline script or
 * style, and Trusted Types required, so that nothing from the API can reach the page as HTML.
 */
final class AdminUi {
  static final String PATH = "/admin";

  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'none'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self'",
          "connect-src 'self'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "require-trusted-types-for 'script'",
          "trusted-types 'none'");

  private static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "no-referrer",
          "Cache-Control", "no-cache");

  /**
   * A UI library packaged as a WebJar: its name in the path, and the folder of its files on the
   * classpath, found from its Maven version when the server starts.
   */
  private record Library(String name, String directory) {
    static Library of(String name, String groupId, String filesRoot) {
      String properties = "/META-INF/maven/" + groupId + "/" + name + "/pom.properties";
      try (InputStream in = AdminUi.class.getResourceAsStream(properties)) {
        if (in == null) {
          throw new IllegalStateException(
              "the admin UI library " + name + " is not on the classpath (" + properties + ")");
        }
        Properties pom = new Properties();
        pom.load(in);
        return new Library(name, filesRoot + "/" + pom.getProperty("version"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + properties, e);
      }
    }
  }

  private static final Map<String, Library> LIBRARIES =
      Stream.of(
              // the daily revenue / cost chart
              Library.of("chart.js", "org.webjars.npm", "/META-INF/resources/webjars/chart.js"),
              // Preact with hooks and htm templates, in one module (htm/preact/standalone)
              Library.of("htm", "org.mvnpm", "/META-INF/resources/_static/htm"))
          .collect(Collectors.toUnmodifiableMap(Library::name, library -> library));

  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "js", "text/javascript; charset=utf-8",
          "mjs", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "map", "application/json",
          "json", "application/json");

  private AdminUi() {}

  static void register(JavalinConfig config) {
    // the pages' relative links need the trailing slash; a GET route on /admin would also take
    // /admin/ (trailing slashes are ignored), so this is a before-handler on the exact path
    config.routes.before(
        PATH,
        ctx -> {
          if (ctx.path().equals(PATH)) {
            ctx.redirect(PATH + "/");
            ctx.skipRemainingHandlers();
          }
        });
    config.staticFiles.add(
        files -> {
          files.hostedPath = PATH;
          files.directory = "/admin";
          files.location = Location.CLASSPATH;
          files.headers = HEADERS;
        });
    // a route, not a static folder: some WebJars hold no folder entries, which Javalin needs
    config.routes.get(PATH + "/lib/{library}/<file>", AdminUi::libraryFile);
  }

  private static void libraryFile(Context ctx) {
    Library library = LIBRARIES.get(ctx.pathParam("library"));
    String file = ctx.pathParam("file");
    InputStream in =
        library == null || file.contains("..") || file.contains("//")
            ? null
            : AdminUi.class.getResourceAsStream(library.directory() + "/" + file);
    if (in == null) {
      Problems.write(ctx, 404, "not_found", "no admin UI library file " + ctx.path());
      return;
    }
    HEADERS.forEach(ctx::header);
    String extension = file.substring(file.lastIndexOf('.') + 1);
    ctx.contentType(CONTENT_TYPES.getOrDefault(extension, "application/octet-stream")).result(in);
  }
}
