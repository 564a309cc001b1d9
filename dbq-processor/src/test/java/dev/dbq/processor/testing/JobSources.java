package dev.dbq.processor.testing;

import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;

/**
 * A representative job set spread over three packages (so {@code Jobs} lands in their common
 * package {@code com.example}): a multi-step class job with a typed record workspace, all four
 * hooks and a step timeout, a single-method job with the untyped map workspace, and a method job
 * with a mutable bean workspace.
 */
public final class JobSources {
  private JobSources() {}

  /** The record workspace of {@code import_cats}. */
  public static final JavaFileObject CAT_BATCH =
      JavaFileObjects.forSourceLines(
          "com.example.cats.CatBatch",
          "package com.example.cats;",
          "",
          "public record CatBatch(String source, int count) {}");

  /** A class job: package-private class, instance and static steps, all hooks. */
  public static final JavaFileObject IMPORT_CATS =
      JavaFileObjects.forSourceLines(
          "com.example.cats.ImportCats",
          "package com.example.cats;",
          "",
          "import dev.dbq.annotation.CreationHook;",
          "import dev.dbq.annotation.FailureHook;",
          "import dev.dbq.annotation.Job;",
          "import dev.dbq.annotation.PostStepHook;",
          "import dev.dbq.annotation.PreStepHook;",
          "import dev.dbq.annotation.Step;",
          "import dev.dbq.processor.testing.CallLog;",
          "import dev.dbq.runtime.JobContext;",
          "",
          "@Job(name = \"import_cats\", queue = \"imports\", priority = 5, maxAttempts = 3)",
          "class ImportCats {",
          "  @Step(order = 1, timeout = \"1m30s\")",
          "  CatBatch fetch(JobContext job, CatBatch batch) {",
          "    CallLog.record(\"fetch \" + job.name());",
          "    return new CatBatch(batch.source(), batch.count() + 10);",
          "  }",
          "",
          "  @Step(order = 2)",
          "  static void store(CatBatch batch) {",
          "    CallLog.record(\"store \" + batch.count());",
          "  }",
          "",
          "  @CreationHook",
          "  static CatBatch normalize(CatBatch batch) {",
          "    return new CatBatch(batch.source().strip(), batch.count());",
          "  }",
          "",
          "  @PreStepHook",
          "  void before(JobContext job) {",
          "    CallLog.record(\"before \" + job.step());",
          "  }",
          "",
          "  @PostStepHook",
          "  void after(JobContext job) {",
          "    CallLog.record(\"after \" + job.step());",
          "  }",
          "",
          "  @FailureHook",
          "  static void failed(CatBatch batch, Exception failure) {",
          "    CallLog.record(\"failed \" + batch.source() + \": \" + failure.getMessage());",
          "  }",
          "}");

  /** A single-method job with the untyped workspace, in another package. */
  public static final JavaFileObject MAIL =
      JavaFileObjects.forSourceLines(
          "com.example.mail.Mail",
          "package com.example.mail;",
          "",
          "import dev.dbq.annotation.Job;",
          "import dev.dbq.processor.testing.CallLog;",
          "import dev.dbq.runtime.JobContext;",
          "import java.util.Map;",
          "",
          "public class Mail {",
          "  @Job(name = \"send-digest\", queue = \"mail\")",
          "  static void sendDigest(JobContext job, Map<String, Object> workspace) {",
          "    CallLog.record(\"digest to \" + workspace.get(\"to\"));",
          "    workspace.put(\"sent\", true);",
          "  }",
          "}");

  /** A mutable bean workspace, changed in place by a void step. */
  public static final JavaFileObject REPORT_STATE =
      JavaFileObjects.forSourceLines(
          "com.example.reports.ReportState",
          "package com.example.reports;",
          "",
          "public class ReportState {",
          "  private int pages;",
          "",
          "  public int getPages() {",
          "    return pages;",
          "  }",
          "",
          "  public void setPages(int pages) {",
          "    this.pages = pages;",
          "  }",
          "}");

  /** A method job on an instance method, with a bean workspace. */
  public static final JavaFileObject REPORTS =
      JavaFileObjects.forSourceLines(
          "com.example.reports.Reports",
          "package com.example.reports;",
          "",
          "import dev.dbq.annotation.Job;",
          "",
          "public class Reports {",
          "  @Job(name = \"report.build\", priority = -1)",
          "  public void build(ReportState state) {",
          "    state.setPages(state.getPages() + 1);",
          "  }",
          "}");

  /** Every source of the set. */
  public static JavaFileObject[] all() {
    return new JavaFileObject[] {CAT_BATCH, IMPORT_CATS, MAIL, REPORT_STATE, REPORTS};
  }
}
