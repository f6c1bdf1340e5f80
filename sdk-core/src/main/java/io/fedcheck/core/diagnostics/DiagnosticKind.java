package io.fedcheck.core.diagnostics;

/** What kind of pasted text an {@link Explanation} was read from. */
public enum DiagnosticKind {
  /** An {@code ms-diagnostics:} (or {@code ms-diagnostics-public:}) header of a SIP response. */
  MS_DIAGNOSTICS_HEADER,
  /** A Lync / Skype for Business Edge server diagnostic record ({@code $$begin_record}). */
  EDGE_RECORD,
  /**
   * A {@code SIP/2.0 504 Server time-out} without an {@code ms-diagnostics} header, as an
   * Expressway-E diagnostic log shows it: the reason is only in the Microsoft edge's log.
   */
  SIP_504_WITHOUT_DIAGNOSTICS,
  /** A SIP INVITE: which domain a Microsoft edge will look up for it. */
  SIP_INVITE
}
