package rules

import (
	"strconv"

	"github.com/xlint/xlint/history"
	"github.com/xlint/xlint/lint"
)

// DuplicateRules is the duplicate-rules rule: another account posted the same or a near-identical text, or near-duplicates come in tight succession.
var DuplicateRules = &lint.Rule{
	ID:       "duplicate-rules",
	Codes:    []string{"duplicate-rules"},
	Severity: lint.Error,
	Batch:    true,
	Doc: lint.Doc{
		Title: "another account posted the same or a near-identical text, or near-duplicates come in tight succession",
		Text:  "X's automation rules forbid posting the same or nearly the same text from several accounts, and many near-identical posts in quick succession; X answers that the request looks automated. xlint flags a post that matches another account's post inside `window`, or that would be the 3rd near-duplicate inside 1 hour across accounts (`limits.near_duplicates`, `limits.near_duplicate_window`).",
		Fix:   "post distinct text from each account, and space near-identical posts out",
	},
	Run: func(pass *lint.Pass) error {
		if m, ok := firstMatch(pass, false, history.Identical, history.Normalized, history.Near); ok {
			pass.Reportf("duplicate-rules", pass.Post.WholeText(), "", "the text %s %s", likeness(m), earlier(m.Record))
			return nil
		}
		limit := pass.Limits.NearDuplicates
		if limit <= 0 {
			return nil
		}
		if n := pass.Facts.Recent + 1; n >= limit {
			nth := strconv.Itoa(n) + ordinal(n)
			first := "the first is "
			if pass.Facts.Partial {
				// Only the newest of that many copies were looked at.
				nth, first = "at least the "+nth, "the first seen is "
			} else {
				nth = "the " + nth
			}
			pass.Reportf("duplicate-rules", pass.Post.WholeText(), "",
				"this would be %s near-identical post within %s (X treats %d as automated); %s%s",
				nth, span(pass.Limits.NearDuplicateWindow.Duration), limit, first, earlier(pass.Facts.FirstRecent.Record))
		}
		return nil
	},
}
