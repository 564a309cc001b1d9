package dev.dbq.processor.testing;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * A class loader over a compilation's class files, so tests run the generated code for real. Its
 * parent is the test's loader: the runtime API and {@link CallLog} are shared with the test.
 */
public final class CompiledClasses extends ClassLoader {
  private final Compilation compilation;

  /**
   * @param compilation a successful compilation
   */
  public CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    this.compilation = compilation;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String path = name.replace('.', '/') + ".class";
    JavaFileObject file =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, path)
            .orElseThrow(() -> new ClassNotFoundException(name));
    try (InputStream in = file.openInputStream()) {
      byte[] bytes = in.readAllBytes();
      return defineClass(name, bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Calls a public static no-arg method.
   *
   * @param className the class
   * @param method the method
   * @return what it returned
   */
  public Object callStatic(String className, String method) {
    try {
      return loadClass(className).getMethod(method).invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("could not call " + className + "." + method + "()", e);
    }
  }
}
