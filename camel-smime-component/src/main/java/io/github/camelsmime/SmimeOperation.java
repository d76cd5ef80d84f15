package io.github.camelsmime;

/** What an {@code smime:} endpoint does. Marshal-side operations protect, unmarshal-side operations open. */
public enum SmimeOperation {
    sign(true),
    encrypt(true),
    signEncrypt(true),
    compress(true),
    verify(false),
    decrypt(false),
    unwrap(false);

    private final boolean protecting;

    SmimeOperation(boolean protecting) {
        this.protecting = protecting;
    }

    public boolean isProtecting() {
        return protecting;
    }

    /** Accepts the URI spelling {@code sign-encrypt} as well as the enum name. */
    public static SmimeOperation fromUri(String text) {
        String normalized = text.trim();
        if (normalized.equalsIgnoreCase("sign-encrypt") || normalized.equalsIgnoreCase("signencrypt")) {
            return signEncrypt;
        }
        for (SmimeOperation op : values()) {
            if (op.name().equalsIgnoreCase(normalized)) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown smime operation '" + text
                + "'; expected sign, encrypt, sign-encrypt, compress, verify, decrypt or unwrap");
    }
}
