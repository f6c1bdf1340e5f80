package io.fedcheck.apiguard;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/** Two versions of one small SPI, to show that the guard sees a changed method. */
public final class SpiFixtures {
  private SpiFixtures() {}

  /** The SPI as it was. */
  public static final class Before {
    private Before() {}

    /** An SPI method with one parameter. */
    public interface Spi {
      CompletionStage<String> resolve(String name);
    }

    static final class Hidden {
      void internalOnly() {}
    }
  }

  /** The same SPI after someone added a parameter. */
  public static final class After {
    private After() {}

    /** The method with a second parameter. */
    public interface Spi {
      CompletionStage<String> resolve(String name, Duration deadline);
    }
  }
}
