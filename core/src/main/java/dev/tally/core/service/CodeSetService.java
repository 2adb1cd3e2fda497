package dev.tally.core.service;

import dev.tally.core.model.CodeSet;
import dev.tally.core.port.in.CodeSets;
import java.util.List;

/** Reads the code sets from storage. */
final class CodeSetService implements CodeSets {
  private final Environment env;

  CodeSetService(Environment env) {
    this.env = env;
  }

  @Override
  public List<CodeSet> all() {
    return env.unitOfWork().inTransaction(repos -> repos.codeSets().all());
  }
}
