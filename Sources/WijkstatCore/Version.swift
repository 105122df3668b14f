/// wijkstat's version, written into every output's provenance.
public enum WijkstatVersion {
  public static let current = "0.1.0"
}
