package io.fedcheck.cli.options;

import io.fedcheck.api.Profile;

/** The edge profiles of {@code --profile}, spelled for the command line. */
public enum ProfileChoice implements CliChoice {
  ON_PREMISES("on-premises", Profile.ON_PREMISES),
  MICROSOFT_365("microsoft365", Profile.MICROSOFT_365);

  private final String cliName;
  private final Profile profile;

  ProfileChoice(String cliName, Profile profile) {
    this.cliName = cliName;
    this.profile = profile;
  }

  @Override
  public String cliName() {
    return cliName;
  }

  public Profile profile() {
    return profile;
  }

  public static final class Converter extends CliChoice.Converter<ProfileChoice> {
    Converter() {
      super(ProfileChoice.class);
    }
  }
}
