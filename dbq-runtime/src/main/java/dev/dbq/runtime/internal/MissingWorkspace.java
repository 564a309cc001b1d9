package dev.dbq.runtime.internal;

import dev.dbq.runtime.JobDefinition;

/** The message for a job with a typed workspace enqueued without one (from code or the CLI). */
public final class MissingWorkspace {
  private MissingWorkspace() {}

  /**
   * The first half of the message for a typed job enqueued without its workspace; callers add how
   * to give one.
   *
   * @param definition a job with a typed workspace
   * @return {@code job 'fulfil_order' needs a workspace of type shop.Order}
   */
  public static String of(JobDefinition definition) {
    Class<?> type = definition.workspaceType().orElseThrow();
    String typeName = type.getCanonicalName() != null ? type.getCanonicalName() : type.getName();
    return "job '" + definition.name() + "' needs a workspace of type " + typeName;
  }
}
