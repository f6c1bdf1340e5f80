package io.fedcheck.api;

import java.util.Objects;

/**
 * What a Microsoft edge shows for a problem: the {@code ms-diagnostics} code a SIP response
 * carries, the edge log's result code, and its text.
 *
 * @param msDiagnostics the {@code ms-diagnostics} code (1008, 1009, 1010, ...), or {@code null}
 * @param resultCode the edge log result code or SSPI HRESULT, upper-case hex such as {@code
 *     0xC3E93D6F}, or {@code null}
 * @param text the text Microsoft shows, never null
 */
public record MicrosoftDiagnostic(Integer msDiagnostics, String resultCode, String text) {
  public MicrosoftDiagnostic {
    Objects.requireNonNull(text, "text");
    if (msDiagnostics != null && msDiagnostics <= 0) {
      throw new IllegalArgumentException("msDiagnostics must be positive: " + msDiagnostics);
    }
    if (resultCode != null && !resultCode.matches("0x[0-9A-F]{8}")) {
      throw new IllegalArgumentException("resultCode must look like 0xC3E93D6F: " + resultCode);
    }
  }
}
