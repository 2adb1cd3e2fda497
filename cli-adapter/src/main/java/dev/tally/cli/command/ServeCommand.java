package dev.tally.cli.command;

import dev.tally.bootstrap.TallyConfig;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tally serve}: runs the HTTP API until the process is stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the HTTP API until stopped.",
      "By default it listens on http://127.0.0.1:8080 and keeps its data in an embedded PostgreSQL"
          + " in ./data/tally, which it holds while it runs: other commands on that folder exit 10."
    },
    footerHeading = CommandGroup.EXAMPLE,
    footer = "  tally serve --demo --port 8080")
public final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--demo",
      description = "Load the example catalogue first and print an admin key (unless configured).")
  boolean demo;

  @Option(names = "--port", description = "Listen on this port (overrides server.port).")
  Integer port;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    TallyConfig loaded = config.load();
    if (port != null) {
      loaded = loaded.withServer(loaded.server().withPort(port));
    }
    Serving serving = Serving.start(loaded, demo);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  serving.close();
                  stopped.countDown();
                },
                "tally-shutdown"));
    serving.adminKeyLine().ifPresent(out::println);
    out.println("tally serving on http://" + loaded.server().host() + ":" + serving.port());
    out.flush();
    stopped.await();
    return 0;
  }
}
