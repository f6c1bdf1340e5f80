package io.fedcheck.core.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ordered key/value evidence for findings; values are kept short so that reports stay readable. */
final class Evidence {
  private static final int MAX_LISTED = 10;

  private Evidence() {}

  /** An ordered map from alternating keys and values. */
  static Map<String, String> of(String... keysAndValues) {
    LinkedHashMap<String, String> m = new LinkedHashMap<>(keysAndValues.length);
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** A comma-separated list, cut after ten entries; control characters are escaped. */
  static String list(List<String> values) {
    if (values.isEmpty()) {
      return "(none)";
    }
    StringBuilder b = new StringBuilder();
    int n = Math.min(values.size(), MAX_LISTED);
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(printable(values.get(i)));
    }
    if (values.size() > n) {
      b.append(", … (").append(values.size() - n).append(" more)");
    }
    return b.toString();
  }

  /** The text with control characters (such as a NUL hidden in a certificate name) escaped. */
  static String printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int j = 0; j < s.length(); j++) {
          char c = s.charAt(j);
          if (Character.isISOControl(c)) {
            b.append(String.format("\\u%04X", (int) c));
          } else {
            b.append(c);
          }
        }
        return b.toString();
      }
    }
    return s;
  }
}
