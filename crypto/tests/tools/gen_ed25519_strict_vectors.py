#!/usr/bin/env python3
"""Regenerates the "strictness" section of tests/vectors/ed25519_rfc8032.json.

A slow, independent Ed25519 over Python integers (RFC 8032 section 5.1, written
from the formulas): it crafts signatures that the bare cofactorless equation
accepts but libsodium's checks refuse (S >= L, small-order R, small-order or
non-canonical keys), and predicts for each one what libsodium 1.0.18 and
Crypto++'s unchecked donna code do. The C++ test (crypto/tests/ed25519_test.cc)
holds both libraries and both cbec backends to these predictions.

Usage: gen_ed25519_strict_vectors.py > /tmp/strict.json, then paste the list.
"""
import hashlib
import json
import sys

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = (-121665 * pow(121666, P - 2, P)) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)
IDENTITY = (0, 1)


def inv(x):
    return pow(x, P - 2, P)


def add(p1, p2):
    (x1, y1), (x2, y2) = p1, p2
    t = D * x1 * x2 * y1 * y2 % P
    return ((x1 * y2 + y1 * x2) * inv(1 + t) % P, (y1 * y2 + x1 * x2) * inv(1 - t) % P)


def neg(pt):
    return ((-pt[0]) % P, pt[1])


def mul(k, pt):
    acc = IDENTITY
    while k > 0:
        if k & 1:
            acc = add(acc, pt)
        pt = add(pt, pt)
        k >>= 1
    return acc


def encode(pt):
    x, y = pt
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def decode(b, strict):
    """The point, or None. strict: RFC 8032 (y < p, no -0); else y mod p as donna."""
    v = int.from_bytes(b, "little")
    y, sign = v & (2**255 - 1), v >> 255
    if y >= P:
        if strict:
            return None
        y -= P
    x2 = (y * y - 1) * inv(D * y * y + 1) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P != 0:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P != 0:
        return None
    if strict and x == 0 and sign:
        return None
    if (x & 1) != sign:
        x = (-x) % P
    return (x, y)


B = decode((4 * inv(5) % P).to_bytes(32, "little"), True)


def order_divides(pt, n):
    return mul(n, pt) == IDENTITY


def h_int(*parts):
    return int.from_bytes(hashlib.sha512(b"".join(parts)).digest(), "little")


def secret(seed):
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return a, h[32:]


def sign(seed, msg):
    a, prefix = secret(seed)
    pk = encode(mul(a, B))
    r = h_int(prefix, msg) % L
    rb = encode(mul(r, B))
    k = h_int(rb, pk, msg) % L
    return pk, rb + ((r + k * a) % L).to_bytes(32, "little")


def equation_holds(pk, msg, sig, strict):
    """[S]B == R + [k]A as bytes (cofactorless), S taken mod L as donna does."""
    a_pt = decode(pk, strict)
    if a_pt is None:
        return False
    s = int.from_bytes(sig[32:], "little") % L
    k = h_int(sig[:32], pk, msg) % L
    return encode(add(mul(s, B), neg(mul(k, a_pt)))) == sig[:32]


SMALL_ORDER = {}  # name -> canonical encoding
for name, y in [("identity", 1), ("order2", P - 1), ("order4", 0)]:
    for sign_bit in (0, 1):
        pt = decode((y | (sign_bit << 255)).to_bytes(32, "little"), True)
        if pt is not None:
            SMALL_ORDER[name + ("_neg" if sign_bit else "")] = encode(pt)


def find_order8():
    y = 2
    while True:
        pt = decode(y.to_bytes(32, "little"), True)
        if pt is not None:
            t = mul(L, pt)  # kills the prime-order part
            if not order_divides(t, 4):
                return t
        y += 1


T8 = find_order8()
for i, pt in enumerate([T8, mul(3, T8), mul(5, T8), mul(7, T8)]):
    SMALL_ORDER["order8_%d" % i] = encode(pt)
assert len(set(SMALL_ORDER.values())) == 8


def libsodium_accepts(pk, msg, sig):
    """libsodium 1.0.18 crypto_sign_verify_detached without ED25519_COMPAT."""
    s = int.from_bytes(sig[32:], "little")
    if s >= L or has_small_order(sig[:32]):
        return False
    if not canonical(pk) or has_small_order(pk):
        return False
    return equation_holds(pk, msg, sig, strict=False)


def canonical(b):
    return (int.from_bytes(b, "little") & (2**255 - 1)) < P


def has_small_order(b):
    v = int.from_bytes(b, "little") & (2**255 - 1)  # sign bit ignored
    low = {int.from_bytes(e, "little") & (2**255 - 1) for e in SMALL_ORDER.values()}
    return v in low or v in (P, P + 1)


def donna_accepts(pk, msg, sig):
    """Crypto++ Donna::ed25519_sign_open: only S < 2^253 and a decodable key."""
    if sig[63] & 224:
        return False
    return equation_holds(pk, msg, sig, strict=False)


def strict_key(pk):
    pt = decode(pk, True)
    return pt is not None and pt != IDENTITY and not order_divides(pt, 8) and order_divides(pt, L)


def case(name, reason, pk, msg, sig):
    return {
        "name": name, "reason": reason, "public_key": pk.hex(), "message": msg.hex(),
        "signature": sig.hex(), "public_key_accepted": strict_key(pk),
        "libsodium_accepts": libsodium_accepts(pk, msg, sig),
        "donna_unchecked_accepts": donna_accepts(pk, msg, sig),
    }


def search(pk, r_enc, s_bytes, prefix):
    """A message for which R = [S]B - [k]A holds with this key."""
    for i in range(1000):
        msg = prefix + str(i).encode()
        if equation_holds(pk, msg, r_enc + s_bytes, strict=False):
            return msg
    raise RuntimeError("no message found")


def main():
    seed1 = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    pk1, sig1 = sign(seed1, b"")
    assert pk1.hex().startswith("d75a9801") and sig1.hex().startswith("e5564300")
    a1, _ = secret(seed1)
    s1 = int.from_bytes(sig1[32:], "little")
    out = []
    out.append(case("s_plus_l", "S + L: the same S mod L, but S >= L (malleability)",
                    pk1, b"", sig1[:32] + (s1 + L).to_bytes(32, "little")))
    out.append(case("s_equals_l", "S = L", pk1, b"", sig1[:32] + L.to_bytes(32, "little")))
    out.append(case("s_high_bit", "S with bit 255 set", pk1, b"",
                    sig1[:32] + (s1 | (1 << 255)).to_bytes(32, "little")))
    zero = bytes(32)
    msg = b"cbec small-order R"
    for name, r_enc in SMALL_ORDER.items():
        k = h_int(r_enc, pk1, msg) % L
        sig = r_enc + (k * a1 % L).to_bytes(32, "little")  # [S]B - [k]A = identity
        out.append(case("small_order_r_" + name, "R of small order (S chosen so that "
                        "[S]B - [k]A is the identity)", pk1, msg, sig))
    ident = SMALL_ORDER["identity"]
    for name, a_enc in SMALL_ORDER.items():
        m = search(a_enc, ident, zero, b"cbec small-order key ")
        out.append(case("small_order_key_" + name, "public key of small order; R = identity, "
                        "S = 0 satisfy the equation", a_enc, m, ident + zero))
    for c in range(19):
        for sign_bit in (0, 1):
            enc = ((P + c) | (sign_bit << 255)).to_bytes(32, "little")
            tag = "y_p_plus_%d%s" % (c, "_neg" if sign_bit else "")
            if decode(enc, strict=False) is None:
                continue  # not a point at all, even reduced
            out.append(case("noncanonical_key_" + tag, "public key with y >= p",
                            enc, b"cbec", ident + zero))
            k = h_int(enc, pk1, b"cbec") % L
            out.append(case("noncanonical_r_" + tag, "R with y >= p", pk1, b"cbec",
                            enc + (k * a1 % L).to_bytes(32, "little")))
    # A mixed-order key: canonical, not of small order, but outside the prime
    # subgroup. libsodium's verify accepts it; PublicKey::FromBytes does not.
    a2, prefix2 = secret(b"cbec mixed-order key".ljust(32, b"\0"))
    mixed = encode(add(mul(a2, B), T8))
    for want in (True, False):
        for i in range(1000):
            m = b"cbec mixed %d" % i
            r = h_int(prefix2, m) % L
            r_enc = encode(mul(r, B))
            k = h_int(r_enc, mixed, m) % L
            sig = r_enc + ((r + k * a2) % L).to_bytes(32, "little")
            if libsodium_accepts(mixed, m, sig) == want:
                out.append(case("mixed_order_key_" + ("holds" if want else "fails"),
                                "key with a torsion component: valid iff 8 divides k", mixed, m, sig))
                break
    json.dump(out, sys.stdout, indent=2)
    print()


main()
