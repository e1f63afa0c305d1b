package rules

import (
	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/lint"
)

// AlreadyPosted is the already-posted rule: the account already posted this exact text inside the window.
var AlreadyPosted = &lint.Rule{
	ID:       "already-posted",
	Codes:    []string{"you have already posted this"},
	Severity: lint.Error,
	Batch:    true,
	Doc: lint.Doc{
		Title: "the account already posted this exact text inside the window",
		Text:  "X refuses a post whose text the same account posted recently, with \"You are not allowed to create a Tweet with duplicate content.\" xlint looks back `window` (24 h) from the post's `at` through the history and the earlier posts of the run.",
		Fix:   "change the text, or wait until the earlier post is out of the window",
	},
	Run: func(pass *lint.Pass) error {
		if m, ok := firstMatch(pass, true, history.Identical); ok {
			pass.Reportf("you have already posted this", pass.Post.WholeText(), "",
				"the text is the same as %s", earlier(m.Record))
		}
		return nil
	},
}
