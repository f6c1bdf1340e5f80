package io.fedcheck.cli.plan;

import io.fedcheck.cli.options.TextStyle;
import io.fedcheck.core.plan.EdgePlan;
import io.fedcheck.core.plan.PlanDiscrepancy;
import java.io.PrintWriter;
import java.util.List;

/**
 * Writes a plan and its verifications as zone-file text: the records as they are, everything else
 * as {@code ;} comments, so the whole output can be pasted into a zone. Stateless.
 */
final class PlanText {
  private PlanText() {}

  static void writePlan(PrintWriter out, EdgePlan plan) {
    out.print(plan.toZoneFile());
    out.println();
    out.println("; The edge certificate must name every SRV target in its subjectAltName (dNSName) list,");
    out.println("; with extended key usage serverAuth and clientAuth (federation is mutual TLS):");
    for (String san : plan.subjectAltNames()) {
      out.println(";   DNS:" + san);
    }
  }

  static void writeVerification(PrintWriter out, String what, List<PlanDiscrepancy> discrepancies) {
    out.println();
    if (discrepancies.isEmpty()) {
      out.println("; " + TextStyle.clean(what) + ": complete, nothing is missing from the plan");
      return;
    }
    out.println("; " + TextStyle.clean(what) + ": " + discrepancies.size()
        + (discrepancies.size() == 1 ? " difference" : " differences") + " from the plan");
    for (PlanDiscrepancy d : discrepancies) {
      out.println(";   " + d.kind().name() + "  " + TextStyle.clean(d.name())
          + d.ruleIfAny().map(r -> "  [" + r.name() + "]").orElse(""));
      out.println(";     " + TextStyle.clean(d.message()));
    }
  }
}
