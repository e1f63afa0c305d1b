package rules

import (
	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/lint"
)

// Duplicate is the duplicate rule: the account posted the same text, but for case, spacing, punctuation, emoji or links, inside the window.
var Duplicate = &lint.Rule{
	ID:       "duplicate",
	Codes:    []string{"duplicate"},
	Severity: lint.Error,
	Batch:    true,
	Doc: lint.Doc{
		Title: "the account posted the same text, but for case, spacing, punctuation, emoji or links, inside the window",
		Text:  "X compares a post with the account's recent ones after ignoring case, spacing, punctuation, emoji, invisible characters and tracking parameters in links, and treats a near-identical text as a duplicate too. xlint normalises the same way and finds near-duplicates by word shingles (history package: the threshold is documented there); posts that share a template but say different things are not duplicates.",
		Fix:   "say something new: rewording the text, not its punctuation or emoji, is what counts",
	},
	Run: func(pass *lint.Pass) error {
		if _, ok := firstMatch(pass, true, history.Identical); ok {
			return nil // already-posted says it
		}
		if m, ok := firstMatch(pass, true, history.Normalized, history.Near); ok {
			pass.Reportf("duplicate", pass.Post.WholeText(), "", "the text %s %s", likeness(m), earlier(m.Record))
		}
		return nil
	},
}
