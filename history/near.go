package history

import (
	"encoding/hex"
	"errors"
	"hash/fnv"
	"strings"
	"unicode"
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
// when the text is too short to carry one.
func nearSignature(normalised string) (sig signature, ok bool) {
	words := strings.Fields(normalised)
	if len(words) < MinNearTokens {
		return sig, false
	}
	var mins [numHashes]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	h := fnv.New64a()
	for i := 0; i+ShingleSize <= len(words); i++ {
		h.Reset()
		for _, w := range words[i : i+ShingleSize] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		sh := h.Sum64()
		for j := range mins {
			if v := splitmix64(sh ^ hashSeeds[j]); v < mins[j] {
				mins[j] = v
			}
		}
	}
	for j, v := range mins {
		sig.mins[j] = uint8(v)
	}
	sig.nums = numbersKey(words)
	return sig, true
}

// numbersKey fingerprints the words holding a digit, in order.
func numbersKey(words []string) uint64 {
	h := fnv.New64a()
	n := 0
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			h.Write([]byte(w))
			h.Write([]byte{0})
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return h.Sum64()
}

// similarity estimates the Jaccard similarity of the shingle sets.
func (s *signature) similarity(o *signature) float64 {
	n := 0
	for i := range s.mins {
		if s.mins[i] == o.mins[i] {
			n++
		}
	}
	// Unequal minima agree in their low 8 bits by chance 1 time in 256.
	const chance = 1.0 / 256
	p := float64(n) / numHashes
	return max(0, (p-chance)/(1-chance))
}

// band returns the LSH bucket key of band b. It includes the number
// tokens, which near-duplicates share: posts from one template with other
// numbers (thousands of "Day N of ..." posts) then fall in other buckets
// instead of crowding the draft's with candidates that cannot match.
func (s *signature) band(b int) uint64 {
	m := s.mins[b*bandRows : b*bandRows+bandRows]
	k := uint64(m[0]) | uint64(m[1])<<8 | uint64(m[2])<<16 | uint64(m[3])<<24 | uint64(b)<<32
	return splitmix64(k ^ splitmix64(s.nums))
}

func (s *signature) String() string {
	var buf [simHexLen / 2]byte
	copy(buf[:], s.mins[:])
	for i := 0; i < 8; i++ {
		buf[numHashes+i] = byte(s.nums >> (56 - 8*i))
	}
	return hex.EncodeToString(buf[:])
}

var errBadSim = errors.New("bad near-duplicate signature")
