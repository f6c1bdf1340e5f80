package io.fedcheck.api;

import java.util.Objects;

/**
 * What a Microsoft edge shows for a problem: the {@code ms-diagnostics} code a SIP response
 * carries, the edge log's result code, the Windows SSPI status of a TLS failure, and the text.
 *
 * @param msDiagnostics the {@code ms-diagnostics} code (1008, 1009, 1010, ...), or {@code null}
 * @param resultCode the Edge server log's {@code Result-Code} (a {@code SIPPROXY_E_…} value), upper-case
 *     hex such as {@code 0xC3E93D6F}, or {@code null}
 * @param hresult the SSPI status a 1010 carries in its {@code HRESULT} parameter, such as {@code
 *     0x80090322} ({@code SEC_E_WRONG_PRINCIPAL}), or {@code null}
 * @param text the text Microsoft shows, never null
 */
public record MicrosoftDiagnostic(Integer msDiagnostics, String resultCode, String hresult, String text) {
  /**
   * Checks the diagnostic.
   *
   * @param msDiagnostics the {@code ms-diagnostics} code, positive, or {@code null}
   * @param resultCode the Edge server log's {@code Result-Code}, such as {@code 0xC3E93D6F}, or {@code null}
   * @param hresult the SSPI status, such as {@code 0x80090322}, or {@code null}
   * @param text the text Microsoft shows
   * @throws IllegalArgumentException when {@code msDiagnostics} is not positive, or a code is not
   *     {@code 0x} followed by eight upper-case hex digits
   */
  public MicrosoftDiagnostic {
    Objects.requireNonNull(text, "text");
    if (msDiagnostics != null && msDiagnostics <= 0) {
      throw new IllegalArgumentException("msDiagnostics must be positive: " + msDiagnostics);
    }
    checkHex("resultCode", resultCode);
    checkHex("hresult", hresult);
  }

  /**
   * A diagnostic without an SSPI status.
   *
   * @param msDiagnostics the {@code ms-diagnostics} code, positive, or {@code null}
   * @param resultCode the Edge server log's {@code Result-Code}, such as {@code 0xC3E93D6F}, or {@code null}
   * @param text the text Microsoft shows
   */
  public MicrosoftDiagnostic(Integer msDiagnostics, String resultCode, String text) {
    this(msDiagnostics, resultCode, null, text);
  }

  private static void checkHex(String what, String value) {
    if (value != null && !value.matches("0x[0-9A-F]{8}")) {
      throw new IllegalArgumentException(what + " must look like 0xC3E93D6F: " + value);
    }
  }
}
