package dev.dbq.processor;

import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Finds a class on the class path that a generated {@code Jobs} or catalog would shadow: one
 * compiled apart from this compilation, such as the generated code of another module in the same
 * package, or a hand-written {@code Jobs} in the package {@code -Adbq.package} names. Both would be
 * on the run-time class path, and only one of each name is ever loaded, so jobs (or a user's class)
 * would vanish without a word.
 *
 * <p>Not a clash: a class of this compilation's sources (the {@code Filer} refuses to recreate it
 * and that is reported as such), and this compilation's own earlier output in its class output
 * directory (a rebuild that was not cleaned).
 */
final class ClassPathClash {
  private final Elements elements;
  private final Filer filer;
  private final Trees trees;

  private ClassPathClash(Elements elements, Filer filer, Trees trees) {
    this.elements = elements;
    this.filer = filer;
    this.trees = trees;
  }

  static ClassPathClash create(ProcessingEnvironment env) {
    Trees trees;
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException notJavac) {
      trees = null; // without javac's trees, sources and class files cannot be told apart
    }
    return new ClassPathClash(env.getElementUtils(), env.getFiler(), trees);
  }

  /**
   * @param packageName where the generated classes go
   * @param simpleNames their simple names
   * @return the canonical name of the first class that one of them would shadow
   */
  Optional<String> find(String packageName, List<String> simpleNames) {
    if (trees == null) {
      return Optional.empty();
    }
    for (String simple : simpleNames) {
      String name = packageName.isEmpty() ? simple : packageName + "." + simple;
      TypeElement existing = elements.getTypeElement(name);
      if (existing != null
          && trees.getPath(existing) == null
          && !inClassOutput(packageName, simple)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  private boolean inClassOutput(String packageName, String simple) {
    try {
      FileObject file =
          filer.getResource(StandardLocation.CLASS_OUTPUT, packageName, simple + ".class");
      try (InputStream in = file.openInputStream()) {
        return in != null;
      }
    } catch (IOException | IllegalArgumentException | UnsupportedOperationException absent) {
      return false;
    }
  }
}
