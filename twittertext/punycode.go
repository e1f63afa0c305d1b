package twittertext

import "unicode/utf8"

// labelFits reports whether punycode.toASCII(label) has 1 to 63
// characters, as isValidUrl requires. Short labels certainly fit, whatever
// their code points: each non-ASCII code point costs at most 9 punycode
// digits, so only longer ones are encoded to find out.
func labelFits(label string, lowSurrogateFirst bool) bool {
	if label == "" {
		return false
	}
	bound := 0
	for _, r := range label {
		if r < 0x80 {
			bound++
		} else {
			bound += 9
		}
	}
	if bound+5 <= maxDNSLabelLength { // "xn--" and the delimiter
		return true
	}
	n := punycodeLen(label, lowSurrogateFirst)
	return n >= 1 && n <= maxDNSLabelLength
}

// punycodeLen returns the length of punycode.toASCII(label) as twitter-text
// computes it under node: require("punycode") there loads node's own
// punycode 2.1.0, not the 1.4.1 twitter-text depends on (which leaves only
// U+0020..U+007E alone). The label is split at the IDNA separators
// (U+3002, U+FF0E, U+FF61); each part stays as it is when it is all ASCII
// (control characters included) and becomes "xn--" and its RFC 3492
// encoding otherwise.
// When lowSurrogateFirst is set the first code point is replaced by its low
// surrogate, the way JavaScript sees a label starting inside a pair.
func punycodeLen(label string, lowSurrogateFirst bool) int {
	ascii := true
	for i := 0; i < len(label); i++ {
		if label[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return len(label) // the common case, and no separator is ASCII
	}
	total := 0
	// cps never holds more than 4*maxDNSLabelLength+1 code points (see
	// below), so it never leaves this buffer for the heap.
	var buf [4*maxDNSLabelLength + 1]rune
	cps := buf[:0]
	ascii = true
	first := true
	flush := func() {
		if ascii {
			total += len(cps)
		} else {
			total += 4 + punycodeEncodedLen(cps)
		}
		cps, ascii = cps[:0], true
	}
	for _, r := range label {
		if first && lowSurrogateFirst && r >= 0x10000 {
			r = 0xDC00 + (r-0x10000)&0x3FF
		}
		first = false
		if r == 0x3002 || r == 0xFF0E || r == 0xFF61 {
			flush()
			total++
			continue
		}
		if r >= 0x80 {
			ascii = false
		}
		cps = append(cps, r)
		if len(cps) > 4*maxDNSLabelLength {
			return maxDNSLabelLength + 1 // too long whatever the encoding
		}
	}
	flush()
	return total
}

// punycodeEncodedLen is the length of the RFC 3492 encoding of cps.
func punycodeEncodedLen(cps []rune) int {
	const (
		base        = 36
		tMin        = 1
		tMax        = 26
		skew        = 38
		damp        = 700
		initialBias = 72
		initialN    = 0x80
	)
	adapt := func(delta, numPoints int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / numPoints
		k := 0
		for delta > ((base-tMin)*tMax)/2 {
			delta /= base - tMin
			k += base
		}
		return k + (base-tMin+1)*delta/(delta+skew)
	}
	out := 0
	basic := 0
	for _, r := range cps {
		if r < 0x80 {
			out++
			basic++
		}
	}
	h := basic
	if basic > 0 {
		out++ // the delimiter
	}
	n, delta, bias := initialN, 0, initialBias
	for h < len(cps) {
		m := rune(utf8.MaxRune + 1)
		for _, r := range cps {
			if int(r) >= n && r < m {
				m = r
			}
		}
		delta += (int(m) - n) * (h + 1)
		n = int(m)
		for _, r := range cps {
			if int(r) < n {
				delta++
			}
			if int(r) == n {
				q := delta
				for k := base; ; k += base {
					t := k - bias
					if t < tMin {
						t = tMin
					} else if t > tMax {
						t = tMax
					}
					if q < t {
						break
					}
					out++
					q = (q - t) / (base - t)
				}
				out++
				bias = adapt(delta, h+1, h == basic)
				delta = 0
				h++
			}
		}
		delta++
		n++
	}
	return out
}
