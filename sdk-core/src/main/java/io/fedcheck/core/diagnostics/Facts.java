package io.fedcheck.core.diagnostics;

import java.util.Map;

/** What was read from one diagnostic, before it is interpreted. Confined to one thread. */
final class Facts {
  final DiagnosticKind kind;
  final String excerpt;
  Integer code;
  String resultCode;
  String resultName;
  String hresult;
  String hresultName;
  /** Microsoft's own text: the header's {@code reason}, the record's {@code Text}. */
  String microsoftText;
  /** The certificate error detail: {@code ErrorType}, or the record's {@code info}. */
  String errorText;
  /** Cleaned parameters (header parameters, or the record's {@code Data:} plus {@code Peer}). */
  Map<String, String> params = Map.of();

  Facts(DiagnosticKind kind, String excerpt) {
    this.kind = kind;
    this.excerpt = excerpt;
  }
}
