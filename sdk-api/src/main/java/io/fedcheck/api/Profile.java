package io.fedcheck.api;

/** Which kind of Microsoft edge the peer must satisfy. */
public enum Profile {
  /**
   * An on-premises Lync / Skype for Business edge: a private root imported into its trust store is
   * acceptable.
   */
  ON_PREMISES,
  /** Microsoft 365 / Teams ({@code sipfed.online.lync.com}): a public CA is mandatory. */
  MICROSOFT_365
}
