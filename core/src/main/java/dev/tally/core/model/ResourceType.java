package dev.tally.core.model;

/** What kind of resource a product binds (code set {@code resource_type}). */
public enum ResourceType implements Codes.Coded {
  /** A large language model (an llmage model). */
  LLM("llm"),
  /** An upstream API (a uapi entry). */
  UAPI("uapi"),
  /** Retrieval over a knowledge base. */
  RAG("rag"),
  /** Storage. */
  STORAGE("storage"),
  /** Compute time. */
  COMPUTE("compute"),
  /** Anything else. */
  OTHER("other");

  private final String code;

  ResourceType(String code) {
    this.code = code;
  }

  /** The code stored in the database and used in the API. */
  @Override
  public String code() {
    return code;
  }

  public static ResourceType fromCode(String code) {
    return Codes.parse(ResourceType.class, code, "resource_type");
  }
}
