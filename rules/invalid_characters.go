package rules

import (
	"strings"

	"github.com/xlint/xlint/lint"
)

// InvalidCharacters finds the code points twitter-text declares invalid.
var InvalidCharacters = &lint.Rule{
	ID:       "invalid-characters",
	Codes:    []string{"invalid characters"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "the text holds a character X refuses (U+FFFE, U+FEFF, U+FFFF)",
		Text:  "twitter-text treats U+FFFE, U+FEFF (the byte-order mark) and U+FFFF as invalid, and X refuses posts that contain them. They are invisible and usually come from text copied out of another file.",
		Fix:   "delete the invisible character",
	},
	Run: func(pass *lint.Pass) error {
		text := pass.Post.Text
		for off := 0; ; off += 3 { // each of the three is three bytes long
			i, r := nextInvalid(text[off:])
			if i < 0 {
				return nil
			}
			off += i
			pass.Reportf("invalid characters", pass.Post.TextSpan(off, off+3), "",
				"the text holds U+%04X (%s), which X refuses", r, invalidNames[r])
		}
	},
}

var invalidNames = map[rune]string{
	0xFFFE: "a noncharacter",
	0xFEFF: "a byte-order mark",
	0xFFFF: "a noncharacter",
}

// nextInvalid returns the offset in s of the first U+FFFE, U+FEFF or
// U+FFFF, and which it is; -1 when there is none. All three are encoded as
// 0xEF and two more bytes, so it looks at the 0xEF bytes only, which
// begin a character wherever they are; decoding every character of every
// post would cost more.
func nextInvalid(s string) (int, rune) {
	for off := 0; ; off++ {
		i := strings.IndexByte(s[off:], 0xEF)
		if i < 0 {
			return -1, 0
		}
		off += i
		switch s[off+1 : min(off+3, len(s))] {
		case "\xbb\xbf":
			return off, 0xFEFF
		case "\xbf\xbe":
			return off, 0xFFFE
		case "\xbf\xbf":
			return off, 0xFFFF
		}
	}
}
