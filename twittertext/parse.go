package twittertext

import (
	"sort"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Entity is something found in a text. Start and End are byte offsets into
// the original (not NFC-normalised) Go string, End exclusive.
type Entity struct {
	Text       string
	Start, End int
}

// Result is what Parse reports about a post.
type Result struct {
	// WeightedLength is twitter-text's parseTweet weightedLength (the
	// weighted sum divided by Config.Scale, rounded down).
	WeightedLength int
	// Valid is parseTweet's valid: not empty, within the maximum and free of
	// the characters twitter-text refuses (U+FFFE, U+FEFF, U+FFFF).
	Valid bool
	// ValidEnd is the byte offset in the original text where the longest
	// valid prefix ends, so the first character past the limit starts
	// there; it is len(text) when the text is within the maximum. Like
	// parseTweet's validRangeEnd it also stops before the first refused
	// character.
	ValidEnd int
	// URLs are the URLs counted, found in the NFC text as ExtractURLs finds
	// them; Start and End are mapped back to the original text and Text is
	// the original text of that span.
	URLs []Entity
}

// offsetMap maps byte offsets of the NFC form of a text back to the text.
type offsetMap struct {
	// nfc[i] and orig[i] are the starts of the i-th normalisation segment.
	nfc, orig []int
	origLen   int
}

// normalize returns the NFC form of text and, when it differs, the map
// back to text's offsets.
func normalize(text string) (string, *offsetMap) {
	if norm.NFC.IsNormalString(text) {
		return text, nil
	}
	m := &offsetMap{origLen: len(text)}
	out := make([]byte, 0, len(text)+len(text)/8)
	var it norm.Iter
	it.InitString(norm.NFC, text)
	for !it.Done() {
		m.nfc = append(m.nfc, len(out))
		m.orig = append(m.orig, it.Pos())
		out = append(out, it.Next()...)
	}
	// The ends match too: an offset at the end of the NFC text is exact.
	m.nfc = append(m.nfc, len(out))
	m.orig = append(m.orig, len(text))
	return string(out), m
}

// start maps an NFC offset to the start of its segment in the original.
func (m *offsetMap) start(x int) int {
	if m == nil {
		return x
	}
	i := sort.SearchInts(m.nfc, x+1) - 1
	if i < 0 {
		return 0
	}
	return m.orig[i]
}

// end maps an NFC offset to the end of its segment in the original.
func (m *offsetMap) end(x int) int {
	if m == nil {
		return x
	}
	i := sort.SearchInts(m.nfc, x)
	if i >= len(m.nfc) {
		return m.origLen
	}
	return m.orig[i]
}

// Parse measures text as twitter-text's parseTweet does with config c (nil
// means DefaultConfig): NFC first, each URL counts c.TransformedURLLength,
// each emoji sequence c.DefaultWeight when c.EmojiParsingEnabled, and every
// other code point the weight of its range. Offsets are in the original
// text.
func Parse(text string, c *Config) Result {
	if c == nil {
		c = DefaultConfig()
	}
	nt, m := normalize(text)
	var res Result
	res.URLs = extractURLs(nt, nil)
	es, ee := -1, -1 // the next emoji match [es, ee), found lazily
	if c.EmojiParsingEnabled {
		initEmoji()
		es, ee = emoji.next(nt, 0)
	}
	scale := c.Scale
	if scale <= 0 {
		scale = 1
	}
	limit := c.MaxWeightedTweetLength * scale
	weighted := 0
	valid := true
	validEnd := 0
	ui := 0                 // next URL to consider
	lowSurrogate := rune(0) // the half of a pair a URL's length left unread
	for i := 0; i < len(nt) || lowSurrogate != 0; {
		itemEnd := i
		if lowSurrogate != 0 {
			weighted += c.weight(lowSurrogate)
			lowSurrogate = 0
		} else {
			for ui < len(res.URLs) && res.URLs[ui].Start < i {
				ui++
			}
			// Matches are found one after the other, as twemoji's global
			// expression finds them; those starting inside an item are
			// skipped, as parseTweet skips them.
			for es >= 0 && es < i {
				es, ee = emoji.next(nt, ee)
			}
			switch {
			case ui < len(res.URLs) && res.URLs[ui].Start == i:
				u := res.URLs[ui]
				weighted += c.TransformedURLLength * scale
				// parseTweet skips the length of the URL's text, which is
				// its span except in one rare protocol-less case.
				itemEnd, lowSurrogate = skipUTF16(nt, i, utf16Len(u.Text))
			case es == i:
				weighted += c.DefaultWeight
				itemEnd = ee
			default:
				r, size := utf8.DecodeRuneInString(nt[i:])
				if r >= 0x10000 {
					weighted += c.weight(0xD800 + (r-0x10000)>>10)
				} else {
					weighted += c.weight(r)
					if valid && isInvalidChar(r) {
						valid = false
					}
				}
				itemEnd = i + size
			}
		}
		if valid && weighted <= limit {
			validEnd = itemEnd
		}
		i = itemEnd
	}
	res.WeightedLength = weighted / scale
	res.Valid = valid && weighted > 0 && weighted <= limit
	res.ValidEnd = m.start(validEnd)
	if m != nil {
		for k := range res.URLs {
			u := &res.URLs[k]
			u.Start, u.End = m.start(u.Start), m.end(u.End)
			u.Text = text[u.Start:u.End]
		}
	}
	return res
}

// skipUTF16 advances n UTF-16 code units from byte i of s. When that ends
// inside a supplementary character it returns the character's end and its
// low surrogate, which parseTweet then weighs on its own.
func skipUTF16(s string, i, n int) (int, rune) {
	for n > 0 && i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r >= 0x10000 {
			if n == 1 {
				return i, 0xDC00 + (r-0x10000)&0x3FF
			}
			n -= 2
		} else {
			n--
		}
	}
	return i, 0
}
