package dev.dbq.processor;

import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.dbq.processor.validation.Message;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** What the processor's compile tests share: their sources, and two checks of a compilation. */
final class TestSources {
  private TestSources() {}

  /**
   * A source in package {@code test}: the package on line 1, {@code imports} on line 2, then the
   * body, so that the lines a test names stay put.
   */
  static JavaFileObject source(String imports, String simpleName, String... body) {
    String[] lines = new String[body.length + 2];
    lines[0] = "package test;";
    lines[1] = imports;
    System.arraycopy(body, 0, lines, 2, body.length);
    return JavaFileObjects.forSourceLines("test." + simpleName, lines);
  }

  /** No diagnostic of the compilation points into a file the processor generated. */
  static void assertNoDiagnosticInGeneratedCode(Compilation compilation) {
    for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      if (d.getSource() != null) {
        assertThat(d.getSource().toUri().toString()).doesNotContain("SOURCE_OUTPUT");
      }
    }
  }

  /** The processor never reported that it failed unexpectedly. */
  static void assertNoProcessorFailure(Compilation compilation) {
    String failure = Message.UNEXPECTED_FAILURE.pattern();
    String prefix = failure.substring(0, failure.indexOf("%s"));
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      assertThat(d.getMessage(Locale.ROOT)).doesNotContain(prefix);
    }
  }
}
