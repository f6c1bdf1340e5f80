package io.fedcheck.api;

/** How much a {@link Finding} matters for federation. */
public enum Severity {
  /** Federation is broken: a Microsoft edge will refuse or time out. */
  ERROR,
  /** Federation works today but is fragile or breaks with some peers. */
  WARNING,
  /** A fact worth showing; changes nothing about the verdict. */
  INFO
}
