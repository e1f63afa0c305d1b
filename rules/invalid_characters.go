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
		if !hasInvalid(text) {
			return nil
		}
		for i, r := range text {
			if name, bad := invalidNames[r]; bad {
				pass.Reportf("invalid characters", pass.Post.TextSpan(i, i+len(string(r))), "",
					"the text holds U+%04X (%s), which X refuses", r, name)
			}
		}
		return nil
	},
}

var invalidNames = map[rune]string{
	0xFFFE: "a noncharacter",
	0xFEFF: "a byte-order mark",
	0xFFFF: "a noncharacter",
}

// hasInvalid reports whether s holds U+FFFE, U+FEFF or U+FFFF. All three
// are encoded as 0xEF and two more bytes, so it looks at the 0xEF bytes
// only; strings.ContainsAny would decode every character of every post.
func hasInvalid(s string) bool {
	for {
		i := strings.IndexByte(s, 0xEF)
		if i < 0 {
			return false
		}
		s = s[i:]
		if strings.HasPrefix(s, "\uFEFF") || strings.HasPrefix(s, "\uFFFE") || strings.HasPrefix(s, "\uFFFF") {
			return true
		}
		s = s[1:]
	}
}
