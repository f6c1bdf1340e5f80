package io.fedcheck.apiguard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A text dump of the public and protected signatures of the classes in some packages: one line per
 * type, constructor, method and field, sorted, so that a change to the API shows as a line in a diff.
 *
 * <p>Until fedcheck has a released version, japicmp and revapi have nothing to compare against; a
 * signature dump checked into the repository gives the same guarantee (an API change cannot go
 * unnoticed in review) with no baseline artifact.
 */
final class ApiSignatures {
  private ApiSignatures() {}

  /** The dump of every class under {@code packagePrefix} found where {@code anchor} was loaded from. */
  static String ofPackage(Class<?> anchor, String packagePrefix) {
    List<Class<?>> classes = new ArrayList<>();
    for (String name : classNames(anchor, packagePrefix)) {
      try {
        classes.add(Class.forName(name, false, anchor.getClassLoader()));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("listed but not loadable: " + name, e);
      }
    }
    return of(classes);
  }

  /** The dump of the given classes (those that are not visible outside their package are left out). */
  static String of(List<Class<?>> classes) {
    TreeSet<String> lines = new TreeSet<>();
    for (Class<?> type : classes) {
      if (!isExported(type)) {
        continue;
      }
      String owner = type.getName();
      lines.add(owner + " : " + describeType(type));
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (isVisible(c.getModifiers())) {
          lines.add(owner + " # " + c.toGenericString());
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (isVisible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
          lines.add(owner + " # " + m.toGenericString());
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (isVisible(f.getModifiers()) && !f.isSynthetic()) {
          lines.add(owner + " # " + f.toGenericString());
        }
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static String describeType(Class<?> type) {
    StringBuilder s = new StringBuilder(Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE));
    s.append(type.isRecord() ? " record" : type.isEnum() ? " enum" : type.isAnnotation() ? " @interface"
        : type.isInterface() ? " interface" : " class");
    if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
        && !type.isRecord()) {
      s.append(" extends ").append(type.getGenericSuperclass().getTypeName());
    }
    String interfaces = Arrays.stream(type.getGenericInterfaces()).map(t -> t.getTypeName())
        .collect(Collectors.joining(", "));
    if (!interfaces.isEmpty()) {
      s.append(type.isInterface() ? " extends " : " implements ").append(interfaces);
    }
    if (type.isSealed()) {
      s.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName)
          .sorted().collect(Collectors.joining(", ")));
    }
    return s.toString().trim();
  }

  private static boolean isExported(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic() || !isVisible(c.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isVisible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  private static List<String> classNames(Class<?> anchor, String packagePrefix) {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    String prefix = packagePrefix.replace('.', '/') + "/";
    try {
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          return files.map(p -> location.relativize(p).toString().replace('\\', '/'))
              .filter(n -> n.startsWith(prefix) && n.endsWith(".class") && !n.endsWith("package-info.class"))
              .map(ApiSignatures::className).sorted().toList();
        }
      }
      try (JarFile jar = new JarFile(location.toFile())) {
        return jar.stream().map(e -> e.getName())
            .filter(n -> n.startsWith(prefix) && n.endsWith(".class") && !n.endsWith("package-info.class"))
            .map(ApiSignatures::className).sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String className(String path) {
    return path.substring(0, path.length() - ".class".length()).replace('/', '.');
  }
}
