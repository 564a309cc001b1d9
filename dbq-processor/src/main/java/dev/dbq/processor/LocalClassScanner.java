package dev.dbq.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.dbq.processor.validation.Message;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Finds dbq annotations in local and anonymous classes. javac hands processors no element inside a
 * method body, so such a {@code @Job} would be silently ignored; this reads the source trees
 * instead (javac's tree API; with another compiler the check is skipped) and reports each on its
 * line. Method bodies are not attributed during processing, so annotations are matched by name:
 * {@code dev.dbq.annotation.X}, or {@code X} in a file that imports it or {@code
 * dev.dbq.annotation.*}.
 */
final class LocalClassScanner {
  private static final String PACKAGE = "dev.dbq.annotation";
  private static final Set<String> ANNOTATIONS =
      Set.of("Job", "Step", "CreationHook", "PreStepHook", "PostStepHook", "FailureHook");

  private final Trees trees;

  private LocalClassScanner(Trees trees) {
    this.trees = trees;
  }

  static LocalClassScanner create(ProcessingEnvironment env) {
    try {
      return new LocalClassScanner(Trees.instance(env));
    } catch (IllegalArgumentException notJavac) {
      return new LocalClassScanner(null);
    }
  }

  /**
   * Reports every dbq annotation in a local or anonymous class of the given root elements.
   *
   * @param roots the round's root elements
   */
  void report(Set<? extends Element> roots) {
    if (trees == null) {
      return;
    }
    for (Element root : roots) {
      if (root instanceof TypeElement) {
        TreePath path = trees.getPath(root);
        if (path != null) {
          new Scanner(path.getCompilationUnit()).scan(path, false);
        }
      }
    }
  }

  private final class Scanner extends TreePathScanner<Void, Boolean> {
    private final CompilationUnitTree unit;

    Scanner(CompilationUnitTree unit) {
      this.unit = unit;
    }

    @Override
    public Void visitClass(ClassTree node, Boolean insideLocal) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      boolean local =
          insideLocal || !(parent instanceof ClassTree || parent instanceof CompilationUnitTree);
      if (local) {
        String className =
            node.getSimpleName().length() == 0
                ? "an anonymous class"
                : node.getSimpleName().toString();
        check(node.getModifiers(), className);
        for (Tree member : node.getMembers()) {
          if (member instanceof MethodTree method) {
            check(method.getModifiers(), method.getName().toString());
          }
        }
      }
      return super.visitClass(node, local);
    }

    private void check(ModifiersTree modifiers, String owner) {
      for (AnnotationTree annotation : modifiers.getAnnotations()) {
        String name = annotation.getAnnotationType().toString();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        if (ANNOTATIONS.contains(simple)
            && (name.equals(PACKAGE + "." + simple) || (name.equals(simple) && imports(simple)))) {
          trees.printMessage(
              Diagnostic.Kind.ERROR,
              Message.LOCAL_CLASS_JOB.format(simple, owner),
              annotation,
              unit);
        }
      }
    }

    private boolean imports(String simple) {
      for (ImportTree i : unit.getImports()) {
        String imported = i.getQualifiedIdentifier().toString();
        if (!i.isStatic()
            && (imported.equals(PACKAGE + "." + simple) || imported.equals(PACKAGE + ".*"))) {
          return true;
        }
      }
      return unit.getPackageName() != null && unit.getPackageName().toString().equals(PACKAGE);
    }
  }
}
