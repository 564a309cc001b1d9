package dev.dbq.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.dbq.processor.testing.JobSources;
import dev.dbq.processor.testing.SourceGenerator;
import dev.dbq.processor.validation.Message;
import org.junit.jupiter.api.Test;

/** A job that another processor generates after {@code Jobs} was written is an error. */
class LateRoundJobTest {

  @Test
  void jobFromALaterRoundIsReported() {
    Compilation compilation =
        compileWithLateSource(
            "package com.example.late;\n"
                + "public class Late {\n"
                + "  @dev.dbq.annotation.Job(name = \"late\")\n"
                + "  public static void run(dev.dbq.runtime.JobContext job) {}\n"
                + "}\n");
    assertThat(compilation).hadErrorContaining(Message.LATE_ROUND_JOB.format("late"));
  }

  @Test
  void strayStepFromALaterRoundIsStillReported() {
    Compilation compilation =
        compileWithLateSource(
            "package com.example.late;\n"
                + "public class Late {\n"
                + "  @dev.dbq.annotation.Step(order = 1)\n"
                + "  public static void run(dev.dbq.runtime.JobContext job) {}\n"
                + "}\n");
    assertThat(compilation)
        .hadErrorContaining(Message.STEP_OUTSIDE_JOB.format("run", "com.example.late.Late"));
  }

  private static Compilation compileWithLateSource(String source) {
    return Compiler.javac()
        // a processor for "*" runs before dbq, which claims rounds that hold only its annotations
        .withProcessors(new SourceGenerator("com.example.late.Late", source), new DbqProcessor())
        .compile(JobSources.all());
  }
}
