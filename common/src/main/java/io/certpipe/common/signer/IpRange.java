package io.certpipe.common.signer;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); an address without
 * prefix length is a block of one. Addresses are read as literals only, never looked up in DNS.
 */
public final class IpRange {

    /** Every IPv4 and every IPv6 address, as two ranges. */
    public static final String ANY_IPV4 = "0.0.0.0/0";
    public static final String ANY_IPV6 = "::/0";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final int addressBits;
    private final int prefixLength;
    private final BigInteger prefix;

    private IpRange(byte[] network, int prefixLength) {
        this.addressBits = network.length * Byte.SIZE;
        this.prefixLength = prefixLength;
        this.prefix = prefixOf(network);
    }

    /** Reads {@code cidr}; the address must be the first of its block (no bits set after the prefix). */
    public static IpRange parse(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] address = address(slash < 0 ? cidr : cidr.substring(0, slash));
        int prefixLength = address.length * Byte.SIZE;
        if (slash >= 0) {
            try {
                prefixLength = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' has no numeric prefix length");
            }
            if (prefixLength < 0 || prefixLength > address.length * Byte.SIZE) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length out of range");
            }
        }
        BigInteger value = new BigInteger(1, address);
        if (value.signum() != 0 && value.getLowestSetBit() < address.length * Byte.SIZE - prefixLength) {
            throw new IllegalArgumentException("'" + cidr + "' has address bits set after its prefix; the block "
                    + "starts at another address");
        }
        return new IpRange(address, prefixLength);
    }

    /** The bytes of an IPv4 or IPv6 literal. */
    public static byte[] address(String literal) {
        Matcher ipv4 = IPV4.matcher(literal);
        if (ipv4.matches()) {
            byte[] octets = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(ipv4.group(i + 1));
                if (octet > 255) {
                    throw new IllegalArgumentException("'" + literal + "' is not an IPv4 address");
                }
                octets[i] = (byte) octet;
            }
            return octets;
        }
        // A string with a colon is only ever parsed as an IPv6 literal, never resolved; zone ids are refused.
        if (!literal.contains(":") || literal.contains("%")) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IPv6 address");
        }
    }

    /** Whether the address {@code literal} (as {@code ParsedRequest} writes it) lies in this block. */
    public boolean contains(String literal) {
        byte[] address = address(literal);
        return address.length * Byte.SIZE == addressBits && prefixOf(address).equals(prefix);
    }

    private BigInteger prefixOf(byte[] address) {
        return new BigInteger(1, address).shiftRight(addressBits - prefixLength);
    }
}
