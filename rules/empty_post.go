package rules

import (
	"strings"
	"unicode"

	"github.com/xlint/xlint/lint"
)

// EmptyPost finds posts with neither text nor media.
var EmptyPost = &lint.Rule{
	ID:       "empty-post",
	Codes:    []string{"empty post"},
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "the post has no text and no media",
		Text:  "X needs a post to carry text or media. A draft whose text is empty or only white space, with nothing attached, is refused.",
		Fix:   "write the post's text or attach media",
	},
	Run: func(pass *lint.Pass) error {
		p := pass.Post
		if len(p.Media) > 0 || len(p.MediaIDs) > 0 || strings.IndexFunc(p.Text, func(r rune) bool { return !unicode.IsSpace(r) }) >= 0 {
			return nil
		}
		msg := "the post is empty"
		if p.Text != "" {
			msg = "the post's text is only white space"
		}
		pass.Reportf("empty post", p.WholeText(), "", "%s and it has no media", msg)
		return nil
	},
}
