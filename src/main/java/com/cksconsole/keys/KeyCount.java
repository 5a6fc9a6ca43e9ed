package com.cksconsole.keys;

/**
 * How many KMS keys a store holds, and how many of them are enabled (what a disconnect
 * would make unusable at once).
 */
public record KeyCount(int total, int enabled) {

    public static final KeyCount NONE = new KeyCount(0, 0);

}
