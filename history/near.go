package history

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Near-duplicate detection.
//
// Method: MinHash over word shingles with LSH banding. The normalised text is
// split into words; every run of ShingleSize consecutive words is a shingle;
// the signature keeps, for each of 64 seeded hash functions, the low 8 bits
// of the smallest shingle hash (b-bit MinHash, 64 bytes a record). Two texts
// agree at one position with probability J + (1-J)/256, J the Jaccard
// similarity of their shingle sets, so the share of agreeing positions
// estimates J (standard error about 0.06 near the threshold). The first 32
// positions form 8 LSH bands of 4; Lookup only visits records sharing a
// whole band with the draft, which finds pairs at J = 0.75 with probability
// 0.95 and at J = 0.8 with 0.985, while an unrelated record is visited with
// probability about 8*2^-32.
//
// Verification: a candidate is a near-duplicate when its estimated Jaccard
// similarity is at least NearThreshold AND its number tokens (words holding
// a digit, URLs included) are the same, in the same order. Posts built from
// one template ("Tip #12: ..." / "Tip #13: ...", prices, dates, issue
// numbers) differ in exactly those tokens, and X accepts them as distinct.
//
// Short texts: with fewer than MinNearTokens words there are too few
// shingles for a meaningful estimate (one changed word of five moves the
// Jaccard similarity below 0.3), so such texts carry no signature and match
// only when identical or equal after normalisation.
const (
	// ShingleSize is the number of consecutive words in a shingle.
	ShingleSize = 3
	// MinNearTokens is the fewest words a text needs to carry a
	// near-duplicate signature.
	MinNearTokens = 6
	// NearThreshold is the least estimated Jaccard similarity of the
	// shingle sets for two texts to be near-duplicates. At 0.75 one word
	// appended to a text of 10 words or more stays a near-duplicate, while
	// one word replaced (another name in a template) does so only in texts
	// of 23 words or more.
	NearThreshold = 0.75

	numHashes = 64
	bandRows  = 4
	numBands  = 8 // over the first numBands*bandRows positions
	// simHexLen is the length of Record.Sim: 64 8-bit MinHash values then
	// the 64-bit fingerprint of the number tokens.
	simHexLen = numHashes*2 + 16
)

// nearSignature hashes shingles of exactly three words; this fails to
// compile if ShingleSize changes.
var _ = [1]struct{}{}[ShingleSize-3]

// signature is a text's near-duplicate signature.
type signature struct {
	mins [numHashes]uint8
	nums uint64 // fingerprint of the number tokens, 0 when there are none
}

var hashSeeds = func() (s [numHashes]uint64) {
	x := uint64(0x243F6A8885A308D3) // digits of pi: any fixed value will do
	for i := range s {
		x = splitmix64(x)
		s[i] = x
	}
	return s
}()

// splitmix64 is a fast 64-bit mixer; FNV alone mixes too weakly for
// MinHash, whose positions must behave like independent permutations.
func splitmix64(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// nearSignature computes the signature of a normalised text; ok is false
// when the text is too short to carry one. The words are split at single
// spaces, which is strings.Fields on a normalised text, without building a
// slice of them; each shingle is hashed with FNV-1a 64 over its words, each
// followed by a zero byte.
func nearSignature[T string | []byte](normalised T) (sig signature, ok bool) {
	if !hasBytes(normalised, ' ', MinNearTokens-1) {
		return sig, false
	}
	var mins [numHashes]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	// Shingle hashes wait in batch until minHashes takes them together.
	var batch [64]uint64
	nb := 0
	// The FNV-1a states of the shingles begun at the word before last, the
	// last word and this word: each word's bytes go into all three in one
	// pass, three independent chains of multiplications instead of hashing
	// every word three times over.
	var h0, h1, h2 uint64
	var seen [seenSlots]uint64
	nseen := 0
	n := 0 // words seen
	nums, numsSeen := uint64(fnvOffset64), false
	for pos := 0; pos < len(normalised); {
		if normalised[pos] == ' ' { // not normalised: skip the empty word, as Fields would
			pos++
			continue
		}
		h0, h1, h2 = h1, h2, fnvOffset64
		// The word's bytes are hashed as it is looked for its end and for
		// a digit: ASCII ones on the way, others (rarer) afterwards.
		start, digit, wide := pos, false, false
		for ; pos < len(normalised) && normalised[pos] != ' '; pos++ {
			c := normalised[pos]
			digit = digit || c >= '0' && c <= '9'
			wide = wide || c >= utf8.RuneSelf
			h0, h1, h2 = (h0^uint64(c))*fnvPrime64, (h1^uint64(c))*fnvPrime64, (h2^uint64(c))*fnvPrime64
		}
		word := normalised[start:pos]
		pos++ // the space
		n++
		if digit || wide && hasWideDigit(word) {
			nums = fnvAdd(nums, word) * fnvPrime64 // the zero byte after the word: h ^ 0 == h
			numsSeen = true
		}
		// The zero byte after the word.
		h0, h1, h2 = h0*fnvPrime64, h1*fnvPrime64, h2*fnvPrime64
		if n < ShingleSize {
			continue
		}
		// h0 is the shingle of this word and the two before it. A shingle
		// met before in the text cannot lower any minimum: skip it. One
		// shingle in eight of the corpus repeats one of its post, and
		// minHashes costs as much as sixty lookups in seen (eight with
		// AVX-512).
		if seenShingle(&seen, &nseen, h0) {
			continue
		}
		batch[nb] = h0
		if nb++; nb == len(batch) {
			minHashes(&mins, batch[:])
			nb = 0
		}
	}
	if n < MinNearTokens {
		return signature{}, false
	}
	minHashes(&mins, batch[:nb])
	for j, v := range mins {
		sig.mins[j] = uint8(v)
	}
	if numsSeen {
		// The fingerprint of the words holding a digit, in order, each
		// followed by a zero byte; 0 when there are none.
		sig.nums = nums
	}
	return sig, true
}

// seenSlots is the size of nearSignature's table of the shingles it has
// hashed, enough for most texts; past seenMax of them the table is full and
// the shingles of the rest of a longer text are all hashed.
const (
	seenSlots = 256
	seenMax   = seenSlots * 3 / 4
)

// seenShingle reports whether h is in seen, an open-addressing table of
// nseen shingle hashes with 0 for an empty slot, and adds it when not. A
// hash of 0 is never found, nor anything once the table is full: then h is
// hashed again, which is slower but no less right.
func seenShingle(seen *[seenSlots]uint64, nseen *int, h uint64) bool {
	if h == 0 || *nseen >= seenMax {
		return false
	}
	// FNV's high bits mix poorly: multiply before taking them.
	for i := (h * 0x9E3779B97F4A7C15) >> 56; ; i = (i + 1) % seenSlots {
		switch seen[i] {
		case h:
			return true
		case 0:
			seen[i] = h
			*nseen++
			return false
		}
	}
}

// hasBytes reports whether s holds c at least n times. It stops at the
// n-th: the words of a text only need counting up to MinNearTokens.
func hasBytes[T string | []byte](s T, c byte, n int) bool {
	for i := 0; i < len(s) && n > 0; i++ {
		if s[i] == c {
			n--
		}
	}
	return n <= 0
}

// minHashesGeneric lowers each mins[j] to the least hash j of the shingle
// hashes in shs. Looping over the shingles inside the loop over the 64 hash
// functions keeps the running minimum and the seed in registers; this loop
// is most of the cost of a signature.
func minHashesGeneric(mins *[numHashes]uint64, shs []uint64) {
	// Four hash functions a pass over shs: four independent chains of
	// multiplications keep the CPU busy while each waits for its own.
	for j := 0; j < numHashes; j += 4 {
		s0, s1, s2, s3 := hashSeeds[j], hashSeeds[j+1], hashSeeds[j+2], hashSeeds[j+3]
		m0, m1, m2, m3 := mins[j], mins[j+1], mins[j+2], mins[j+3]
		for _, sh := range shs {
			// min, not an if: the compiler makes it a conditional move.
			m0 = min(m0, splitmix64(sh^s0))
			m1 = min(m1, splitmix64(sh^s1))
			m2 = min(m2, splitmix64(sh^s2))
			m3 = min(m3, splitmix64(sh^s3))
		}
		mins[j], mins[j+1], mins[j+2], mins[j+3] = m0, m1, m2, m3
	}
}

// hasWideDigit reports whether word holds a decimal digit outside ASCII.
// It decodes only the characters whose first byte may begin one.
func hasWideDigit[T string | []byte](word T) bool {
	for i := 0; i < len(word); i++ {
		if !digitLeads[word[i]] {
			// ASCII, a continuation byte, or the first byte of a
			// character that is no digit.
			continue
		}
		var r rune
		var n int
		// Not DecodeRuneInString(string(word[i:])), which copies a
		// []byte into a string.
		switch w := any(word).(type) {
		case string:
			r, n = utf8.DecodeRuneInString(w[i:])
		case []byte:
			r, n = utf8.DecodeRune(w[i:])
		}
		if r != utf8.RuneError && blockOf(r).info[r&63]&runeDigit != 0 {
			return true
		}
		i += n - 1
	}
	return false
}

// digitLeads marks the bytes that begin the UTF-8 of a decimal digit
// (unicode.IsDigit, as runeDigit) outside ASCII: 8 of the 256, which
// the common CJK ideographs (U+4E00 to U+9FFF), kana, and most Latin,
// Greek and Cyrillic letters do not begin with; some Hangul (U+AC00 to
// U+AFFF) and fullwidth forms do.
var digitLeads = func() (t [256]bool) {
	mark := func(lo, hi, stride rune) {
		for r := lo; r <= hi; r += stride {
			if r >= utf8.RuneSelf {
				t[utf8.AppendRune(nil, r)[0]] = true
			}
		}
	}
	for _, r := range unicode.Digit.R16 {
		mark(rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	for _, r := range unicode.Digit.R32 {
		mark(rune(r.Lo), rune(r.Hi), rune(r.Stride))
	}
	return t
}()

// fnvAdd continues the FNV-1a 64 hash h over s.
func fnvAdd[T string | []byte](h uint64, s T) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime64
	}
	return h
}

// similarity estimates the Jaccard similarity of the shingle sets.
func (s *signature) similarity(o *signature) float64 {
	// The positions agree where the bytes of their XOR are zero: eight at
	// a time, a byte's high bit is set in m when the byte is not zero.
	const low7, high = 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	n := numHashes
	for i := 0; i < numHashes; i += 8 {
		x := binary.LittleEndian.Uint64(s.mins[i:]) ^ binary.LittleEndian.Uint64(o.mins[i:])
		m := ((x & low7) + low7 | x) & high
		n -= bits.OnesCount64(m)
	}
	// Unequal minima agree in their low 8 bits by chance 1 time in 256.
	const chance = 1.0 / 256
	p := float64(n) / numHashes
	return max(0, (p-chance)/(1-chance))
}

// bands returns the LSH bucket keys of the bands. They include the
// number tokens, which near-duplicates share: posts from one template with
// other numbers (thousands of "Day N of ..." posts) then fall in other
// buckets instead of crowding the draft's with candidates that cannot
// match. The number tokens' fingerprint is mixed once for all the bands.
func (s *signature) bands() (keys [numBands]uint64) {
	nums := splitmix64(s.nums)
	for b := range keys {
		m := s.mins[b*bandRows : b*bandRows+bandRows]
		k := uint64(m[0]) | uint64(m[1])<<8 | uint64(m[2])<<16 | uint64(m[3])<<24 | uint64(b)<<32
		keys[b] = splitmix64(k ^ nums)
	}
	return keys
}

// String returns the signature as Record.Sim holds it: the 64 minima
// then the number fingerprint, high byte first, in lowercase hex. It is written
// into a buffer on the stack, one allocation where hex.EncodeToString
// makes two.
func (s *signature) String() string {
	var buf [simHexLen / 2]byte
	copy(buf[:], s.mins[:])
	for i := 0; i < 8; i++ {
		buf[numHashes+i] = byte(s.nums >> (56 - 8*i))
	}
	var out [simHexLen]byte
	hex.Encode(out[:], buf[:])
	return string(out[:])
}

var errBadSim = errors.New("bad near-duplicate signature")
