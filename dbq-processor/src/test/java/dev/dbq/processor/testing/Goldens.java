package dev.dbq.processor.testing;

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Golden files, compared byte for byte: {@code src/test/resources/goldens/<TestClass>/<method>/
 * <fqcn>.java}.
 *
 * <p>To regenerate them after an intended change of the generated code, run the tests with {@code
 * -Ddbq.updateGoldens=true} and review the diff:
 *
 * <pre>mvn -B -q verify -pl dbq-processor -am -Ddbq.updateGoldens=true</pre>
 */
public final class Goldens {
  private static final Path ROOT = Path.of("src", "test", "resources", "goldens");
  private static final boolean UPDATE = Boolean.getBoolean("dbq.updateGoldens");

  private Goldens() {}

  /**
   * Asserts that a generated source equals its golden file, or rewrites the golden in update mode.
   *
   * @param compilation a successful compilation
   * @param testClass the test class, naming the golden folder
   * @param method the test method, naming the sub-folder
   * @param qualifiedName the generated class, e.g. {@code com.example.Jobs}
   */
  public static void assertGolden(
      Compilation compilation, Class<?> testClass, String method, String qualifiedName) {
    String path = qualifiedName.replace('.', '/') + ".java";
    JavaFileObject file =
        compilation
            .generatedFile(StandardLocation.SOURCE_OUTPUT, path)
            .orElseThrow(() -> new AssertionError("not generated: " + path));
    String actual;
    try {
      actual = file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path golden =
        ROOT.resolve(testClass.getSimpleName()).resolve(method).resolve(qualifiedName + ".java");
    try {
      if (UPDATE) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
        return;
      }
      assertWithMessage("golden %s (regenerate with -Ddbq.updateGoldens=true)", golden)
          .that(actual)
          .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
